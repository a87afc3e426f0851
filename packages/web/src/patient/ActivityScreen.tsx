/** Activity and work: the plan's advice, what the care team said about going back to work, and check-offs. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { localDateOf } from '@aftercare/core/schedule';
import { api } from '../api/client.ts';
import type { Enrolment, Patient } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { patientApi } from './patient-api.ts';
import type { Milestone, MilestoneKind } from './patient-api.ts';
import { planText } from './plan-view.ts';
import { usePlan } from './use-plan.ts';
import { usePatientData } from './use-patient-data.ts';

const KINDS: readonly MilestoneKind[] = ['returned-to-work', 'back-to-normal-activities', 'feels-recovered'];

/** The care team may add a planned date to the enrolment; older servers do not send it. */
type EnrolmentWithDate = Enrolment & { returnToWorkDate?: string | null };

interface ActivityData {
  patient: Patient;
  enrolment: EnrolmentWithDate | null;
  milestones: Milestone[];
}

async function loadActivity(patientId: string): Promise<ActivityData> {
  const [record, milestones] = await Promise.all([api.patient(patientId), patientApi.milestones(patientId)]);
  return { patient: record.patient, enrolment: record.enrolment, milestones: milestones.milestones };
}

function formatDay(locale: string, localDate: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${localDate}T12:00:00Z`),
  );
}

export function ActivityScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language, locale } = i18n;
  const plan = usePlan();
  const { data, error, reload } = usePatientData(patientId, loadActivity);
  const [status, setStatus] = useState<string | null>(null);

  const returnToWork = data?.enrolment?.returnToWork ?? null;
  const plannedDate = data?.enrolment?.returnToWorkDate ?? null;
  return (
    <section className="screen narrow activity">
      <ScreenTitle>{plan ? planText(plan, language, plan.activity.titleKey) : t('patient.nav.activity')}</ScreenTitle>
      {plan && (
        <div className="plan-texts">
          {plan.activity.textKeys.map((key) => (
            <p key={key}>{planText(plan, language, key)}</p>
          ))}
          <p>{planText(plan, language, plan.activity.returnToWork.textKey)}</p>
        </div>
      )}
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      {data === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {data && (
        <>
          <section className="card" aria-labelledby="activity-team">
            <h2 id="activity-team">{t('patient.activity.teamSaid')}</h2>
            {returnToWork === null && plannedDate === null && <p>{t('patient.activity.nothingYet')}</p>}
            {returnToWork !== null && <p className="team-words">{returnToWork}</p>}
            {plannedDate !== null && (
              <p className="strong">{t('patient.activity.plannedDate', { date: formatDay(locale, plannedDate) })}</p>
            )}
          </section>
          <section aria-labelledby="activity-check-offs">
            <h2 id="activity-check-offs">{t('patient.activity.checkOffs')}</h2>
            <FormMessage tone="success">{status}</FormMessage>
            <ul className="milestone-list">
              {KINDS.map((kind) => (
                <li key={kind} className="card milestone">
                  <MilestoneItem
                    i18n={i18n}
                    patientId={patientId}
                    patient={data.patient}
                    kind={kind}
                    milestone={data.milestones.find((m) => m.kind === kind) ?? null}
                    onDone={(message) => {
                      setStatus(message);
                      void reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </section>
  );
}

function MilestoneItem({
  i18n,
  patientId,
  patient,
  kind,
  milestone,
  onDone,
}: {
  i18n: I18n;
  patientId: string;
  patient: Patient;
  kind: MilestoneKind;
  milestone: Milestone | null;
  onDone: (message: string) => void;
}) {
  const { t, locale } = i18n;
  const dayId = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const what = t(`patient.activity.milestone.${kind}`);
  const today = localDateOf(new Date(), patient.timeZone);

  async function run(change: () => Promise<unknown>, message: string): Promise<void> {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await change();
      onDone(message);
    } catch (failure) {
      setErrors(formErrorsFrom(t, failure));
    } finally {
      setBusy(false);
    }
  }

  if (milestone) {
    return (
      <>
        <h3>{what}</h3>
        <p className="done">{t('patient.activity.doneOn', { date: formatDay(locale, milestone.reachedOn) })}</p>
        <FormMessage>{errors.top}</FormMessage>
        <button
          type="button"
          disabled={busy}
          aria-label={t('patient.activity.undoLabel', { what })}
          onClick={() =>
            void run(() => patientApi.removeMilestone(patientId, kind), t('patient.activity.undone', { what }))
          }
        >
          {t('patient.history.undo')}
        </button>
      </>
    );
  }

  function submit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const day = new FormData(event.currentTarget).get('reachedOn');
    const reachedOn = typeof day === 'string' && day !== '' ? day : undefined;
    void run(() => patientApi.addMilestone(patientId, kind, reachedOn), t('patient.activity.saved', { what }));
  }

  const dayError = errors.fields.reachedOn;
  return (
    <form noValidate onSubmit={submit}>
      <h3>{what}</h3>
      <FormMessage>{errors.top}</FormMessage>
      <div className={dayError ? 'field field-invalid' : 'field'}>
        <label htmlFor={dayId}>{t('patient.activity.day')}</label>
        {dayError && (
          <p className="field-error" id={`${dayId}-error`}>
            {dayError}
          </p>
        )}
        <input
          id={dayId}
          type="date"
          name="reachedOn"
          defaultValue={today}
          min={patient.procedureDate}
          max={today}
          aria-invalid={dayError ? true : undefined}
          aria-describedby={dayError ? `${dayId}-error` : undefined}
        />
      </div>
      <button
        type="submit"
        className="primary"
        disabled={busy}
        aria-label={t('patient.activity.markDoneLabel', { what })}
      >
        {t('patient.activity.markDone')}
      </button>
    </form>
  );
}
