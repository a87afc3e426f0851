/** The care team's home: every patient with their day of recovery and open alerts, and the ways to add people. */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { PatientSummary } from '../api/types.ts';
import { useUser } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';

export function CareTeamHome() {
  const { t } = useI18n();
  const user = useUser();
  const [patients, setPatients] = useState<PatientSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api.patients().then(
      (body) => {
        if (current) {
          setPatients(body.patients);
        }
      },
      (failure: unknown) => {
        if (current) {
          setError(failure);
        }
      },
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="screen">
      <ScreenTitle>{t('team.title')}</ScreenTitle>
      <p className="muted">{t('team.signedInAs', { name: user.name })}</p>
      <div className="actions">
        <a className="button primary" href={href('/enrol')}>
          {t('team.enrol')}
        </a>
        {user.role === 'admin' && (
          <a className="button" href={href('/team')}>
            {t('team.addClinician')}
          </a>
        )}
      </div>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {patients === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {patients?.length === 0 && <p>{t('team.noPatients')}</p>}
      {patients && patients.length > 0 && (
        <ul className="patient-list">
          {patients.map((patient) => {
            const { emergency, contactProvider } = patient.openAlerts;
            const hasAlerts = emergency + contactProvider > 0;
            return (
              <li key={patient.id} className={emergency > 0 ? 'card card-emergency' : 'card'}>
                <h2 className="card-title">{patient.name}</h2>
                <p>{t('team.day', { n: patient.day })}</p>
                <p className={hasAlerts ? 'alert-count' : 'muted'}>
                  {hasAlerts ? t('team.alerts', { emergency, contact: contactProvider }) : t('team.noAlerts')}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
