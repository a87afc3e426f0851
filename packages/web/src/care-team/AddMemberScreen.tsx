/** Admins add clinicians (or more admins) to their care team. */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { BackLink } from '../ui/BackLink.tsx';
import { ChoiceGroup, FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';

export function AddMemberScreen() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const check = checkRequired(t, values, ['name', 'email', 'password'], ['password']);
    setErrors(check);
    setDone(null);
    if (check.top !== null) {
      return;
    }
    setBusy(true);
    try {
      const { user } = await api.addTeamMember({
        name: values.name ?? '',
        email: values.email ?? '',
        password: values.password ?? '',
        role: values.role === 'admin' ? 'admin' : 'clinician',
      });
      setDone(t('member.done', { name: user.name }));
      form.reset();
    } catch (error) {
      setErrors(formErrorsFrom(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow">
      <BackLink />
      <ScreenTitle>{t('member.title')}</ScreenTitle>
      {done && <FormMessage tone="success">{done}</FormMessage>}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormMessage>{errors.top}</FormMessage>
        <TextField name="name" label={t('member.name')} autoComplete="off" required error={errors.fields.name} />
        <TextField
          name="email"
          type="email"
          label={t('member.email')}
          autoComplete="off"
          required
          error={errors.fields.email}
        />
        <TextField
          name="password"
          type="password"
          label={t('member.password')}
          hint={t('setup.passwordRule')}
          autoComplete="new-password"
          required
          error={errors.fields.password}
        />
        <ChoiceGroup
          name="role"
          legend={t('member.role')}
          defaultValue="clinician"
          options={[
            { value: 'clinician', label: t('member.role.clinician') },
            { value: 'admin', label: t('member.role.admin') },
          ]}
          error={errors.fields.role}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('member.submit')}
        </button>
      </form>
    </section>
  );
}
