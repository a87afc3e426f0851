/** Passkeys in the web app: the "Passkeys" card of Settings (list, add, remove) and the sign-in button. */
import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { request } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { Me } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import type { MessageKey } from '../i18n/index.ts';

interface PasskeyView {
  id: string;
  deviceLabel: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const passkeysApi = {
  list: () => request<{ passkeys: PasskeyView[] }>('GET', '/api/v1/me/passkeys'),
  registrationOptions: () =>
    request<{ options: PublicKeyCredentialCreationOptionsJSON }>('POST', '/api/v1/me/passkeys/options'),
  add: (response: unknown, label: string) =>
    request<{ passkey: PasskeyView }>('POST', '/api/v1/me/passkeys', { response, label }),
  remove: (id: string) => request<undefined>('DELETE', `/api/v1/me/passkeys/${encodeURIComponent(id)}`),
  signInOptions: () =>
    request<{ options: PublicKeyCredentialRequestOptionsJSON }>('POST', '/api/v1/auth/passkey/options'),
  signIn: (response: unknown) => request<{ user: Me }>('POST', '/api/v1/auth/passkey', { response }),
};

/**
 * Our words for a failure: the device's own "cancelled" or "not allowed", and the server's refusals of a passkey,
 * get the area's plain sentence; other answers (too many tries, no network) their usual one.
 */
function failureText(t: (key: MessageKey) => string, error: unknown, fallback: MessageKey): string {
  return error instanceof ApiError && error.code !== 'CARE_ERR_BAD_INPUT' ? describeError(t, error) : t(fallback);
}

/** Whether this browser can make and use passkeys at all. */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window;
}

/** Asks the device for one of our passkeys and signs in with it; resolves with the account. */
export async function signInWithPasskey(): Promise<Me> {
  const { options } = await passkeysApi.signInOptions();
  const response = await startAuthentication({ optionsJSON: options });
  return (await passkeysApi.signIn(response)).user;
}

/** The "Use a passkey instead" button of the sign-in screen (only where the browser has passkeys). */
export function PasskeySignInButton({ onSignedIn }: { onSignedIn: (user: Me) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (!passkeysSupported()) {
    return null;
  }

  async function go(): Promise<void> {
    setBusy(true);
    setFailed(null);
    try {
      onSignedIn(await signInWithPasskey());
    } catch (error) {
      setFailed(failureText(t, error, 'passkeys.signInFailed'));
      setBusy(false);
    }
  }

  return (
    <div className="passkey-sign-in">
      <FormMessage>{failed}</FormMessage>
      <button type="button" onClick={() => void go()} disabled={busy}>
        {busy ? t('passkeys.working') : t('passkeys.signIn')}
      </button>
      <p>{t('passkeys.or')}</p>
    </div>
  );
}

/** The "Passkeys" card of Settings and of the team's Account screen. */
export function PasskeysSettings() {
  const { t, locale } = useI18n();
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(): Promise<void> {
    try {
      setPasskeys((await passkeysApi.list()).passkeys);
    } catch {
      setProblem(t('passkeys.loadFailed'));
    }
  }

  useEffect(() => {
    void load();
    // Loaded once when the card appears; later changes reload it themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function add(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const label = (formValues(form).label ?? '').trim();
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const { options } = await passkeysApi.registrationOptions();
      const response = await startRegistration({ optionsJSON: options });
      await passkeysApi.add(response, label);
      form.reset();
      setDone(t('passkeys.added'));
      await load();
    } catch (error) {
      setProblem(failureText(t, error, 'passkeys.addFailed'));
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string): Promise<void> {
    setProblem(null);
    setDone(null);
    try {
      await passkeysApi.remove(id);
      setDone(t('passkeys.removed'));
      await load();
    } catch (error) {
      setProblem(failureText(t, error, 'passkeys.loadFailed'));
    }
  }

  const day = (iso: string): string => new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });

  return (
    <section className="card passkeys" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeys.title')}</h2>
      <p>{t('passkeys.help')}</p>
      <FormMessage>{problem}</FormMessage>
      {done !== null && <FormMessage tone="success">{done}</FormMessage>}
      {passkeys !== null && passkeys.length === 0 && <p>{t('passkeys.empty')}</p>}
      {passkeys !== null && passkeys.length > 0 && (
        <ul className="passkey-list">
          {passkeys.map((passkey) => {
            const name = passkey.deviceLabel ?? t('passkeys.noName');
            return (
              <li key={passkey.id}>
                <p>
                  <strong>{name}</strong>
                  <br />
                  {t('passkeys.addedOn', { date: day(passkey.createdAt) })}
                  {passkey.lastUsedAt !== null && (
                    <>
                      <br />
                      {t('passkeys.usedOn', { date: day(passkey.lastUsedAt) })}
                    </>
                  )}
                </p>
                <button
                  type="button"
                  aria-label={t('passkeys.removeLabel', { name })}
                  onClick={() => void remove(passkey.id)}
                >
                  {t('passkeys.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {passkeysSupported() ? (
        <form noValidate onSubmit={(event) => void add(event)}>
          <TextField name="label" label={t('passkeys.label')} hint={t('passkeys.labelHint')} />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('passkeys.working') : t('passkeys.add')}
          </button>
        </form>
      ) : (
        <p>{t('passkeys.unsupported')}</p>
      )}
    </section>
  );
}
