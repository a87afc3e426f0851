/**
 * The daily check-in: warning signs, pain, temperature and the patient's own words; then the triage answer, explained.
 * Triage runs on the device too, so the advice (and the call button) appears with no signal; the check-in waits on
 * the device and is sent, once, when the connection is back.
 */
import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import type { CheckInResponse, TriageResult } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { href } from '../router.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { ChoiceGroup, FormMessage, TextField } from '../ui/Field.tsx';
import { formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { CareTeamCall } from './CareTeamCall.tsx';
import { checkInFromForm } from './check-in-form.ts';
import { emergencyNumberFor } from './emergency-numbers.ts';
import { higherOf, triageOnDevice } from './local-triage.ts';
import { cachedCountry } from './offline-cache.ts';
import { planText, signGroups, signLabel } from './plan-view.ts';
import { temperatureUnitFor, usePreferences } from './preferences.ts';
import { checkInQueue } from './use-check-in-queue.ts';
import { usePlan } from './use-plan.ts';
import type { ApiError } from '../api/errors.ts';

const PAIN_SCORES = Array.from({ length: 11 }, (_, score) => String(score));

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A check-in made on this page: the device's answer at once, the server's when it has it. */
interface Outcome {
  key: string;
  device: TriageResult | null;
  server: CheckInResponse | null;
}

export function CheckInScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const plan = usePlan();
  const { preferences } = usePreferences(patientId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const unit = temperatureUnitFor(preferences, preferences?.country ?? cachedCountry());

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const checkIn = checkInFromForm(new FormData(event.currentTarget), language);
    // One key per check-in, made here: however often it is retried, the server stores it once.
    const key = newKey();
    const device = triageOnDevice(plan, checkIn);
    setBusy(true);
    setErrors(NO_ERRORS);
    const seen: { answer: CheckInResponse | null; refusal: ApiError | null } = { answer: null, refusal: null };
    const stop = checkInQueue.subscribe((queued) => {
      if (queued.type === 'sent' && queued.item.idempotencyKey === key) {
        seen.answer = queued.response;
      } else if (queued.type === 'refused' && queued.item.idempotencyKey === key) {
        seen.refusal = queued.error;
      }
    });
    try {
      // Kept on the device first: nothing is lost if the page closes or the network drops now.
      checkInQueue.add({
        idempotencyKey: key,
        patientId,
        checkIn,
        createdAt: new Date().toISOString(),
        localTriage: device,
      });
      await checkInQueue.flush(patientId);
    } finally {
      stop();
      setBusy(false);
    }
    if (seen.refusal !== null) {
      // The form is still on screen with what was typed: fix it there rather than keep a copy that cannot be sent.
      checkInQueue.remove(key);
      setErrors(formErrorsFrom(t, seen.refusal, (path) => path.split('.')[0]));
      return;
    }
    setOutcome({ key, device, server: seen.answer });
    window.scrollTo(0, 0);
  }

  if (outcome) {
    return <CheckInOutcome i18n={i18n} plan={plan} outcome={outcome} />;
  }

  return (
    <section className="screen narrow">
      <BackLink />
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
            key={unit}
            defaultValue={unit}
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

function CheckInOutcome({ i18n, plan, outcome }: { i18n: I18n; plan: CarePlan | null; outcome: Outcome }) {
  const { t, language } = i18n;
  const [server, setServer] = useState(outcome.server);
  // Still waiting: the answer arrives when the queue sends it (back online), and replaces "not sent yet".
  useEffect(() => {
    if (server !== null) {
      return;
    }
    return checkInQueue.subscribe((queued) => {
      if (queued.type === 'sent' && queued.item.idempotencyKey === outcome.key) {
        setServer(queued.response);
      }
    });
  }, [server, outcome.key]);

  const number = emergencyNumberFor(cachedCountry());
  const shown = higherOf(server?.triage ?? null, outcome.device);
  const callButton = (
    <a className="call-button" href={`tel:${number}`}>
      {t('emergency.call', { number })}
    </a>
  );
  const back = (
    <p>
      <a className="button" href={href('/')}>
        {t('checkIn.again')}
      </a>
    </p>
  );

  if (shown === null) {
    // No plan on this device and no answer yet: nothing can be judged, so the way to help comes first.
    return (
      <section className="screen narrow result result-waiting">
        <ScreenTitle>{t('patient.checkIn.savedTitle')}</ScreenTitle>
        <p className="lead" role="status">
          {t('patient.checkIn.savedBody', { number })}
        </p>
        {callButton}
        {back}
      </section>
    );
  }

  const { disposition, reasons, advice } = shown;
  return (
    <section className={`screen narrow result result-${disposition}`}>
      <ScreenTitle>{t(`checkIn.result.${disposition}`)}</ScreenTitle>
      <p className="lead">{t(`checkIn.result.${disposition}Body`)}</p>
      {disposition === 'emergency' && callButton}
      {disposition === 'contact-provider' && <CareTeamCall />}
      {server === null ? (
        <div className="send-state send-waiting" role="status">
          <h2>{t('patient.checkIn.waitingTitle')}</h2>
          <p>{t('patient.checkIn.waitingBody')}</p>
          {disposition === 'emergency' && <p className="strong">{t('patient.checkIn.callNow')}</p>}
          {disposition === 'contact-provider' && <p>{t('patient.checkIn.tellWhenSent')}</p>}
        </div>
      ) : (
        <p className="send-state send-done" role="status">
          {server.alert ? t('checkIn.teamTold') : t('patient.checkIn.sentNow')}
        </p>
      )}
      {plan && <p>{planText(plan, language, advice)}</p>}
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
      {back}
    </section>
  );
}
