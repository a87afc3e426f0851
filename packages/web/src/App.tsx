/** The app shell: finds out whether setup is needed and who is signed in, then shows the screen for the route. */
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from './api/client.ts';
import { ApiError } from './api/errors.ts';
import type { Me } from './api/types.ts';
import { rememberedUser, rememberUser } from './auth/remembered-user.ts';
import { SessionContext } from './auth/session.ts';
import type { Session } from './auth/session.ts';
import { SignInScreen } from './auth/SignInScreen.tsx';
import { AllWords, useI18n } from './i18n/I18nProvider.tsx';
import { hasStoredLanguage, loadLanguage, loadWords } from './i18n/index.ts';
import { EmergencyScreen } from './patient/EmergencyScreen.tsx';
import { forgetPushOnThisDevice } from './notify/push-subscription.ts';
import { navigate, usePatientId, useRoute } from './router.ts';
import type { Route } from './router.ts';
import { Header } from './ui/Header.tsx';
import { describeError } from './ui/form-errors.ts';
import { lazyScreen, ScreenLoading } from './ui/lazy-screen.tsx';
import { ScreenBoundary } from './ui/ScreenBoundary.tsx';

/**
 * The first chunk holds only what a visitor needs before signing in, and the Emergency screen. The bodies behind the
 * sign-in are chunks of their own, fetched when needed; the service worker precaches them all for offline use.
 */
const loadPatientBody = () => import('./patient/PatientBody.tsx').then((m) => m.default);
const loadCareTeamBody = () => import('./care-team/CareTeamBody.tsx').then((m) => m.default);
const PatientBody = lazyScreen(loadPatientBody);
const CareTeamBody = lazyScreen(loadCareTeamBody);
const SetupScreen = lazyScreen(() => import('./auth/SetupScreen.tsx').then((m) => m.SetupScreen));
const JoinScreen = lazyScreen(() => import('./auth/JoinScreen.tsx').then((m) => m.JoinScreen));

/** Starts fetching a signed-in person's words and screens while the rest of the start-up runs (no waterfall). */
function preloadFor(user: Me | null): void {
  if (user === null) {
    return;
  }
  const body = user.role === 'patient' || user.role === 'caregiver' ? loadPatientBody() : loadCareTeamBody();
  // A failure here is not lost: the screen asks again and shows its error state.
  body.catch(() => undefined);
  // The language the app will show: this device's choice, else the person's own (as App adopts it below).
  loadWords(hasStoredLanguage() ? loadLanguage() : user.language).catch(() => undefined);
}

type Boot =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'needs-setup' }
  | { state: 'signed-out'; notice: string | null }
  | { state: 'signed-in'; user: Me };

async function discover(): Promise<Boot> {
  // Most starts are by the person who was signed in here last.
  preloadFor(rememberedUser());
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
  // Both questions at once: on a slow network each round trip costs about half a second before the first screen.
  const who = api.me().then(
    ({ user }): Boot => ({ state: 'signed-in', user }),
    (error: unknown): Boot => {
      if (error instanceof ApiError && error.status === 401) {
        return { state: 'signed-out', notice: null };
      }
      throw error;
    },
  );
  // Setup comes first: its answer decides even when the other question failed.
  who.catch(() => undefined);
  const { needsSetup } = await api.setupStatus();
  if (needsSetup) {
    return { state: 'needs-setup' };
  }
  return await who;
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
    preloadFor(user);
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
        {/* Emergency is in the first chunk and outside the boundary: it opens whatever failed to load. */}
        {route === '/emergency' ? (
          <EmergencyScreen />
        ) : (
          <ScreenBoundary>
            <Suspense fallback={<ScreenLoading />}>
              <Body
                boot={boot}
                route={route}
                retry={retry}
                alreadySetUp={() => {
                  setBoot({ state: 'signed-out', notice: t('errors.alreadySetUp') });
                }}
              />
            </Suspense>
          </ScreenBoundary>
        )}
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
      return <ScreenLoading />;
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
      return route === '/join' ? (
        <AllWords>
          <JoinScreen />
        </AllWords>
      ) : (
        <SignInScreen notice={boot.notice} />
      );
    case 'signed-in':
      // An invite link opened on a signed-in device still joins (the new sign-in replaces the session).
      return (
        <AllWords>{route === '/join' ? <JoinScreen /> : <SignedInBody user={boot.user} route={route} />}</AllWords>
      );
  }
}

function SignedInBody({ user, route }: { user: Me; route: Route }) {
  const patientId = usePatientId();
  if (user.role === 'patient' || user.role === 'caregiver') {
    if (user.patientId === null) {
      return <EmergencyScreen />;
    }
    return <PatientBody user={user} patientId={user.patientId} route={route} />;
  }
  return <CareTeamBody user={user} route={route} patientId={patientId} />;
}
