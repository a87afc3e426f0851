/** "Add to my calendar" on a visit: downloads the visit as a calendar file, which phones offer to add to their calendar. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import { visitCalendarHref } from './carry-api.ts';

export function VisitCalendarLink({
  patientId,
  appointmentId,
  when,
}: {
  patientId: string;
  appointmentId: string;
  when: string;
}) {
  const { t } = useI18n();
  return (
    <a
      className="button"
      href={visitCalendarHref(patientId, appointmentId)}
      download
      aria-label={t('carry.cal.addLabel', { time: when })}
    >
      {t('carry.cal.add')}
    </a>
  );
}
