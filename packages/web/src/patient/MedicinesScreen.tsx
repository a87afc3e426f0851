/** The patient's Medicines: allergies at the top, then every medicine with its timing, course, pain log and one-tap problem reports. */
import { useCallback, useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import type { Allergy, CheckInResponse, DoseEvent, Medication, Patient } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { ChoiceGroup, FormMessage, TextField, formValues } from '../ui/Field.tsx';
import { describeError, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { href } from '../router.ts';
import { emergencyNumberFor } from './emergency-numbers.ts';
import { MedicineForm } from './MedicineForm.tsx';
import { cachedMedicines, cacheMedicines } from './medicines-cache.ts';
import { courseOf, formatLocalDate, painAdvice, sortMedicines } from './medicine-status.ts';
import type { PainAdvice } from './medicine-status.ts';
import { cacheCountry } from './offline-cache.ts';
import { planText } from './plan-view.ts';
import { usePlan } from './use-plan.ts';
import { formatDateTimeIn } from './zoned-time.ts';
import './patient.css';

interface MedicinesData {
  patient: Patient;
  medications: Medication[];
  allergies: Allergy[];
  doses: DoseEvent[];
}

async function loadMedicines(patientId: string): Promise<MedicinesData> {
  const [record, lists, doses] = await Promise.all([
    api.patient(patientId),
    api.medicinesAndAllergies(patientId),
    api.doses(patientId),
  ]);
  return { patient: record.patient, medications: lists.medications, allergies: lists.allergies, doses: doses.doses };
}

/** Fallback when the plan has not loaded yet (offline, first visit): the bone-marrow plan's own threshold. */
const DEFAULT_PAIN_THRESHOLD = 4;

export function MedicinesScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language, locale } = i18n;
  const plan = usePlan();
  const [data, setData] = useState<MedicinesData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  /** When the list on screen was saved, if it came from this device's copy (offline). */
  const [offlineSince, setOfflineSince] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const next = await loadMedicines(patientId);
      cacheCountry(next.patient.country);
      cacheMedicines(patientId, { ...next, savedAt: new Date().toISOString() });
      setData(next);
      setOfflineSince(null);
      setError(null);
    } catch (failure) {
      // No signal: the last list seen on this device is better than nothing; a list on screen stays.
      const cached = cachedMedicines(patientId);
      if (cached) {
        setData((current) => current ?? cached);
        setOfflineSince((current) => current ?? cached.savedAt);
      }
      setError(failure);
    }
  }, [patientId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const done = (message: string): void => {
    setNotice(message);
    setEditing(null);
    void reload();
  };

  return (
    <section className="screen narrow patient-screen">
      <ScreenTitle>{t('meds.title')}</ScreenTitle>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {offlineSince !== null && data && (
        <p className="muted">
          {t('meds.offlineCopy', { time: formatDateTimeIn(data.patient.timeZone, new Date(offlineSince), locale) })}
        </p>
      )}
      <FormMessage tone="success">{notice}</FormMessage>
      {data === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {plan && <p className="hint">{planText(plan, language, 'medicines.list.keep')}</p>}
      <p>
        <a className="button" href={href('/carry')}>
          {t('carry.openList')}
        </a>
      </p>
      {data && (
        <>
          <Allergies i18n={i18n} patientId={patientId} allergies={data.allergies} onAdded={done} />
          <section aria-labelledby="medicine-list-title">
            <h2 id="medicine-list-title">{t('meds.list')}</h2>
            {editing === 'new' ? (
              <MedicineForm
                patientId={patientId}
                timeZone={data.patient.timeZone}
                medication={null}
                onSaved={(medication) => {
                  done(t('meds.added', { name: medication.name }));
                }}
                onCancel={() => {
                  setEditing(null);
                }}
              />
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setNotice(null);
                  setEditing('new');
                }}
              >
                {t('meds.add')}
              </button>
            )}
            {data.medications.length === 0 && <p>{t('meds.none')}</p>}
            <ul className="medicine-list">
              {sortMedicines(data.medications).map((medication) => (
                <MedicineCard
                  key={medication.id}
                  i18n={i18n}
                  plan={plan}
                  patientId={patientId}
                  patient={data.patient}
                  medication={medication}
                  doses={data.doses}
                  editing={editing === medication.id}
                  onEdit={() => {
                    setNotice(null);
                    setEditing(medication.id);
                  }}
                  onCancelEdit={() => {
                    setEditing(null);
                  }}
                  onDone={done}
                />
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}

function Allergies({
  i18n,
  patientId,
  allergies,
  onAdded,
}: {
  i18n: I18n;
  patientId: string;
  allergies: Allergy[];
  onAdded: (message: string) => void;
}) {
  const { t } = i18n;
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function add(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const substance = (values.substance ?? '').trim();
    if (substance === '') {
      setErrors({ top: t('errors.formHasProblems'), fields: { substance: t('errors.fieldRequired') } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.addAllergy(patientId, { substance, reaction: (values.reaction ?? '').trim() });
      form.reset();
      onAdded(t('meds.allergyAdded'));
    } catch (failure) {
      // The typed text stays in the form: only a success clears it.
      setErrors(formErrorsFrom(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="allergies-title">
      <h2 id="allergies-title">{t('meds.allergies')}</h2>
      {allergies.length === 0 ? (
        <p>{t('meds.noAllergies')}</p>
      ) : (
        <ul className="allergy-list">
          {allergies.map((allergy) => (
            <li key={allergy.id}>
              <strong>{allergy.substance}</strong>
              {allergy.reaction !== '' && <> — {allergy.reaction}</>}
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={(event) => void add(event)}>
        <FormMessage>{errors.top}</FormMessage>
        <TextField name="substance" label={t('meds.allergySubstance')} required error={errors.fields.substance} />
        <TextField name="reaction" label={t('meds.allergyReaction')} error={errors.fields.reaction} />
        <button type="submit" disabled={busy}>
          {t('meds.addAllergy')}
        </button>
      </form>
    </section>
  );
}

function whenText(i18n: I18n, medication: Medication): string {
  const { t } = i18n;
  const timing = medication.timing;
  switch (timing.type) {
    case 'fixed-times':
      return t('meds.whenFixed', { times: timing.times.join(', ') });
    case 'every-hours':
      return t('meds.whenEvery', { hours: timing.hours });
    case 'as-needed':
      return t('meds.whenAsNeeded', { hours: timing.minIntervalHours, max: timing.maxPerDay });
  }
}

function MedicineCard({
  i18n,
  plan,
  patientId,
  patient,
  medication,
  doses,
  editing,
  onEdit,
  onCancelEdit,
  onDone,
}: {
  i18n: I18n;
  plan: CarePlan | null;
  patientId: string;
  patient: Patient;
  medication: Medication;
  doses: DoseEvent[];
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onDone: (message: string) => void;
}) {
  const { t, locale } = i18n;
  const [error, setError] = useState<unknown>(null);
  const zone = patient.timeZone;
  const now = new Date();
  const stopped = medication.stoppedAt !== null;
  const course = courseOf(medication, doses, zone, now);
  const lastTaken = doses
    .filter((dose) => dose.medicationId === medication.id && dose.status === 'taken')
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  const titleId = `medicine-${medication.id}`;

  async function stop(): Promise<void> {
    if (!window.confirm(t('meds.confirmStop', { name: medication.name }))) {
      return;
    }
    setError(null);
    try {
      await api.stopMedication(patientId, medication.id);
      onDone(t('meds.stoppedDone', { name: medication.name }));
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <li className={stopped ? 'card medicine medicine-stopped' : 'card medicine'} aria-labelledby={titleId}>
      <h3 id={titleId}>{medication.name}</h3>
      <p className="muted">{t(`meds.kind.${medication.kind}`)}</p>
      <p>
        <strong>{medication.amount}</strong>
      </p>
      <p>{whenText(i18n, medication)}</p>
      {medication.reason !== '' && <p>{t('meds.why', { reason: medication.reason })}</p>}
      <p className="muted">
        {medication.endDate === null
          ? t('meds.from', { start: formatLocalDate(medication.startDate, locale) })
          : t('meds.dates', {
              start: formatLocalDate(medication.startDate, locale),
              end: formatLocalDate(medication.endDate, locale),
            })}
      </p>
      {medication.stoppedAt !== null && (
        <p>
          <strong>{t('meds.stopped', { date: formatDateTimeIn(zone, new Date(medication.stoppedAt), locale) })}</strong>
        </p>
      )}
      {course && !stopped && course.endDate !== null && (
        <p className="course">
          <strong>
            {course.finished
              ? t('meds.courseDone', { end: formatLocalDate(course.endDate, locale) })
              : t('meds.course', { left: course.dosesLeft ?? 0, end: formatLocalDate(course.endDate, locale) })}
          </strong>
        </p>
      )}
      {medication.timing.type === 'as-needed' && lastTaken && (
        <p className="muted">{t('meds.lastDose', { time: formatDateTimeIn(zone, new Date(lastTaken.at), locale) })}</p>
      )}
      {medication.timing.type === 'as-needed' && !stopped && (
        <PainLog
          i18n={i18n}
          plan={plan}
          patientId={patientId}
          zone={zone}
          medication={medication}
          doses={doses}
          onTaken={onDone}
        />
      )}
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {!stopped && !editing && (
        <div className="actions">
          <button type="button" aria-label={t('meds.editLabel', { name: medication.name })} onClick={onEdit}>
            {t('meds.edit')}
          </button>
          <button type="button" aria-label={t('meds.stopLabel', { name: medication.name })} onClick={() => void stop()}>
            {t('meds.stop')}
          </button>
        </div>
      )}
      {editing && (
        <MedicineForm
          patientId={patientId}
          timeZone={zone}
          medication={medication}
          onSaved={(changed) => {
            onDone(t('meds.changed', { name: changed.name }));
          }}
          onCancel={onCancelEdit}
        />
      )}
      {!stopped && (
        <MedicineProblem i18n={i18n} plan={plan} patientId={patientId} patient={patient} medication={medication} />
      )}
    </li>
  );
}

function PainLog({
  i18n,
  plan,
  patientId,
  zone,
  medication,
  doses,
  onTaken,
}: {
  i18n: I18n;
  plan: CarePlan | null;
  patientId: string;
  zone: string;
  medication: Medication;
  doses: DoseEvent[];
  onTaken: (message: string) => void;
}) {
  const { t, language, locale } = i18n;
  const [advice, setAdvice] = useState<{ score: number; advice: PainAdvice } | null>(null);
  const [pickError, setPickError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const threshold = plan?.settings.painPromptThreshold ?? DEFAULT_PAIN_THRESHOLD;

  function logPain(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const score = new FormData(event.currentTarget).get('pain');
    if (typeof score !== 'string' || score === '') {
      setPickError(t('meds.pickPain'));
      setAdvice(null);
      return;
    }
    setPickError(undefined);
    const value = Number(score);
    setAdvice({ score: value, advice: painAdvice(medication, doses, value, threshold, new Date()) });
  }

  async function tookIt(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const { dose } = await api.logDose(patientId, {
        medicationId: medication.id,
        medicationVersion: medication.version,
        status: 'taken',
      });
      setAdvice(null);
      onTaken(t('meds.tookDone', { name: medication.name, time: formatDateTimeIn(zone, new Date(dose.at), locale) }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function adviceText(current: PainAdvice, score: number): string {
    switch (current.kind) {
      case 'take-now':
        return plan ? planText(plan, language, plan.medicines.painPromptKey) : t('meds.painTake');
      case 'wait':
        return t(current.reason === 'daily-max' ? 'meds.painWaitMax' : 'meds.painWait', {
          time: formatDateTimeIn(zone, new Date(current.nextAllowedAt), locale),
        });
      case 'below-threshold':
      case 'not-in-use':
        return t('meds.painLow', { score });
    }
  }

  return (
    <div className="pain-log">
      <form noValidate onSubmit={logPain}>
        <ChoiceGroup
          name="pain"
          legend={t('meds.pain')}
          className="pain-scale"
          options={Array.from({ length: 11 }, (_, score) => ({ value: String(score), label: String(score) }))}
          error={pickError}
        />
        <button type="submit" aria-label={t('meds.logPainLabel', { name: medication.name })}>
          {t('meds.logPain')}
        </button>
      </form>
      <div role="status">
        {advice && (
          <p className={advice.advice.kind === 'take-now' ? 'pain-advice pain-advice-take' : 'pain-advice'}>
            {adviceText(advice.advice, advice.score)}
          </p>
        )}
      </div>
      {advice?.advice.kind === 'take-now' && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            aria-label={t('meds.tookItLabel', { name: medication.name })}
            onClick={() => void tookIt()}
          >
            {t('meds.tookIt')}
          </button>
        </div>
      )}
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
    </div>
  );
}

type MedicineProblemSign = 'medicine-not-helping' | 'medicine-side-effects';

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** "This medicine isn't helping" / "I think I have side effects": one tap sends a check-in and shows what triage says. */
function MedicineProblem({
  i18n,
  plan,
  patientId,
  patient,
  medication,
}: {
  i18n: I18n;
  plan: CarePlan | null;
  patientId: string;
  patient: Patient;
  medication: Medication;
}) {
  const { t, language } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CheckInResponse | null>(null);

  async function send(sign: MedicineProblemSign): Promise<void> {
    setBusy(true);
    setError(null);
    const sentence = t(sign === 'medicine-not-helping' ? 'meds.notHelpingText' : 'meds.sideEffectsText');
    try {
      setResult(
        await api.checkIn(patientId, {
          language,
          signs: [sign],
          text: `${sentence} ${medication.name}`,
          idempotencyKey: newKey(),
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const disposition = result?.triage.disposition;
  const number = emergencyNumberFor(patient.country);
  return (
    <div className="medicine-problem">
      <div className="actions">
        <button
          type="button"
          disabled={busy}
          aria-label={t('meds.notHelpingLabel', { name: medication.name })}
          onClick={() => void send('medicine-not-helping')}
        >
          {t('meds.notHelping')}
        </button>
        <button
          type="button"
          disabled={busy}
          aria-label={t('meds.sideEffectsLabel', { name: medication.name })}
          onClick={() => void send('medicine-side-effects')}
        >
          {t('meds.sideEffects')}
        </button>
      </div>
      {busy && <p>{t('meds.sending')}</p>}
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      <div role="status">
        {result && disposition && (
          <div className={disposition === 'emergency' ? 'triage-answer triage-answer-emergency' : 'triage-answer'}>
            <p>
              <strong>{t(`checkIn.result.${disposition}`)}</strong>
            </p>
            <p>{t(`checkIn.result.${disposition}Body`)}</p>
            {disposition === 'emergency' && (
              <a className="call-button" href={`tel:${number}`}>
                {t('emergency.call', { number })}
              </a>
            )}
            {plan && <p>{planText(plan, language, result.triage.advice)}</p>}
            {result.alert && <p className="team-told">{t('checkIn.teamTold')}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
