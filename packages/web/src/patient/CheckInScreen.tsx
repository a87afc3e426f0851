/** The daily check-in: warning signs, pain, temperature and the patient's own words; then the triage answer, explained. */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import type { CheckInResponse } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import { ChoiceGroup, FormMessage, TextField } from '../ui/Field.tsx';
import { formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { checkInFromForm } from './check-in-form.ts';
import { emergencyNumberFor } from './emergency-numbers.ts';
import { cachedCountry } from './offline-cache.ts';
import { planText, signGroups, signLabel } from './plan-view.ts';
import { usePlan } from './use-plan.ts';

const PAIN_SCORES = Array.from({ length: 11 }, (_, score) => String(score));

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function CheckInScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const plan = usePlan();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResponse | null>(null);
  // One key per check-in: a retry after a lost answer is stored once.
  const [idempotencyKey] = useState(newKey);
  const fahrenheitFirst = ['US', 'LR', 'BS', 'BZ', 'KY', 'PW'].includes(cachedCountry() ?? '');

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const checkIn = checkInFromForm(new FormData(event.currentTarget), language);
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      setResult(await api.checkIn(patientId, { ...checkIn, idempotencyKey }));
      window.scrollTo(0, 0);
    } catch (error) {
      setErrors(formErrorsFrom(t, error, (path) => path.split('.')[0]));
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return <CheckInResult i18n={i18n} plan={plan} result={result} />;
  }

  return (
    <section className="screen narrow">
      <p>
        <a className="back-link" href={href('/')}>
          {t('app.back')}
        </a>
      </p>
      <ScreenTitle>{t('checkIn.title')}</ScreenTitle>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <FormMessage>{errors.top}</FormMessage>
        {plan && (
          <div className="sign-groups">
            <p className="hint">{t('checkIn.signsHelp')}</p>
            {signGroups(plan, language).map((group) => (
              <ChoiceGroup
                key={group.title}
                name="signs"
                type="checkbox"
                legend={group.title}
                className={group.level === 'emergency' ? 'signs signs-emergency' : 'signs'}
                options={group.signs.map((sign) => ({ value: sign.id, label: sign.label }))}
                error={errors.fields.signs}
              />
            ))}
          </div>
        )}
        <ChoiceGroup
          name="pain"
          legend={t('checkIn.pain')}
          className="pain-scale"
          options={PAIN_SCORES.map((score) => ({ value: score, label: score }))}
          error={errors.fields.pain}
        />
        <label className="choice">
          <input type="checkbox" name="painMedicine" value="yes" />
          <span>{t('checkIn.painMedicine')}</span>
        </label>
        <fieldset className="group temperature">
          <legend>{t('checkIn.temperature')}</legend>
          <TextField
            name="temperature"
            label={t('checkIn.temperatureValue')}
            inputMode="decimal"
            autoComplete="off"
            error={errors.fields.temperature}
          />
          <ChoiceGroup
            name="unit"
            legend={t('checkIn.unit')}
            className="inline"
            defaultValue={fahrenheitFirst ? 'F' : 'C'}
            options={[
              { value: 'C', label: t('checkIn.unitC') },
              { value: 'F', label: t('checkIn.unitF') },
            ]}
          />
        </fieldset>
        <TextArea label={t('checkIn.text')} error={errors.fields.text} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('checkIn.sending') : t('checkIn.submit')}
        </button>
      </form>
    </section>
  );
}

function TextArea({ label, error }: { label: string; error: string | undefined }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor="check-in-text">{label}</label>
      {error && (
        <p className="field-error" id="check-in-text-error">
          {error}
        </p>
      )}
      <textarea
        id="check-in-text"
        name="text"
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'check-in-text-error' : undefined}
      />
    </div>
  );
}

function CheckInResult({ i18n, plan, result }: { i18n: I18n; plan: CarePlan | null; result: CheckInResponse }) {
  const { t, language } = i18n;
  const { disposition, reasons, advice } = result.triage;
  const number = emergencyNumberFor(cachedCountry());
  return (
    <section className={`screen narrow result result-${disposition}`}>
      <ScreenTitle>{t(`checkIn.result.${disposition}`)}</ScreenTitle>
      <p className="lead">{t(`checkIn.result.${disposition}Body`)}</p>
      {disposition === 'emergency' && (
        <a className="call-button" href={`tel:${number}`}>
          {t('emergency.call', { number })}
        </a>
      )}
      {plan && <p>{planText(plan, language, advice)}</p>}
      {result.alert && <p className="team-told">{t('checkIn.teamTold')}</p>}
      {reasons.length > 0 && (
        <>
          <h2>{t('checkIn.reasons')}</h2>
          <ul className="reason-list">
            {reasons.map((reason, index) => (
              <li key={`${reason.sign}-${index}`}>
                <strong>{plan ? signLabel(plan, language, reason.sign) : reason.sign}</strong>
                {reason.evidence && (
                  <span className="evidence">{t('checkIn.evidence', { text: reason.evidence })}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a className="button" href={href('/')}>
          {t('checkIn.again')}
        </a>
      </p>
    </section>
  );
}
