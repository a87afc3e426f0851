/** The fields of one medicine being written or changed: amount, timing (set times, every N hours, as needed), why, how long. */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { Medication } from '../api/types.ts';
import { DraftSelect, DraftText } from './DraftFields.tsx';
import type { DraftProblem, MedicineDraft, TimingType } from './plan-draft.ts';

const KINDS: readonly Medication['kind'][] = ['prescription', 'over-the-counter', 'vitamin', 'herb'];
const TIMINGS: readonly TimingType[] = ['fixed-times', 'every-hours', 'as-needed'];

/** The fields typed as text. */
type TextKey =
  'name' | 'amount' | 'times' | 'hours' | 'minIntervalHours' | 'maxPerDay' | 'reason' | 'startDate' | 'courseDays';

export function MedicineFields({
  draft,
  problems,
  onChange,
}: {
  draft: MedicineDraft;
  problems: readonly DraftProblem[];
  onChange: (patch: Partial<MedicineDraft>) => void;
}) {
  const { t } = useI18n();
  const errorOf = (field: string): string | undefined => {
    const found = problems.find((p) => p.key === draft.key && p.field === field);
    return found === undefined ? undefined : t(found.message);
  };
  const text = (field: TextKey, label: MessageKey, extra: { inputMode?: 'decimal'; type?: 'date' } = {}) => (
    <DraftText
      label={t(label)}
      value={draft[field]}
      error={errorOf(field)}
      onChange={(value) => {
        onChange({ [field]: value });
      }}
      {...extra}
    />
  );
  return (
    <div className="medicine-fields">
      {text('name', 'careteam.med.name')}
      <DraftSelect
        label={t('careteam.med.kind')}
        value={draft.kind}
        options={KINDS.map((kind) => ({ value: kind, label: t(`careteam.med.kind.${kind}`) }))}
        onChange={(kind) => {
          onChange({ kind });
        }}
      />
      {text('amount', 'careteam.med.amount')}
      <DraftSelect
        label={t('careteam.med.timing')}
        value={draft.timingType}
        options={TIMINGS.map((type) => ({ value: type, label: t(`careteam.med.timing.${type}`) }))}
        onChange={(timingType) => {
          onChange({ timingType });
        }}
      />
      {draft.timingType === 'fixed-times' && text('times', 'careteam.med.times')}
      {draft.timingType === 'every-hours' && text('hours', 'careteam.med.hours', { inputMode: 'decimal' })}
      {draft.timingType === 'as-needed' && (
        <>
          {text('minIntervalHours', 'careteam.med.minInterval', { inputMode: 'decimal' })}
          {text('maxPerDay', 'careteam.med.maxPerDay', { inputMode: 'decimal' })}
        </>
      )}
      {text('reason', 'careteam.med.reason')}
      {text('startDate', 'careteam.med.startDate', { type: 'date' })}
      {text('courseDays', 'careteam.med.courseDays', { inputMode: 'decimal' })}
    </div>
  );
}
