/** Sign in with e-mail and password; the server's answer is shown in plain words. */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { href } from '../router.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { useSession } from './session.ts';
import { PasskeySignInButton } from '../security/Passkeys.tsx';

export function SignInScreen({ notice }: { notice: string | null }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const check = checkRequired(t, values, ['email', 'password']);
    setErrors(check);
    if (check.top !== null) {
      return;
    }
    setBusy(true);
    try {
      const { user } = await api.login(values.email ?? '', values.password ?? '');
      signedIn(user);
    } catch (error) {
      setErrors(formErrorsFrom(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow">
      <ScreenTitle>{t('signIn.title')}</ScreenTitle>
      {notice && <FormMessage tone="success">{notice}</FormMessage>}
      <PasskeySignInButton onSignedIn={signedIn} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormMessage>{errors.top}</FormMessage>
        <TextField
          name="email"
          type="email"
          label={t('signIn.email')}
          autoComplete="username"
          required
          error={errors.fields.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href={href('/join')}>{t('signIn.haveCode')}</a>
      </p>
    </section>
  );
}
