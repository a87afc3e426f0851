/** Wraps the patient app for a caregiver: the "You are viewing …'s plan" banner and no buttons that change things. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import './careteam-patient.css';

export function CaregiverView({ user, children }: { user: Me; children: ReactNode }) {
  const [patientName, setPatientName] = useState<string | null>(null);
  const patientId = user.role === 'caregiver' ? user.patientId : null;
  useEffect(() => {
    if (patientId === null) {
      return;
    }
    let current = true;
    api.patient(patientId).then(
      (found) => {
        if (current) {
          setPatientName(found.patient.name);
        }
      },
      () => {
        // Offline: the banner waits; the view stays read-only regardless.
      },
    );
    return () => {
      current = false;
    };
  }, [patientId]);
  if (patientId === null) {
    return <>{children}</>;
  }
  return (
    <>
      {patientName !== null && <CaregiverBanner patientName={patientName} />}
      <div className="caregiver-view">{children}</div>
    </>
  );
}

/** For a caregiver: whose plan this is, and that they can only look. */
export function CaregiverBanner({ patientName }: { patientName: string }) {
  const { t } = useI18n();
  const first = patientName.trim().split(/\s+/)[0] ?? patientName;
  return (
    <p className="caregiver-banner" role="note" data-testid="caregiver-banner">
      {t('careteam.caregiver.banner', { name: first })}
    </p>
  );
}
