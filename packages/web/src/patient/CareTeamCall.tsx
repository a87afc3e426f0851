/** "Call your care team" with their phone as a tel: link: from this device's copy first (offline), then the server's. */
import { useEffect, useState } from 'react';
import { useUser } from '../auth/session.ts';
import { cachedCareTeam, cacheCareTeam } from '../carry/care-team-cache.ts';
import { carryApi } from '../carry/carry-api.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function CareTeamCall() {
  const { t } = useI18n();
  const patientId = useUser().patientId ?? '';
  const [contact, setContact] = useState(() => cachedCareTeam(patientId));
  useEffect(() => {
    carryApi.organisation().then(
      ({ organisation }) => {
        const next = { name: organisation.name, phone: organisation.phone };
        cacheCareTeam(patientId, next);
        setContact(next);
      },
      () => {
        // Offline: the copy on this device (if any) stays on screen.
      },
    );
  }, [patientId]);
  if (contact === null || contact.phone === null) {
    return null;
  }
  return (
    <a className="button primary" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
      {t('patient.checkIn.callTeam', { phone: contact.phone })}
    </a>
  );
}
