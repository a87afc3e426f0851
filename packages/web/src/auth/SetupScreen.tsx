/** First run: create the care team and its first administrator, then land signed in. */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { api } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { useSession } from './session.ts';

export function SetupScreen({ onAlreadySetUp }: { onAlreadySetUp: () => void }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const check = checkRequired(t, values, ['organisationName', 'name', 'email', 'password'], ['password']);
    setErrors(check);
    if (check.top !== null) {
      return;
    }
    setBusy(true);
    try {
      const { user } = await api.setup({
        organisationName: values.organisationName ?? '',
        name: values.name ?? '',
        email: values.email ?? '',
        password: values.password ?? '',
      });
      signedIn(user);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CARE_ERR_ALREADY_SET_UP') {
        // Someone else finished setup first: this visitor should sign in.
        onAlreadySetUp();
        return;
      }
      setErrors(formErrorsFrom(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow">
      <ScreenTitle>{t('setup.title')}</ScreenTitle>
      <p>{t('setup.intro')}</p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormMessage>{errors.top}</FormMessage>
        <TextField
          name="organisationName"
          label={t('setup.organisationName')}
          autoComplete="organization"
          required
          error={errors.fields.organisationName}
        />
        <TextField name="name" label={t('setup.name')} autoComplete="name" required error={errors.fields.name} />
        <TextField
          name="email"
          type="email"
          label={t('setup.email')}
          autoComplete="email"
          required
          error={errors.fields.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('setup.password')}
          hint={t('setup.passwordRule')}
          autoComplete="new-password"
          required
          error={errors.fields.password}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </section>
  );
}
