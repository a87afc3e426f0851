/** The app shell: finds out whether setup is needed and who is signed in, then shows the screen for the route. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from './api/client.ts';
import { ApiError } from './api/errors.ts';
import type { Me } from './api/types.ts';
import { rememberedUser, rememberUser } from './auth/remembered-user.ts';
import { SessionContext } from './auth/session.ts';
import type { Session } from './auth/session.ts';
import { JoinScreen } from './auth/JoinScreen.tsx';
import { SetupScreen } from './auth/SetupScreen.tsx';
import { SignInScreen } from './auth/SignInScreen.tsx';
import { useI18n } from './i18n/I18nProvider.tsx';
import { hasStoredLanguage } from './i18n/index.ts';
import { CheckInScreen } from './patient/CheckInScreen.tsx';
import { EmergencyScreen } from './patient/EmergencyScreen.tsx';
import { MedicinesScreen } from './patient/MedicinesScreen.tsx';
import { PatientNav } from './patient/PatientNav.tsx';
import { TodayScreen } from './patient/TodayScreen.tsx';
import { MessagesScreen, UnreadMessagesNote } from './patient/MessagesScreen.tsx';
import { CaregiverView } from './patient/CaregiverView.tsx';
import { VisitsScreen } from './patient/VisitsScreen.tsx';
import { forgetPushOnThisDevice } from './notify/push-subscription.ts';
import { navigate, usePatientId, useRoute } from './router.ts';
import type { Route } from './router.ts';
import { Header } from './ui/Header.tsx';
import { describeError } from './ui/form-errors.ts';

/** Screens most visits never open: fetched when first needed (the service worker keeps them for offline use). */
const CareTeamBody = lazy(() => import('./care-team/CareTeamBody.tsx'));
const HistoryScreen = lazy(() => import('./patient/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen })));
const ActivityScreen = lazy(() => import('./patient/ActivityScreen.tsx').then((m) => ({ default: m.ActivityScreen })));
const LearnScreen = lazy(() => import('./patient/LearnScreen.tsx').then((m) => ({ default: m.LearnScreen })));
const WhoLookedScreen = lazy(() =>
  import('./security/WhoLookedScreen.tsx').then((m) => ({ default: m.WhoLookedScreen })),
);
const SettingsScreen = lazy(() => import('./patient/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen })));
const CarryScreen = lazy(() => import('./carry/CarryScreen.tsx').then((m) => ({ default: m.CarryScreen })));
const InboxScreen = lazy(() => import('./notify/InboxScreen.tsx').then((m) => ({ default: m.InboxScreen })));
const CaregiverScreen = lazy(() =>
  import('./patient/CaregiverScreen.tsx').then((m) => ({ default: m.CaregiverScreen })),
);

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'needs-setup' }
  | { state: 'signed-out'; notice: string | null }
  | { state: 'signed-in'; user: Me };

async function discover(): Promise<Boot> {
  try {
    return await askServer();
  } catch (error) {
    // No answer at all (offline): open as the person last signed in here; the server still checks every request.
    const remembered = rememberedUser();
    if (error instanceof ApiError && error.status === 0 && remembered !== null) {
      return { state: 'signed-in', user: remembered };
    }
    throw error;
  }
}

async function askServer(): Promise<Boot> {
  const { needsSetup } = await api.setupStatus();
  if (needsSetup) {
    return { state: 'needs-setup' };
  }
  try {
    const { user } = await api.me();
    return { state: 'signed-in', user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return { state: 'signed-out', notice: null };
    }
    throw error;
  }
}

export function App() {
  const { t, setLanguage } = useI18n();
  const route = useRoute();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // A device where nobody picked a language speaks the signed-in person's language.
  const userLanguage = boot.state === 'signed-in' ? boot.user.language : null;
  useEffect(() => {
    if (userLanguage !== null && !hasStoredLanguage()) {
      setLanguage(userLanguage);
    }
  }, [userLanguage, setLanguage]);

  useEffect(() => {
    let current = true;
    discover().then(
      (next) => {
        if (current) {
          setBoot(next);
        }
      },
      (error: unknown) => {
        if (current) {
          setBoot({ state: 'failed', message: describeError(t, error) });
        }
      },
    );
    return () => {
      current = false;
    };
    // `t` changes with the language; re-asking the server for that is pointless.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  // A start that failed (no network) tries again when the connection comes back or the user moves to another screen.
  const failed = boot.state === 'failed';
  const retry = useCallback(() => {
    setBoot({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  useEffect(() => {
    if (!failed) {
      return;
    }
    window.addEventListener('online', retry);
    window.addEventListener('hashchange', retry);
    return () => {
      window.removeEventListener('online', retry);
      window.removeEventListener('hashchange', retry);
    };
  }, [failed, retry]);

  const signedIn = useCallback((user: Me) => {
    setBoot({ state: 'signed-in', user });
    navigate('/');
  }, []);

  // Remembered for opening offline; forgotten once signed out.
  const signedInUser = boot.state === 'signed-in' ? boot.user : null;
  useEffect(() => {
    if (boot.state !== 'loading' && boot.state !== 'failed') {
      rememberUser(signedInUser);
    }
  }, [boot.state, signedInUser]);

  const signOut = useCallback(async () => {
    try {
      // A shared phone must stop getting the last person's notifications.
      await forgetPushOnThisDevice();
      await api.logout();
    } catch {
      // Signing out must always work on this device, even if the server cannot be reached.
    }
    setBoot({ state: 'signed-out', notice: t('signIn.signedOut') });
    navigate('/');
  }, [t]);

  const session = useMemo<Session>(
    () => ({ user: boot.state === 'signed-in' ? boot.user : null, signedIn, signOut }),
    [boot, signedIn, signOut],
  );

  return (
    <SessionContext value={session}>
      <Header />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="screen loading">{t('app.loading')}</p>}>
          {route === '/emergency' ? (
            <EmergencyScreen />
          ) : (
            <Body
              boot={boot}
              route={route}
              retry={retry}
              alreadySetUp={() => {
                setBoot({ state: 'signed-out', notice: t('errors.alreadySetUp') });
              }}
            />
          )}
        </Suspense>
      </main>
    </SessionContext>
  );
}

function Body({
  boot,
  route,
  retry,
  alreadySetUp,
}: {
  boot: Boot;
  route: Route;
  retry: () => void;
  alreadySetUp: () => void;
}) {
  const { t } = useI18n();
  switch (boot.state) {
    case 'loading':
      return <p className="screen loading">{t('app.loading')}</p>;
    case 'failed':
      return (
        <section className="screen narrow">
          <p role="alert" className="form-message form-message-error">
            {boot.message}
          </p>
          <button type="button" className="primary" onClick={retry}>
            {t('app.retry')}
          </button>
        </section>
      );
    case 'needs-setup':
      return <SetupScreen onAlreadySetUp={alreadySetUp} />;
    case 'signed-out':
      return route === '/join' ? <JoinScreen /> : <SignInScreen notice={boot.notice} />;
    case 'signed-in':
      // An invite link opened on a signed-in device still joins (the new sign-in replaces the session).
      return route === '/join' ? <JoinScreen /> : <SignedInBody user={boot.user} route={route} />;
  }
}

function SignedInBody({ user, route }: { user: Me; route: Route }) {
  const patientId = usePatientId();
  if (user.role === 'patient' || user.role === 'caregiver') {
    if (user.patientId === null) {
      return <EmergencyScreen />;
    }
    return (
      <>
        <PatientNav route={route} patientId={user.patientId} />
        <UnreadMessagesNote patientId={user.patientId} />
        <CaregiverView user={user}>
          {route === '/check-in' ? (
            <CheckInScreen patientId={user.patientId} />
          ) : route === '/medicines' ? (
            <MedicinesScreen patientId={user.patientId} />
          ) : route === '/visits' ? (
            <VisitsScreen patientId={user.patientId} />
          ) : route === '/history' ? (
            <HistoryScreen patientId={user.patientId} />
          ) : route === '/activity' ? (
            <ActivityScreen patientId={user.patientId} />
          ) : route === '/learn' ? (
            <LearnScreen />
          ) : route === '/who-looked' ? (
            <WhoLookedScreen patientId={user.patientId} />
          ) : route === '/settings' ? (
            <SettingsScreen patientId={user.patientId} />
          ) : route === '/carry' ? (
            <CarryScreen patientId={user.patientId} />
          ) : route === '/inbox' ? (
            <InboxScreen />
          ) : route === '/messages' ? (
            <MessagesScreen patientId={user.patientId} />
          ) : route === '/caregiver' && user.role === 'patient' ? (
            <CaregiverScreen patientId={user.patientId} />
          ) : (
            <TodayScreen patientId={user.patientId} />
          )}
        </CaregiverView>
      </>
    );
  }
  return <CareTeamBody user={user} route={route} patientId={patientId} />;
}
