/** A notice on every patient screen while check-ins wait on the device, and for any the server refused. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { checkInQueue, useWaitingCheckIns } from './use-check-in-queue.ts';

export function PendingCheckIns({ patientId, showWaiting }: { patientId: string; showWaiting: boolean }) {
  const { t, locale } = useI18n();
  const { waiting, refused } = useWaitingCheckIns(patientId);
  const time = (iso: string): string =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <div role="status" className="pending-check-ins">
      {showWaiting && waiting.length > 0 && (
        <div className="pending-notice">
          <p>
            {waiting.length === 1
              ? t('patient.queue.waitingOne')
              : t('patient.queue.waitingMany', { count: waiting.length })}
          </p>
          <button type="button" onClick={() => void checkInQueue.flush(patientId)}>
            {t('patient.queue.sendNow')}
          </button>
        </div>
      )}
      {refused.map((item) => (
        <div className="pending-notice pending-refused" key={item.idempotencyKey}>
          <p>{t('patient.queue.refused', { time: time(item.createdAt), reason: item.refused ?? '' })}</p>
          <button
            type="button"
            onClick={() => {
              checkInQueue.remove(item.idempotencyKey);
            }}
          >
            {t('patient.queue.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
