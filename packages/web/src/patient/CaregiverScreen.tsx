/** The patient's helper at home (#/caregiver): invite one (link, code, QR code), see who can look, remove them. */
import { useCallback, useEffect, useState } from 'react';
import { careteamApi } from '../api/careteam.ts';
import type { Caregiver } from '../api/careteam.ts';
import type { InviteAnswer } from '../api/invites.ts';
import { useUser } from '../auth/session.ts';
import { InviteCard } from '../care-team/InviteCard.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import './careteam-patient.css';

export function CaregiverScreen({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const user = useUser();
  const [caregivers, setCaregivers] = useState<Caregiver[] | null>(null);
  const [invite, setInvite] = useState<InviteAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setCaregivers((await careteamApi.caregivers(patientId)).caregivers);
    } catch (failure) {
      setError(describeError(t, failure));
    }
  }, [patientId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await action();
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow caregiver-screen">
      <ScreenTitle>{t('careteam.caregiver.title')}</ScreenTitle>
      <p>{t('careteam.caregiver.intro')}</p>
      {error !== null && <FormMessage>{error}</FormMessage>}
      {done !== null && <FormMessage tone="success">{done}</FormMessage>}
      {caregivers !== null && caregivers.length === 0 && <p className="muted">{t('careteam.caregiver.none')}</p>}
      {caregivers !== null && caregivers.length > 0 && (
        <ul className="plan-list">
          {caregivers.map((caregiver) => (
            <li key={caregiver.id}>
              <strong>{caregiver.name}</strong> ({caregiver.email}){' '}
              <button
                type="button"
                aria-label={t('careteam.caregiver.removeNamed', { name: caregiver.name })}
                disabled={busy}
                onClick={() => {
                  if (window.confirm(t('careteam.caregiver.confirmRemove', { name: caregiver.name }))) {
                    void run(async () => {
                      await careteamApi.removeCaregiver(patientId, caregiver.id);
                      setDone(t('careteam.caregiver.removed', { name: caregiver.name }));
                      await load();
                    });
                  }
                }}
              >
                {t('careteam.caregiver.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          void run(async () => {
            setInvite((await careteamApi.inviteCaregiver(patientId)).invite);
          });
        }}
      >
        {t('careteam.caregiver.invite')}
      </button>
      {invite !== null && (
        <>
          <p>{t('careteam.caregiver.inviteDone')}</p>
          <InviteCard name={user.name} invite={invite} />
        </>
      )}
    </section>
  );
}
