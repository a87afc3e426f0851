/** Change password and sign out everywhere: for anyone signed in (the patient's Settings, the team's Account screen). */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useSession } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, describeError, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { securityApi } from './security-api.ts';
import { PasskeysSettings } from './Passkeys.tsx';
import './security.css';

export function SecuritySettings() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [everywhereError, setEverywhereError] = useState<string | null>(null);

  async function changePassword(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const check = checkRequired(t, values, ['currentPassword', 'newPassword'], ['newPassword']);
    if (check.top === null && values.currentPassword === values.newPassword) {
      check.fields.newPassword = t('security.password.same');
    }
    setErrors(
      check.fields.newPassword !== undefined && check.top === null
        ? { ...check, top: t('errors.formHasProblems') }
        : check,
    );
    setChanged(false);
    if (check.top !== null || check.fields.newPassword !== undefined) {
      return;
    }
    setBusy(true);
    try {
      await securityApi.changePassword(values.currentPassword ?? '', values.newPassword ?? '');
      setChanged(true);
      form.reset();
    } catch (error) {
      setErrors(formErrorsFrom(t, error));
    } finally {
      setBusy(false);
    }
  }

  async function signOutEverywhere(): Promise<void> {
    setEverywhereError(null);
    try {
      await securityApi.signOutEverywhere();
      await signOut();
    } catch (error) {
      setEverywhereError(describeError(t, error));
    }
  }

  return (
    <div className="security-settings">
      <section className="card" aria-labelledby="security-password-title">
        <h2 id="security-password-title">{t('security.password.title')}</h2>
        {changed && <FormMessage tone="success">{t('security.password.done')}</FormMessage>}
        <form noValidate onSubmit={(event) => void changePassword(event)}>
          <FormMessage>{errors.top}</FormMessage>
          <TextField
            name="currentPassword"
            type="password"
            label={t('security.password.current')}
            autoComplete="current-password"
            required
            error={errors.fields.currentPassword}
          />
          <TextField
            name="newPassword"
            type="password"
            label={t('security.password.new')}
            hint={t('security.password.newHint')}
            autoComplete="new-password"
            required
            error={errors.fields.newPassword}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('security.password.submit')}
          </button>
        </form>
      </section>
      <PasskeysSettings />
      <section className="card" aria-labelledby="security-everywhere-title">
        <h2 id="security-everywhere-title">{t('security.everywhere.title')}</h2>
        <p>{t('security.everywhere.help')}</p>
        <FormMessage>{everywhereError}</FormMessage>
        <button type="button" onClick={() => void signOutEverywhere()}>
          {t('security.everywhere.submit')}
        </button>
      </section>
      {user?.role === 'patient' && (
        <p>
          <a href="#/who-looked">{t('security.whoLooked.link')}</a>
        </p>
      )}
    </div>
  );
}
