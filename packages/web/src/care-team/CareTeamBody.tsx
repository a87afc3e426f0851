/** The care team's screens by route: loaded only on a care-team device, so patients' phones never download them. */
import type { Me } from '../api/types.ts';
import type { Route } from '../router.ts';
import { InboxScreen } from '../notify/InboxScreen.tsx';
import { AccountScreen } from '../security/AccountScreen.tsx';
import { AuditScreen } from '../security/AuditScreen.tsx';
import { AddMemberScreen } from './AddMemberScreen.tsx';
import { CareTeamHome } from './CareTeamHome.tsx';
import { EnrolScreen } from './EnrolScreen.tsx';
import { PatientRecordScreen } from './PatientRecordScreen.tsx';
import { TeamScreen } from './TeamScreen.tsx';

export default function CareTeamBody({ user, route, patientId }: { user: Me; route: Route; patientId: string | null }) {
  if (route === '/inbox') {
    return <InboxScreen />;
  }
  if (route === '/account') {
    return <AccountScreen />;
  }
  if (route === '/audit' && user.role === 'admin') {
    return <AuditScreen />;
  }
  if (route === '/enrol') {
    return <EnrolScreen />;
  }
  if (route === '/team' && user.role === 'admin') {
    return <AddMemberScreen />;
  }
  if (route === '/members' && user.role === 'admin') {
    return <TeamScreen />;
  }
  if (route === '/patient' && patientId !== null) {
    return <PatientRecordScreen key={patientId} patientId={patientId} />;
  }
  return <CareTeamHome />;
}
