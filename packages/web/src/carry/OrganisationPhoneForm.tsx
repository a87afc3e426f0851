/** The care team's phone (administrators): patients see it on their list to carry and their wallet card. */
import { useEffect, useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, TextField, formValues } from '../ui/Field.tsx';
import { formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { carryApi } from './carry-api.ts';
import type { OrganisationContact } from './carry-api.ts';

export function OrganisationPhoneForm() {
  const { t } = useI18n();
  const titleId = useId();
  const [organisation, setOrganisation] = useState<OrganisationContact | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    carryApi.organisation().then(
      ({ organisation: loaded }) => {
        if (current) {
          setOrganisation(loaded);
        }
      },
      (failure: unknown) => {
        if (current) {
          setErrors(formErrorsFrom(t, failure));
        }
      },
    );
    return () => {
      current = false;
    };
    // Loaded once; `t` changing with the language needs no new request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const phone = (formValues(event.currentTarget).phone ?? '').trim();
    setBusy(true);
    setErrors(NO_ERRORS);
    setDone(null);
    try {
      const saved = await carryApi.updateOrganisation({ phone: phone === '' ? null : phone });
      setOrganisation(saved.organisation);
      setDone(
        saved.organisation.phone === null
          ? t('carry.org.cleared')
          : t('carry.org.saved', { phone: saved.organisation.phone }),
      );
    } catch (failure) {
      // What was typed stays in the field.
      setErrors(formErrorsFrom(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {t('carry.org.title')}
      </h2>
      <p className="muted">{t('carry.org.hint')}</p>
      <FormMessage>{errors.top}</FormMessage>
      <FormMessage tone="success">{done}</FormMessage>
      {organisation && (
        <form noValidate onSubmit={(event) => void save(event)}>
          <TextField
            name="phone"
            autoComplete="tel"
            label={t('carry.org.phone')}
            defaultValue={organisation.phone ?? ''}
            error={errors.fields.phone}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('carry.org.save')}
          </button>
        </form>
      )}
    </section>
  );
}
