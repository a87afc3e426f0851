/** Download everything held, and delete the record after a confirm step with the password: the patient's or an admin's. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { securityApi } from './security-api.ts';
import './security.css';

export function RecordRights({
  patientId,
  forAdmin = false,
  onDeleted,
}: {
  patientId: string;
  forAdmin?: boolean;
  /** Called once the record is gone (the patient's own session ends with it). */
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function erase(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const check = checkRequired(t, values, ['password']);
    setErrors(check);
    if (check.top !== null) {
      return;
    }
    setBusy(true);
    try {
      await securityApi.erasePatient(patientId, values.password ?? '');
      onDeleted();
    } catch (error) {
      setErrors(formErrorsFrom(t, error));
      setBusy(false);
    }
  }

  return (
    <section className="card record-rights" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(forAdmin ? 'security.rights.adminTitle' : 'security.rights.title')}</h2>
      <p>{t('security.rights.downloadHelp')}</p>
      <p>
        <a className="button" href={securityApi.downloadUrl(patientId)} download>
          {t('security.rights.download')}
        </a>
      </p>
      <p>{t('security.rights.deleteHelp')}</p>
      {!confirming ? (
        <button
          type="button"
          className="danger"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('security.rights.delete')}
        </button>
      ) : (
        <form noValidate onSubmit={(event) => void erase(event)} className="confirm-delete">
          <h3>{t('security.rights.confirmTitle')}</h3>
          <FormMessage>{errors.top}</FormMessage>
          <TextField
            name="password"
            type="password"
            label={t('security.rights.confirmPassword')}
            autoComplete="current-password"
            required
            error={errors.fields.password}
          />
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('security.rights.confirm')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                setErrors(NO_ERRORS);
              }}
            >
              {t('security.rights.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
