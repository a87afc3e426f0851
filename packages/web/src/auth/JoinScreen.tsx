/** Joining with an invite (link "#/join/<token>" or a typed code): make a sign-in, pick language, time zone and country. */
import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { ApiError } from '../api/errors.ts';
import { invitesApi } from '../api/invites.ts';
import type { InviteInfo } from '../api/invites.ts';
import { browserTimeZone } from '../care-team/places.ts';
import { LanguageAndPlaceFields } from '../care-team/PlaceFields.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { hasStoredLanguage, isLanguage } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { href, useJoinToken } from '../router.ts';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, describeError, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { useSession } from './session.ts';

type Step =
  | { state: 'code' }
  | { state: 'checking' }
  | { state: 'ended'; message: string }
  | { state: 'ready'; secret: string; via: 'token' | 'code'; info: InviteInfo };

/** Our plain sentence for an invite that cannot be used, else null. */
function endedKey(error: unknown): MessageKey | null {
  if (error instanceof ApiError) {
    if (error.status === 410) {
      return 'join.gone';
    }
    if (error.status === 404) {
      return 'join.notFound';
    }
  }
  return null;
}

export function JoinScreen() {
  const token = useJoinToken();
  const { t, setLanguage } = useI18n();
  const [step, setStep] = useState<Step>(token === null ? { state: 'code' } : { state: 'checking' });
  const [codeError, setCodeError] = useState<string | null>(null);

  useEffect(() => {
    if (token === null) {
      setStep({ state: 'code' });
      return;
    }
    let current = true;
    setStep({ state: 'checking' });
    invitesApi.open(token).then(
      (info) => {
        if (current) {
          // Speak the patient's language (as the care team set it) unless someone picked one on this device.
          if (!hasStoredLanguage()) {
            setLanguage(info.language);
          }
          setStep({ state: 'ready', secret: token, via: 'token', info });
        }
      },
      (error: unknown) => {
        if (current) {
          const key = endedKey(error);
          setStep({ state: 'ended', message: key === null ? describeError(t, error) : t(key) });
        }
      },
    );
    return () => {
      current = false;
    };
    // `t` and `setLanguage` change with the language; the invite is read once per token.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  async function openCode(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const code = (formValues(event.currentTarget).code ?? '').trim();
    if (code === '') {
      setCodeError(t('errors.fieldRequired'));
      return;
    }
    setCodeError(null);
    try {
      const info = await invitesApi.open(code);
      setStep({ state: 'ready', secret: code, via: 'code', info });
    } catch (error) {
      const key = endedKey(error);
      setCodeError(key === null ? describeError(t, error) : t(key));
    }
  }

  return (
    <section className="screen narrow">
      <ScreenTitle>{t('join.title')}</ScreenTitle>
      {step.state === 'checking' && <p>{t('join.checking')}</p>}
      {step.state === 'ended' && (
        <>
          <p role="alert" className="form-message form-message-error">
            {step.message}
          </p>
          <p>
            <a href={href('/')}>{t('join.signIn')}</a>
          </p>
        </>
      )}
      {step.state === 'code' && (
        <form noValidate onSubmit={(event) => void openCode(event)}>
          <p>{t('join.codeIntro')}</p>
          <FormMessage>{codeError}</FormMessage>
          <TextField
            name="code"
            label={t('join.code')}
            hint={t('join.codeHint')}
            autoComplete="one-time-code"
            required
            error={codeError ?? undefined}
          />
          <button type="submit" className="primary">
            {t('join.openCode')}
          </button>
          <p>
            <a href={href('/')}>{t('join.signIn')}</a>
          </p>
        </form>
      )}
      {step.state === 'ready' && (
        <JoinForm
          step={step}
          onEnded={(message) => {
            setStep({ state: 'ended', message });
          }}
        />
      )}
    </section>
  );
}

function JoinForm({ step, onEnded }: { step: Extract<Step, { state: 'ready' }>; onEnded: (message: string) => void }) {
  const { t, language, setLanguage } = useI18n();
  const { signedIn } = useSession();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const zone = browserTimeZone();
  const forCaregiver = step.info.role === 'caregiver';

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const check = checkRequired(
      t,
      values,
      forCaregiver ? ['caregiverName', 'email', 'password'] : ['email', 'password'],
      ['password'],
    );
    setErrors(check);
    if (check.top !== null) {
      return;
    }
    const chosen = isLanguage(values.language) ? values.language : language;
    setBusy(true);
    try {
      const { user } = await invitesApi.accept({
        ...(step.via === 'token' ? { token: step.secret } : { code: step.secret }),
        email: values.email ?? '',
        password: values.password ?? '',
        language: chosen,
        timeZone: values.timeZone ?? zone,
        country: values.country ?? step.info.country,
        ...(forCaregiver ? { name: (values.caregiverName ?? '').trim() } : {}),
      });
      setLanguage(chosen);
      signedIn(user);
    } catch (error) {
      const key = endedKey(error);
      if (key !== null && !(error instanceof ApiError && error.issues.length > 0)) {
        onEnded(t(key));
        return;
      }
      setErrors(formErrorsFrom(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {forCaregiver ? (
        <>
          <p className="join-welcome">{t('careteam.join.caregiverTitle', { name: step.info.patientFirstName })}</p>
          <p>{t('careteam.caregiver.intro')}</p>
        </>
      ) : (
        <>
          <p className="join-welcome">{t('join.welcome', { name: step.info.patientFirstName })}</p>
          <p>{t('join.intro')}</p>
        </>
      )}
      <FormMessage>{errors.top}</FormMessage>
      {forCaregiver && (
        <TextField
          name="caregiverName"
          label={t('careteam.join.caregiverName')}
          autoComplete="name"
          required
          error={errors.fields.caregiverName ?? errors.fields.name}
        />
      )}
      <TextField
        name="email"
        type="email"
        label={t('join.email')}
        autoComplete="username"
        required
        error={errors.fields.email}
      />
      <TextField
        name="password"
        type="password"
        label={t('join.password')}
        hint={t('setup.passwordRule')}
        autoComplete="new-password"
        required
        error={errors.fields.password}
      />
      <LanguageAndPlaceFields
        labels={{ language: t('join.language'), timeZone: t('join.timeZone'), country: t('join.country') }}
        defaults={{ language, timeZone: zone, country: step.info.country }}
        errors={errors.fields}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('join.submit')}
      </button>
    </form>
  );
}
