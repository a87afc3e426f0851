/** The organisation's accounts (administrators only): who they are, and disabling or enabling them. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { TeamMember } from '../api/types.ts';
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { href } from '../router.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { formatInstant } from './format.ts';
import { OrganisationPhoneForm } from '../carry/OrganisationPhoneForm.tsx';
import './care-team.css';

/** The care team first (admins, then clinicians), then patients and caregivers; by name within each. */
const ROLE_ORDER = { admin: 0, clinician: 1, patient: 2, caregiver: 3 } as const;

export function TeamScreen() {
  const { t, locale } = useI18n();
  const me = useUser();
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const { users } = await api.team();
      setMembers(
        [...users].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name, locale)),
      );
    } catch (failure) {
      setError(failure);
    }
  }, [locale]);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(member: TeamMember): Promise<void> {
    const enable = member.disabledAt !== null;
    if (!enable && !window.confirm(t('members.confirmDisable', { name: member.name }))) {
      return;
    }
    setBusy(member.id);
    setDone(null);
    setError(null);
    try {
      await api.setAccountEnabled(member.id, enable);
      setDone(t(enable ? 'members.doneEnabled' : 'members.doneDisabled', { name: member.name }));
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="screen care-team">
      <BackLink />
      <ScreenTitle>{t('members.title')}</ScreenTitle>
      <div className="actions">
        <a className="button primary" href={href('/team')}>
          {t('members.add')}
        </a>
      </div>
      <OrganisationPhoneForm />
      {done !== null && <FormMessage tone="success">{done}</FormMessage>}
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {members === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {members !== null && (
        <ul className="members">
          {members.map((member) => (
            <li key={member.id} className={member.disabledAt === null ? 'card' : 'card member-disabled'}>
              <h2 className="card-title">{member.name}</h2>
              <p>
                {t(`members.role.${member.role}` as MessageKey)} · {member.email}
              </p>
              <p className={member.disabledAt === null ? 'muted' : 'alert-count'}>
                {member.disabledAt === null
                  ? t('members.active')
                  : t('members.disabled', { time: formatInstant(locale, member.disabledAt) })}
              </p>
              {member.id === me.id ? (
                <p className="muted">{t('members.you')}</p>
              ) : (
                <button
                  type="button"
                  disabled={busy === member.id}
                  aria-label={t(member.disabledAt === null ? 'members.disableFor' : 'members.enableFor', {
                    name: member.name,
                  })}
                  onClick={() => void toggle(member)}
                >
                  {t(member.disabledAt === null ? 'members.disable' : 'members.enable')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
