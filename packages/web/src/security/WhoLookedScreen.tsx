/** "#/who-looked": the patient's own list of who opened or changed their record, and their data rights below it. */
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../api/types.ts';
import { useSession } from '../auth/session.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { actionKey, thingKey } from './access-words.ts';
import { RecordRights } from './RecordRights.tsx';
import { securityApi } from './security-api.ts';
import type { AccessLogEntry } from './security-api.ts';
import './security.css';

const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'security.role.admin',
  clinician: 'security.role.clinician',
  patient: 'security.role.patient',
  caregiver: 'security.role.caregiver',
};

export function WhoLookedScreen({ patientId }: { patientId: string }) {
  const { t, locale } = useI18n();
  const { user, signOut } = useSession();
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (before?: string) => {
      try {
        const page = await securityApi.accessLog(patientId, before);
        setEntries((old) => (before === undefined ? page.entries : [...(old ?? []), ...page.entries]));
        setNext(page.nextBefore);
      } catch (failure) {
        setError(describeError(t, failure));
      }
    },
    [patientId, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const who = (entry: AccessLogEntry): string => {
    if (entry.actor === null) {
      return t('security.whoLooked.system');
    }
    if (entry.actor.you) {
      return t('security.whoLooked.you');
    }
    const role = entry.actor.role === null ? '' : t(ROLE_KEYS[entry.actor.role]);
    return entry.actor.name === null ? t('security.whoLooked.someone') : `${entry.actor.name} (${role})`;
  };

  return (
    <section className="screen narrow">
      <ScreenTitle>{t('security.whoLooked.title')}</ScreenTitle>
      <p>{t('security.whoLooked.intro')}</p>
      <FormMessage>{error}</FormMessage>
      {entries === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {entries?.length === 0 && <p>{t('security.whoLooked.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <ol className="access-log">
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="access-log-what">
                {t('security.entry', {
                  who: who(entry),
                  action: t(actionKey(entry.action)),
                  what: t(thingKey(entry.resourceType)),
                })}
              </span>
              <time dateTime={entry.at} className="muted">
                {when.format(new Date(entry.at))}
              </time>
            </li>
          ))}
        </ol>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)}>
          {t('security.whoLooked.more')}
        </button>
      )}
      {user?.role === 'patient' && (
        <RecordRights
          patientId={patientId}
          onDeleted={() => {
            void signOut();
          }}
        />
      )}
    </section>
  );
}
