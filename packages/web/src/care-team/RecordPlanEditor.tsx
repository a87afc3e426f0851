/**
 * Editing the plan from the record: medicines (change, stop, add), allergies (add, remove), visits (add, change,
 * cancel) and the return-to-work guidance. Every save is a versioned change the patient sees.
 */
import { useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import { careteamApi } from '../api/careteam.ts';
import type { CareteamRecord } from '../api/careteam.ts';
import type { Appointment, Medication } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { localDateIn } from '../patient/zoned-time.ts';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { DraftText } from './DraftFields.tsx';
import { formatInstant } from './format.ts';
import { MedicineFields } from './MedicineFields.tsx';
import { blankMedicine, blankVisit, draftOfMedicine, medicineFromDraft, visitFromDraft } from './plan-draft.ts';
import type { DraftProblem, MedicineDraft, VisitDraft } from './plan-draft.ts';
import { VisitFields } from './PlanItemsEditor.tsx';
import { visitLabel } from './visit-label.ts';

type Editing =
  | { what: 'none' }
  | { what: 'medicine'; id: string | null; draft: MedicineDraft }
  | { what: 'visit'; id: string | null; draft: VisitDraft }
  | { what: 'allergy' }
  | { what: 'return-to-work' };

export function RecordPlanEditor({
  record,
  plan,
  onChanged,
}: {
  record: CareteamRecord;
  plan: CarePlan | null;
  onChanged: (message: string) => void;
}) {
  const { t, locale, language } = useI18n();
  const { patient } = record;
  const [editing, setEditing] = useState<Editing>({ what: 'none' });
  const [problems, setProblems] = useState<readonly DraftProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = localDateIn(patient.timeZone, new Date());

  async function save(action: () => Promise<unknown>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
      setEditing({ what: 'none' });
      setProblems([]);
      onChanged(t('careteam.record.saved'));
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  function saveMedicine(id: string | null, draft: MedicineDraft): void {
    const result = medicineFromDraft(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    void save(() =>
      id === null
        ? api.addMedication(patient.id, result.input)
        : api.changeMedication(patient.id, id, {
            name: result.input.name,
            kind: result.input.kind,
            amount: result.input.amount,
            timing: result.input.timing,
            reason: result.input.reason,
            startDate: result.input.startDate,
            endDate: result.input.endDate,
          }),
    );
  }

  function saveVisit(id: string | null, draft: VisitDraft): void {
    const result = visitFromDraft(draft, patient.timeZone);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    void save(() =>
      id === null
        ? api.addAppointment(patient.id, { ...result.input, location: result.input.location ?? undefined })
        : careteamApi.updateAppointment(patient.id, id, result.input),
    );
  }

  /** Opens one form (or, with `none`, closes it), clearing the problems left by the one before. */
  function startEditing(next: Editing): void {
    setProblems([]);
    setEditing(next);
  }

  const stopEditing = () => {
    startEditing({ what: 'none' });
  };

  const medicineForm = (id: string | null, draft: MedicineDraft) => (
    <PlanItemForm
      busy={busy}
      onSubmit={() => {
        saveMedicine(id, draft);
      }}
      onCancel={stopEditing}
    >
      <MedicineFields
        draft={draft}
        problems={problems}
        onChange={(patch) => {
          setEditing({ what: 'medicine', id, draft: { ...draft, ...patch } });
        }}
      />
    </PlanItemForm>
  );

  const visitForm = (id: string | null, draft: VisitDraft) => (
    <PlanItemForm
      busy={busy}
      onSubmit={() => {
        saveVisit(id, draft);
      }}
      onCancel={stopEditing}
    >
      <VisitFields
        visit={draft}
        fromPlan={false}
        errorOf={(field) => {
          const found = problems.find((p) => p.key === draft.key && p.field === field);
          return found === undefined ? undefined : t(found.message);
        }}
        onChange={(patch) => {
          setEditing({ what: 'visit', id, draft: { ...draft, ...patch } });
        }}
      />
    </PlanItemForm>
  );

  const current = record.medications.filter((m: Medication) => m.stoppedAt === null);
  const stopped = record.medications.filter((m: Medication) => m.stoppedAt !== null);
  const visits = record.appointments;

  return (
    <section aria-labelledby="record-plan">
      <h2 id="record-plan">{t('careteam.record.editPlan')}</h2>
      {error !== null && <FormMessage>{error}</FormMessage>}

      <h3>{t('record.medicines')}</h3>
      <ul className="plan-list">
        {current.map((medicine) => (
          <li key={medicine.id} data-testid="record-medicine">
            <strong>{medicine.name}</strong> — {medicine.amount}
            {medicine.reason !== '' && `, ${medicine.reason}`}
            {editing.what === 'medicine' && editing.id === medicine.id ? (
              medicineForm(medicine.id, editing.draft)
            ) : (
              <span className="row-actions">
                <button
                  type="button"
                  aria-label={t('careteam.record.editNamed', { name: medicine.name })}
                  onClick={() => {
                    startEditing({ what: 'medicine', id: medicine.id, draft: draftOfMedicine(medicine) });
                  }}
                >
                  {t('careteam.record.edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('careteam.record.stopNamed', { name: medicine.name })}
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('careteam.record.confirmStop', { name: medicine.name }))) {
                      void save(() => api.stopMedication(patient.id, medicine.id));
                    }
                  }}
                >
                  {t('careteam.record.stop')}
                </button>
              </span>
            )}
          </li>
        ))}
        {stopped.map((medicine) => (
          <li key={medicine.id} className="muted">
            {medicine.name} ({t('record.stopped')} {formatInstant(locale, medicine.stoppedAt ?? '')})
          </li>
        ))}
      </ul>
      {editing.what === 'medicine' && editing.id === null ? (
        medicineForm(null, editing.draft)
      ) : (
        <button
          type="button"
          onClick={() => {
            startEditing({ what: 'medicine', id: null, draft: blankMedicine(today) });
          }}
        >
          {t('careteam.plan.addMedicine')}
        </button>
      )}

      <h3>{t('record.allergies')}</h3>
      {record.allergies.length === 0 ? (
        <p className="muted">{t('record.noAllergies')}</p>
      ) : (
        <ul className="plan-list">
          {record.allergies.map((allergy) => (
            <li key={allergy.id}>
              <strong>{allergy.substance}</strong>
              {allergy.reaction !== '' && `: ${allergy.reaction}`}{' '}
              <button
                type="button"
                aria-label={t('careteam.plan.removeNamed', { name: allergy.substance })}
                disabled={busy}
                onClick={() => {
                  void save(() => careteamApi.removeAllergy(patient.id, allergy.id));
                }}
              >
                {t('careteam.plan.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing.what === 'allergy' ? (
        <AllergyForm
          busy={busy}
          onCancel={() => {
            setEditing({ what: 'none' });
          }}
          onSave={(substance, reaction) => {
            void save(() => api.addAllergy(patient.id, { substance, reaction }));
          }}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setEditing({ what: 'allergy' });
          }}
        >
          {t('careteam.plan.addAllergy')}
        </button>
      )}

      <h3>{t('careteam.record.visits')}</h3>
      {visits.length === 0 ? (
        <p className="muted">{t('careteam.record.noVisits')}</p>
      ) : (
        <ul className="plan-list">
          {visits.map((visit: Appointment) => {
            const whenText = new Intl.DateTimeFormat(locale, {
              dateStyle: 'medium',
              timeStyle: 'short',
              timeZone: patient.timeZone,
            }).format(new Date(visit.startsAt));
            return (
              <li key={visit.id} className={visit.cancelledAt === null ? undefined : 'muted'}>
                <strong>{visitLabel(plan, language, visit.reason)}</strong> — {whenText}
                {visit.location !== null && `, ${visit.location}`}
                {visit.cancelledAt !== null && ` (${t('careteam.record.cancelled')})`}
                {visit.cancelledAt === null &&
                  (editing.what === 'visit' && editing.id === visit.id ? (
                    visitForm(visit.id, editing.draft)
                  ) : (
                    <span className="row-actions">
                      <button
                        type="button"
                        aria-label={`${t('careteam.record.edit')}: ${whenText}`}
                        onClick={() => {
                          startEditing({
                            what: 'visit',
                            id: visit.id,
                            draft: {
                              ...blankVisit(localDateIn(patient.timeZone, new Date(visit.startsAt))),
                              withWhom: visit.withWhom,
                              reason: visit.reason,
                              location: visit.location ?? '',
                              time: new Intl.DateTimeFormat('en-GB', {
                                hour: '2-digit',
                                minute: '2-digit',
                                hourCycle: 'h23',
                                timeZone: patient.timeZone,
                              }).format(new Date(visit.startsAt)),
                            },
                          });
                        }}
                      >
                        {t('careteam.record.edit')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('careteam.record.cancelVisitNamed', { when: whenText })}
                        disabled={busy}
                        onClick={() => {
                          void save(() => careteamApi.updateAppointment(patient.id, visit.id, { cancelled: true }));
                        }}
                      >
                        {t('careteam.record.cancelVisit')}
                      </button>
                    </span>
                  ))}
              </li>
            );
          })}
        </ul>
      )}
      {editing.what === 'visit' && editing.id === null ? (
        visitForm(null, editing.draft)
      ) : (
        <button
          type="button"
          onClick={() => {
            startEditing({ what: 'visit', id: null, draft: blankVisit(today) });
          }}
        >
          {t('careteam.plan.addVisit')}
        </button>
      )}

      <h3>{t('careteam.plan.returnToWork')}</h3>
      {editing.what === 'return-to-work' ? (
        <ReturnToWorkForm
          record={record}
          busy={busy}
          onCancel={() => {
            setEditing({ what: 'none' });
          }}
          onSave={(returnToWork, returnToWorkDate) => {
            void save(() => careteamApi.updateEnrolment(patient.id, { returnToWork, returnToWorkDate }));
          }}
        />
      ) : (
        <>
          <p>{record.enrolment?.returnToWork ?? t('record.none')}</p>
          {record.enrolment !== null && record.enrolment.returnToWorkDate !== null && (
            <p>{`${t('careteam.record.returnToWorkDate')}: ${record.enrolment.returnToWorkDate}`}</p>
          )}
          <button
            type="button"
            onClick={() => {
              setEditing({ what: 'return-to-work' });
            }}
          >
            {t('careteam.record.edit')}
          </button>
        </>
      )}
    </section>
  );
}

function AllergyForm({
  busy,
  onSave,
  onCancel,
}: {
  busy: boolean;
  onSave: (substance: string, reaction: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [substance, setSubstance] = useState('');
  const [reaction, setReaction] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <PlanItemForm
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (substance.trim() === '') {
          setMissing(true);
          return;
        }
        onSave(substance.trim(), reaction.trim());
      }}
    >
      <DraftText
        label={t('careteam.allergy.substance')}
        value={substance}
        error={missing ? t('careteam.error.required') : undefined}
        onChange={setSubstance}
      />
      <DraftText label={t('careteam.allergy.reaction')} value={reaction} onChange={setReaction} />
    </PlanItemForm>
  );
}

function ReturnToWorkForm({
  record,
  busy,
  onSave,
  onCancel,
}: {
  record: CareteamRecord;
  busy: boolean;
  onSave: (text: string | null, date: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(record.enrolment?.returnToWork ?? '');
  const [date, setDate] = useState(record.enrolment?.returnToWorkDate ?? '');
  return (
    <PlanItemForm
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        onSave(text.trim() === '' ? null : text.trim(), date === '' ? null : date);
      }}
    >
      <DraftText label={t('careteam.plan.returnToWorkText')} value={text} onChange={setText} />
      <DraftText label={t('careteam.plan.returnToWorkDate')} type="date" value={date} onChange={setDate} />
    </PlanItemForm>
  );
}

/** The frame every inline edit form shares: its fields, then Save and Cancel. */
function PlanItemForm({
  busy,
  onSubmit,
  onCancel,
  children,
}: {
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      noValidate
      className="plan-item"
      onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <button type="submit" className="primary" disabled={busy}>
        {t('careteam.record.save')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('careteam.record.cancel')}
      </button>
    </form>
  );
}
