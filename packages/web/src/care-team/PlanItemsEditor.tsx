/** The plan part of enrolment: discharge medicines, allergies, follow-up visits and return-to-work, edited before saving. */
import type { CarePlan } from '@aftercare/core';
import type { Appointment } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { DraftCheckbox, DraftSelect, DraftText } from './DraftFields.tsx';
import { MedicineFields } from './MedicineFields.tsx';
import { blankMedicine, blankVisit, newKey } from './plan-draft.ts';
import type { DraftProblem, MedicineDraft, PlanDraft, VisitDraft } from './plan-draft.ts';
import { visitLabel } from './visit-label.ts';

export const WITH_WHOM: readonly Appointment['withWhom'][] = ['primary-care', 'hematologist', 'other'];

export function PlanItemsEditor({
  plan,
  draft,
  problems,
  procedureDate,
  onChange,
}: {
  plan: CarePlan | null;
  draft: PlanDraft;
  problems: readonly DraftProblem[];
  procedureDate: string;
  onChange: (draft: PlanDraft) => void;
}) {
  const { t, language } = useI18n();
  const errorOf = (key: string, field: string): string | undefined => {
    const found = problems.find((p) => p.key === key && p.field === field);
    return found === undefined ? undefined : t(found.message);
  };
  const setMedicine = (key: string, patch: Partial<MedicineDraft>) => {
    onChange({ ...draft, medicines: draft.medicines.map((m) => (m.key === key ? { ...m, ...patch } : m)) });
  };
  const setVisit = (key: string, patch: Partial<VisitDraft>) => {
    onChange({ ...draft, visits: draft.visits.map((v) => (v.key === key ? { ...v, ...patch } : v)) });
  };

  return (
    <div className="plan-items">
      <fieldset className="group">
        <legend>{t('careteam.plan.medicines')}</legend>
        <p className="hint">{t('careteam.plan.medicinesHelp')}</p>
        {draft.medicines.map((medicine) => {
          const name = medicine.name.trim() === '' ? t('careteam.plan.newMedicine') : medicine.name;
          return (
            <div key={medicine.key} className="plan-item" data-testid="enrol-medicine">
              {medicine.planItem === null ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    onChange({ ...draft, medicines: draft.medicines.filter((m) => m.key !== medicine.key) });
                  }}
                >
                  {t('careteam.plan.removeNamed', { name })}
                </button>
              ) : (
                <DraftCheckbox
                  label={t('careteam.plan.include', { name })}
                  checked={medicine.include}
                  onChange={(include) => {
                    setMedicine(medicine.key, { include });
                  }}
                />
              )}
              {medicine.include && (
                <MedicineFields
                  draft={medicine}
                  problems={problems}
                  onChange={(patch) => {
                    setMedicine(medicine.key, patch);
                  }}
                />
              )}
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            onChange({ ...draft, medicines: [...draft.medicines, blankMedicine(procedureDate)] });
          }}
        >
          {t('careteam.plan.addMedicine')}
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>{t('careteam.plan.allergies')}</legend>
        {draft.allergies.map((allergy, index) => (
          <div key={allergy.key} className="plan-item">
            <DraftText
              label={t('careteam.allergy.substance')}
              value={allergy.substance}
              error={errorOf(allergy.key, 'substance')}
              onChange={(substance) => {
                onChange({
                  ...draft,
                  allergies: draft.allergies.map((a, i) => (i === index ? { ...a, substance } : a)),
                });
              }}
            />
            <DraftText
              label={t('careteam.allergy.reaction')}
              value={allergy.reaction}
              onChange={(reaction) => {
                onChange({
                  ...draft,
                  allergies: draft.allergies.map((a, i) => (i === index ? { ...a, reaction } : a)),
                });
              }}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => {
                onChange({ ...draft, allergies: draft.allergies.filter((a) => a.key !== allergy.key) });
              }}
            >
              {t('careteam.plan.removeNamed', { name: allergy.substance || t('careteam.plan.allergies') })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => {
            onChange({
              ...draft,
              allergies: [...draft.allergies, { key: newKey('allergy'), substance: '', reaction: '' }],
            });
          }}
        >
          {t('careteam.plan.addAllergy')}
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>{t('careteam.plan.visits')}</legend>
        <p className="hint">{t('careteam.plan.visitsHelp')}</p>
        {draft.visits.map((visit) => {
          const fromPlan = plan?.followUps.visits.some((v) => v.id === visit.reason) === true;
          const label = visitLabel(plan, language, visit.reason);
          return (
            <div key={visit.key} className="plan-item" data-testid="enrol-visit">
              {fromPlan ? (
                <DraftCheckbox
                  label={t('careteam.plan.includeVisit', { reason: label })}
                  checked={visit.include}
                  onChange={(include) => {
                    setVisit(visit.key, { include });
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    onChange({ ...draft, visits: draft.visits.filter((v) => v.key !== visit.key) });
                  }}
                >
                  {t('careteam.plan.removeNamed', { name: label || t('careteam.plan.visits') })}
                </button>
              )}
              {visit.include && (
                <VisitFields
                  visit={visit}
                  fromPlan={fromPlan}
                  errorOf={(field) => errorOf(visit.key, field)}
                  onChange={(patch) => {
                    setVisit(visit.key, patch);
                  }}
                />
              )}
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            onChange({ ...draft, visits: [...draft.visits, blankVisit(procedureDate)] });
          }}
        >
          {t('careteam.plan.addVisit')}
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>{t('careteam.plan.returnToWork')}</legend>
        <DraftText
          label={t('careteam.plan.returnToWorkText')}
          value={draft.returnToWork}
          onChange={(returnToWork) => {
            onChange({ ...draft, returnToWork });
          }}
        />
        <DraftText
          label={t('careteam.plan.returnToWorkDate')}
          type="date"
          value={draft.returnToWorkDate}
          error={errorOf('returnToWork', 'returnToWorkDate')}
          onChange={(returnToWorkDate) => {
            onChange({ ...draft, returnToWorkDate });
          }}
        />
      </fieldset>
    </div>
  );
}

export function VisitFields({
  visit,
  fromPlan,
  errorOf,
  onChange,
}: {
  visit: VisitDraft;
  fromPlan: boolean;
  errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<VisitDraft>) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="visit-fields">
      <DraftSelect
        label={t('careteam.visit.withWhom')}
        value={visit.withWhom}
        options={WITH_WHOM.map((value) => ({ value, label: t(`today.with.${value}`) }))}
        onChange={(withWhom) => {
          onChange({ withWhom });
        }}
      />
      {!fromPlan && (
        <DraftText
          label={t('careteam.visit.reason')}
          value={visit.reason}
          error={errorOf('reason')}
          onChange={(reason) => {
            onChange({ reason });
          }}
        />
      )}
      <DraftText
        label={t('careteam.visit.location')}
        value={visit.location}
        onChange={(location) => {
          onChange({ location });
        }}
      />
      <DraftText
        label={t('careteam.visit.date')}
        type="date"
        value={visit.date}
        error={errorOf('date')}
        onChange={(date) => {
          onChange({ date });
        }}
      />
      <DraftText
        label={t('careteam.visit.time')}
        type="time"
        value={visit.time}
        error={errorOf('time')}
        onChange={(time) => {
          onChange({ time });
        }}
      />
    </div>
  );
}
