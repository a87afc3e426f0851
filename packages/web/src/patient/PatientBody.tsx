/**
 * Everything a signed-in patient or caregiver sees under the header: the navigation, the unread-messages note and the
 * screen for the route. A chunk of its own (the sign-in page does not need it); the service worker precaches it, so a
 * remembered patient still opens the app offline. Today, Medicines, Visits and Messages come with it; the check-in
 * (with the device triage) and the less-used screens are chunks of their own.
 */
import { useEffect } from 'react';
import type { Me } from '../api/types.ts';
import type { Route } from '../router.ts';
import { CaregiverView } from './CaregiverView.tsx';
import { MedicinesScreen } from './MedicinesScreen.tsx';
import { MessagesScreen, UnreadMessagesNote } from './MessagesScreen.tsx';
import { PatientNav } from './PatientNav.tsx';
import { TodayScreen } from './TodayScreen.tsx';
import { VisitsScreen } from './VisitsScreen.tsx';
import { lazyScreen } from '../ui/lazy-screen.tsx';

const loadCheckIn = () => import('./CheckInScreen.tsx').then((m) => m.CheckInScreen);
const CheckInScreen = lazyScreen(loadCheckIn);
const HistoryScreen = lazyScreen(() => import('./HistoryScreen.tsx').then((m) => m.HistoryScreen));
const ActivityScreen = lazyScreen(() => import('./ActivityScreen.tsx').then((m) => m.ActivityScreen));
const LearnScreen = lazyScreen(() => import('./LearnScreen.tsx').then((m) => m.LearnScreen));
const WhoLookedScreen = lazyScreen(() => import('../security/WhoLookedScreen.tsx').then((m) => m.WhoLookedScreen));
const SettingsScreen = lazyScreen(() => import('./SettingsScreen.tsx').then((m) => m.SettingsScreen));
const CarryScreen = lazyScreen(() => import('../carry/CarryScreen.tsx').then((m) => m.CarryScreen));
const InboxScreen = lazyScreen(() => import('../notify/InboxScreen.tsx').then((m) => m.InboxScreen));
const CaregiverScreen = lazyScreen(() => import('./CaregiverScreen.tsx').then((m) => m.CaregiverScreen));

export default function PatientBody({ user, patientId, route }: { user: Me; patientId: string; route: Route }) {
  useEffect(() => {
    // The check-in (and its triage on the device) must work if the signal goes next: fetch it now, in the background.
    loadCheckIn().catch(() => undefined);
  }, []);
  return (
    <>
      <PatientNav route={route} patientId={patientId} />
      <UnreadMessagesNote patientId={patientId} />
      <CaregiverView user={user}>
        {route === '/check-in' ? (
          <CheckInScreen patientId={patientId} />
        ) : route === '/medicines' ? (
          <MedicinesScreen patientId={patientId} />
        ) : route === '/visits' ? (
          <VisitsScreen patientId={patientId} />
        ) : route === '/history' ? (
          <HistoryScreen patientId={patientId} />
        ) : route === '/activity' ? (
          <ActivityScreen patientId={patientId} />
        ) : route === '/learn' ? (
          <LearnScreen />
        ) : route === '/who-looked' ? (
          <WhoLookedScreen patientId={patientId} />
        ) : route === '/settings' ? (
          <SettingsScreen patientId={patientId} />
        ) : route === '/carry' ? (
          <CarryScreen patientId={patientId} />
        ) : route === '/inbox' ? (
          <InboxScreen />
        ) : route === '/messages' ? (
          <MessagesScreen patientId={patientId} />
        ) : route === '/caregiver' && user.role === 'patient' ? (
          <CaregiverScreen patientId={patientId} />
        ) : (
          <TodayScreen patientId={patientId} />
        )}
      </CaregiverView>
    </>
  );
}
