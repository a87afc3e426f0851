/** The patient's Visits: follow-up visits (add one), and for each a questions list with the plan's suggestions one tap away. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import type { Appointment, Patient, Question } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { FormMessage, SelectField, TextField, formValues } from '../ui/Field.tsx';
import { describeError, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { planText } from './plan-view.ts';
import { usePlan } from './use-plan.ts';
import { usePatientData } from './use-patient-data.ts';
import { questionsFor, suggestionsToOffer, visitsInOrder } from './visit-view.ts';
import { formatDateTimeIn, localDateIn, zonedTimeToInstant } from './zoned-time.ts';
import { CalendarFeedPanel } from '../carry/CalendarFeedPanel.tsx';
import { VisitCalendarLink } from '../carry/VisitCalendarLink.tsx';
import './patient.css';

interface VisitsData {
  patient: Patient;
  appointments: Appointment[];
  questions: Question[];
}

async function loadVisits(patientId: string): Promise<VisitsData> {
  const [record, visits, questions] = await Promise.all([
    api.patient(patientId),
    api.appointments(patientId),
    api.questions(patientId),
  ]);
  return { patient: record.patient, appointments: visits.appointments, questions: questions.questions };
}

const WITH_WHOM: readonly Appointment['withWhom'][] = ['primary-care', 'hematologist', 'other'];
const WITH_KEYS: Record<Appointment['withWhom'], MessageKey> = {
  'primary-care': 'today.with.primary-care',
  hematologist: 'today.with.hematologist',
  other: 'today.with.other',
};
const OTHER_REASON = 'other';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function reasonText(plan: CarePlan | null, i18n: I18n, reason: string): string {
  const planVisit = plan?.followUps.visits.find((visit) => visit.id === reason);
  return plan && planVisit ? planText(plan, i18n.language, planVisit.textKey) : reason;
}

export function VisitsScreen({ patientId }: { patientId: string }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const plan = usePlan();
  const { data, error, reload } = usePatientData(patientId, loadVisits);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const changed = (message: string | null): void => {
    if (message !== null) {
      setNotice(message);
    }
    void reload();
  };

  const order = data ? visitsInOrder(data.appointments, new Date()) : null;
  const suggested = plan
    ? plan.followUps.questions.suggested.map((question) => planText(plan, language, question.textKey))
    : [];
  const loose = data ? questionsFor(data.questions, null) : [];

  const visitCard = (visit: Appointment, zone: string, all: Question[]) => (
    <VisitCard
      key={visit.id}
      i18n={i18n}
      plan={plan}
      patientId={patientId}
      visit={visit}
      zone={zone}
      questions={questionsFor(all, visit.id)}
      suggested={suggested}
      onChanged={changed}
    />
  );

  return (
    <section className="screen narrow patient-screen">
      <ScreenTitle>{t('visits.title')}</ScreenTitle>
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      <FormMessage tone="success">{notice}</FormMessage>
      {plan && <p>{planText(plan, language, plan.followUps.introKey)}</p>}
      {plan && <p className="hint">{planText(plan, language, plan.followUps.questions.introKey)}</p>}
      {data === null && error === null && <p className="loading">{t('app.loading')}</p>}
      {data && order && (
        <>
          {adding ? (
            <VisitForm
              i18n={i18n}
              plan={plan}
              patientId={patientId}
              zone={data.patient.timeZone}
              onSaved={() => {
                setAdding(false);
                changed(t('visits.added'));
              }}
              onCancel={() => {
                setAdding(false);
              }}
            />
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setNotice(null);
                setAdding(true);
              }}
            >
              {t('visits.add')}
            </button>
          )}
          <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{t('visits.upcoming')}</h2>
            {order.upcoming.length === 0 && <p>{t('visits.none')}</p>}
            <ul className="visit-list">
              {order.upcoming.map((visit) => visitCard(visit, data.patient.timeZone, data.questions))}
            </ul>
          </section>
          {loose.length > 0 && (
            <section className="card" aria-labelledby="loose-title">
              <h2 id="loose-title">{t('visits.looseQuestions')}</h2>
              <QuestionList i18n={i18n} patientId={patientId} questions={loose} onChanged={changed} />
            </section>
          )}
          {order.past.length > 0 && (
            <section aria-labelledby="past-title">
              <h2 id="past-title">{t('visits.past')}</h2>
              <ul className="visit-list">
                {order.past.map((visit) => visitCard(visit, data.patient.timeZone, data.questions))}
              </ul>
            </section>
          )}
          <CalendarFeedPanel patientId={patientId} timeZone={data.patient.timeZone} />
        </>
      )}
    </section>
  );
}

function VisitForm({
  i18n,
  plan,
  patientId,
  zone,
  onSaved,
  onCancel,
}: {
  i18n: I18n;
  plan: CarePlan | null;
  patientId: string;
  zone: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t, language } = i18n;
  const titleId = useId();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const planVisits = plan?.followUps.visits ?? [];
  const [reasonChoice, setReasonChoice] = useState<string>(planVisits[0]?.id ?? OTHER_REASON);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const reason = reasonChoice === OTHER_REASON ? (values.reasonText ?? '').trim() : reasonChoice;
    const date = (values.date ?? '').trim();
    const time = (values.time ?? '').trim();
    const fields: Record<string, string> = {};
    if (reason === '') {
      fields.reasonText = t('errors.fieldRequired');
    }
    if (date === '') {
      fields.date = t('errors.fieldRequired');
    }
    if (!TIME.test(time)) {
      fields.time = t('visits.timeProblem');
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ top: t('errors.formHasProblems'), fields });
      return;
    }
    const location = (values.location ?? '').trim();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.addAppointment(patientId, {
        withWhom: values.withWhom === 'hematologist' || values.withWhom === 'other' ? values.withWhom : 'primary-care',
        reason,
        ...(location === '' ? {} : { location }),
        startsAt: zonedTimeToInstant(date, time, zone).toISOString(),
      });
      onSaved();
    } catch (failure) {
      setErrors(
        formErrorsFrom(t, failure, (path) => (path === 'reason' ? 'reasonText' : path === 'startsAt' ? 'date' : path)),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subform" noValidate aria-labelledby={titleId} onSubmit={(event) => void submit(event)}>
      <h2 id={titleId}>{t('visits.add')}</h2>
      <FormMessage>{errors.top}</FormMessage>
      <SelectField
        name="withWhom"
        label={t('visits.withWhom')}
        options={WITH_WHOM.map((who) => ({ value: who, label: t(WITH_KEYS[who]) }))}
        error={errors.fields.withWhom}
      />
      <fieldset className="choices">
        <legend>{t('visits.reason')}</legend>
        {[...planVisits.map((visit) => visit.id), OTHER_REASON].map((id) => (
          <label key={id} className="choice">
            <input
              type="radio"
              name="reasonChoice"
              value={id}
              checked={reasonChoice === id}
              onChange={() => {
                setReasonChoice(id);
              }}
            />
            <span>
              {id === OTHER_REASON
                ? t('visits.reason.other')
                : plan
                  ? planText(plan, language, planVisits.find((visit) => visit.id === id)?.textKey ?? id)
                  : id}
            </span>
          </label>
        ))}
      </fieldset>
      {reasonChoice === OTHER_REASON && (
        <TextField name="reasonText" label={t('visits.reasonText')} required error={errors.fields.reasonText} />
      )}
      <TextField name="location" label={t('visits.location')} error={errors.fields.location} />
      <TextField
        name="date"
        type="date"
        label={t('visits.date')}
        required
        defaultValue={localDateIn(zone, new Date())}
        error={errors.fields.date}
      />
      <TimeField label={t('visits.time')} error={errors.fields.time} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('visits.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('meds.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A time of day (the shared fields have no time input); same markup as TextField. */
function TimeField({ label, error }: { label: string; error: string | undefined }) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name="time"
        type="time"
        defaultValue="09:00"
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

function VisitCard({
  i18n,
  plan,
  patientId,
  visit,
  zone,
  questions,
  suggested,
  onChanged,
}: {
  i18n: I18n;
  plan: CarePlan | null;
  patientId: string;
  visit: Appointment;
  zone: string;
  questions: Question[];
  suggested: string[];
  onChanged: (message: string | null) => void;
}) {
  const { t, locale } = i18n;
  const titleId = `visit-${visit.id}`;
  const offers = suggestionsToOffer(suggested, questions);
  return (
    <li className="card visit" aria-labelledby={titleId}>
      <h3 id={titleId}>{formatDateTimeIn(zone, new Date(visit.startsAt), locale)}</h3>
      <p>
        <strong>{t(WITH_KEYS[visit.withWhom])}</strong>
      </p>
      <p>{reasonText(plan, i18n, visit.reason)}</p>
      {visit.location && <p className="muted">{visit.location}</p>}
      {visit.cancelledAt === null && (
        <div className="actions">
          <VisitCalendarLink
            patientId={patientId}
            appointmentId={visit.id}
            when={formatDateTimeIn(zone, new Date(visit.startsAt), locale)}
          />
        </div>
      )}
      <h4>{t('visits.questions')}</h4>
      <QuestionList i18n={i18n} patientId={patientId} questions={questions} onChanged={onChanged} />
      <AddQuestion i18n={i18n} patientId={patientId} appointmentId={visit.id} offers={offers} onAdded={onChanged} />
    </li>
  );
}

function QuestionList({
  i18n,
  patientId,
  questions,
  onChanged,
}: {
  i18n: I18n;
  patientId: string;
  questions: Question[];
  onChanged: (message: string | null) => void;
}) {
  const { t } = i18n;
  if (questions.length === 0) {
    return <p className="muted">{t('visits.noQuestions')}</p>;
  }
  return (
    <ul className="question-list">
      {questions.map((question) => (
        <QuestionItem key={question.id} i18n={i18n} patientId={patientId} question={question} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function QuestionItem({
  i18n,
  patientId,
  question,
  onChanged,
}: {
  i18n: I18n;
  patientId: string;
  question: Question;
  onChanged: (message: string | null) => void;
}) {
  const { t } = i18n;
  const answerId = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  // The tick shows the patient's choice at once (the server's copy follows); a failed save puts it back.
  const [askedChoice, setAskedChoice] = useState<boolean | null>(null);
  const asked = askedChoice ?? question.askedAt !== null;

  async function update(changes: { asked?: boolean; answer?: string | null }, message: string | null): Promise<void> {
    setBusy(true);
    setErrors(NO_ERRORS);
    if (changes.asked !== undefined) {
      setAskedChoice(changes.asked);
    }
    try {
      await api.updateQuestion(patientId, question.id, changes);
      onChanged(message);
    } catch (failure) {
      setAskedChoice(null);
      setErrors(formErrorsFrom(t, failure));
    } finally {
      setBusy(false);
    }
  }

  function saveAnswer(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const answer = (formValues(event.currentTarget).answer ?? '').trim();
    // Writing down an answer means the question was asked.
    void update(answer === '' ? { answer: null } : { answer, asked: true }, t('visits.answerSaved'));
  }

  return (
    <li className={asked ? 'question question-asked' : 'question'}>
      <p className="question-text">{question.text}</p>
      <label className="choice">
        <input
          type="checkbox"
          checked={asked}
          disabled={busy}
          aria-label={t('visits.askedLabel', { text: question.text })}
          onChange={(event) => void update({ asked: event.target.checked }, null)}
        />
        <span>{t('visits.asked')}</span>
      </label>
      <form noValidate onSubmit={saveAnswer}>
        <FormMessage>{errors.top}</FormMessage>
        <div className={errors.fields.answer ? 'field field-invalid' : 'field'}>
          <label htmlFor={answerId}>{t('visits.answerLabel', { text: question.text })}</label>
          {errors.fields.answer && (
            <p className="field-error" id={`${answerId}-error`}>
              {errors.fields.answer}
            </p>
          )}
          <textarea
            id={answerId}
            name="answer"
            rows={2}
            defaultValue={question.answer ?? ''}
            aria-invalid={errors.fields.answer ? true : undefined}
            aria-describedby={errors.fields.answer ? `${answerId}-error` : undefined}
          />
        </div>
        <button type="submit" disabled={busy} aria-label={t('visits.saveAnswerLabel', { text: question.text })}>
          {t('visits.saveAnswer')}
        </button>
      </form>
    </li>
  );
}

function AddQuestion({
  i18n,
  patientId,
  appointmentId,
  offers,
  onAdded,
}: {
  i18n: I18n;
  patientId: string;
  appointmentId: string;
  offers: string[];
  onAdded: (message: string | null) => void;
}) {
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  async function add(text: string, form: HTMLFormElement | null): Promise<void> {
    if (text.trim() === '') {
      setErrors({ top: null, fields: { text: t('visits.questionRequired') } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.addQuestion(patientId, { text: text.trim(), appointmentId });
      form?.reset();
      onAdded(null);
    } catch (failure) {
      setErrors(formErrorsFrom(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void add(formValues(event.currentTarget).text ?? '', event.currentTarget);
        }}
      >
        <FormMessage>{errors.top}</FormMessage>
        <TextField name="text" label={t('visits.newQuestion')} autoComplete="off" error={errors.fields.text} />
        <button type="submit" disabled={busy}>
          {t('visits.addQuestion')}
        </button>
      </form>
      {offers.length > 0 && (
        <details className="suggestions">
          <summary>{t('visits.suggested')}</summary>
          {offers.map((text) => (
            <button key={text} type="button" disabled={busy} onClick={() => void add(text, null)}>
              + {text}
            </button>
          ))}
        </details>
      )}
    </>
  );
}
