/** Add a medicine, or change one (the server keeps the old version): name, type, amount, when, why, start and end. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api } from '../api/client.ts';
import type { Medication } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage, SelectField, TextField, formValues } from '../ui/Field.tsx';
import { formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { medicineFieldOf, medicineFromForm } from './medicine-status.ts';
import type { TimingType } from './medicine-status.ts';
import { localDateIn } from './zoned-time.ts';

const KINDS = ['prescription', 'over-the-counter', 'vitamin', 'herb'] as const;
const TIMINGS: readonly TimingType[] = ['fixed-times', 'every-hours', 'as-needed'];
export function MedicineForm({
  patientId,
  timeZone,
  medication,
  onSaved,
  onCancel,
}: {
  patientId: string;
  timeZone: string;
  /** The medicine to change; null to add a new one. */
  medication: Medication | null;
  onSaved: (medication: Medication) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const [timingType, setTimingType] = useState<TimingType>(medication?.timing.type ?? 'fixed-times');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const timing = medication?.timing;

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const read = medicineFromForm(formValues(event.currentTarget), medication?.planItem ?? null);
    if (!read.ok) {
      const fields: Record<string, string> = {};
      for (const [field, problem] of Object.entries(read.problems)) {
        fields[field] = t(`meds.problem.${problem}`);
      }
      setErrors({ top: t('errors.formHasProblems'), fields });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const saved =
        medication === null
          ? await api.addMedication(patientId, read.input)
          : await api.changeMedication(patientId, medication.id, read.input);
      onSaved(saved.medication);
    } catch (failure) {
      // Nothing typed is lost: the form stays as it was, with the server's words beside the fields.
      setErrors(formErrorsFrom(t, failure, medicineFieldOf));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subform" noValidate aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h3 id={titleId}>{medication === null ? t('meds.addTitle') : t('meds.editTitle', { name: medication.name })}</h3>
      <FormMessage>{errors.top}</FormMessage>
      <TextField
        name="name"
        label={t('meds.name')}
        required
        defaultValue={medication?.name ?? ''}
        error={errors.fields.name}
      />
      <SelectField
        name="kind"
        label={t('meds.kind')}
        defaultValue={medication?.kind ?? 'prescription'}
        options={KINDS.map((kind) => ({ value: kind, label: t(`meds.kind.${kind}`) }))}
        error={errors.fields.kind}
      />
      <TextField
        name="amount"
        label={t('meds.amount')}
        hint={t('meds.amountHint')}
        required
        defaultValue={medication?.amount ?? ''}
        error={errors.fields.amount}
      />
      <fieldset className={errors.fields.timingType ? 'choices timing-fields field-invalid' : 'choices timing-fields'}>
        <legend>{t('meds.when')}</legend>
        {errors.fields.timingType && <p className="field-error">{errors.fields.timingType}</p>}
        {TIMINGS.map((type) => (
          <label key={type} className="choice">
            <input
              type="radio"
              name="timingType"
              value={type}
              checked={timingType === type}
              onChange={() => {
                setTimingType(type);
              }}
            />
            <span>{t(`meds.timing.${type}`)}</span>
          </label>
        ))}
        {timingType === 'fixed-times' && (
          <TextField
            name="times"
            label={t('meds.times')}
            hint={t('meds.timesHint')}
            autoComplete="off"
            defaultValue={timing?.type === 'fixed-times' ? timing.times.join(', ') : ''}
            error={errors.fields.times}
          />
        )}
        {timingType === 'every-hours' && (
          <TextField
            name="hours"
            label={t('meds.hours')}
            inputMode="decimal"
            autoComplete="off"
            defaultValue={timing?.type === 'every-hours' ? String(timing.hours) : ''}
            error={errors.fields.hours}
          />
        )}
        {timingType === 'as-needed' && (
          <>
            <TextField
              name="minIntervalHours"
              label={t('meds.minInterval')}
              inputMode="decimal"
              autoComplete="off"
              defaultValue={timing?.type === 'as-needed' ? String(timing.minIntervalHours) : ''}
              error={errors.fields.minIntervalHours}
            />
            <TextField
              name="maxPerDay"
              label={t('meds.maxPerDay')}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={timing?.type === 'as-needed' ? String(timing.maxPerDay) : ''}
              error={errors.fields.maxPerDay}
            />
          </>
        )}
      </fieldset>
      <TextField
        name="reason"
        label={t('meds.reason')}
        defaultValue={medication?.reason ?? ''}
        error={errors.fields.reason}
      />
      <TextField
        name="startDate"
        type="date"
        label={t('meds.start')}
        required
        defaultValue={medication?.startDate ?? localDateIn(timeZone, new Date())}
        error={errors.fields.startDate}
      />
      <TextField
        name="endDate"
        type="date"
        label={t('meds.end')}
        defaultValue={medication?.endDate ?? ''}
        error={errors.fields.endDate}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('meds.saving') : t('meds.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('meds.cancel')}
        </button>
      </div>
    </form>
  );
}
