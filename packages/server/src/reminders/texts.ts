/**
 * The words of each notification, in English and Spanish, in plain words (reading grade 6 or lower). Titles never
 * hold a patient's name: a push or e-mail title can show on a locked screen.
 */
import type { Language } from '@aftercare/store';
import type { NotificationKind } from '../notify/channel.ts';

export interface NotificationText {
  title: string;
  body: string;
}

/** What a text may say: values in the recipient's view (a medicine's name and amount, a local time). */
export type TextFacts =
  | { kind: 'dose'; repeat: number; medicine: string; amount: string }
  | { kind: 'caregiver-dose'; time: string }
  | { kind: 'visit'; when: 'day-before' | 'hours-before'; time: string }
  | { kind: 'check-in' }
  | { kind: 'alert'; level: string }
  | { kind: 'alert-escalated' };

type Texts = Record<Language, (facts: TextFacts) => NotificationText>;

const texts: Texts = {
  en: (facts) => {
    switch (facts.kind) {
      case 'dose':
        return facts.repeat === 0
          ? { title: 'Time for your medicine', body: `It is time to take ${facts.medicine} (${facts.amount}).` }
          : {
              title: 'Did you take your medicine?',
              body: `Tap to say if you took ${facts.medicine} or skipped it.`,
            };
      case 'caregiver-dose':
        return {
          title: 'A dose has no answer',
          body: `A medicine dose at ${facts.time} is not marked as taken or skipped. Please check on it.`,
        };
      case 'visit':
        return facts.when === 'day-before'
          ? {
              title: 'You have a visit tomorrow',
              body: `Your visit is at ${facts.time} tomorrow. Write down your questions.`,
            }
          : { title: 'Your visit is soon', body: `Your visit starts at ${facts.time}. Bring your list of medicines.` };
      case 'check-in':
        return { title: 'Time for your check-in', body: 'Tell us how you feel today. It only takes a minute.' };
      case 'alert':
        return facts.level === 'emergency'
          ? { title: 'New emergency alert', body: 'A patient may need care now. Open Aftercare to see the alert.' }
          : { title: 'New alert', body: 'A patient needs a call from the team today. Open Aftercare to see it.' };
      case 'alert-escalated':
        return {
          title: 'Emergency alert with no answer',
          body: 'No one has taken this alert yet. Please open it now.',
        };
    }
  },
  es: (facts) => {
    switch (facts.kind) {
      case 'dose':
        return facts.repeat === 0
          ? { title: 'Hora de tu medicina', body: `Es hora de tomar ${facts.medicine} (${facts.amount}).` }
          : { title: '¿Tomaste tu medicina?', body: `Toca para decir si tomaste ${facts.medicine} o no.` };
      case 'caregiver-dose':
        return {
          title: 'Una dosis sin respuesta',
          body: `Una dosis de las ${facts.time} no dice si se tomó o no. Por favor, revisa.`,
        };
      case 'visit':
        return facts.when === 'day-before'
          ? { title: 'Mañana tienes una cita', body: `Tu cita es mañana a las ${facts.time}. Escribe tus preguntas.` }
          : { title: 'Tu cita es pronto', body: `Tu cita empieza a las ${facts.time}. Trae tu lista de medicinas.` };
      case 'check-in':
        return { title: 'Hora de contarnos cómo estás', body: 'Dinos cómo te sientes hoy. Toma solo un minuto.' };
      case 'alert':
        return facts.level === 'emergency'
          ? { title: 'Nueva alerta urgente', body: 'Un paciente puede necesitar ayuda ya. Abre Aftercare para verla.' }
          : { title: 'Nueva alerta', body: 'Un paciente necesita una llamada hoy. Abre Aftercare para verla.' };
      case 'alert-escalated':
        return {
          title: 'Alerta urgente sin respuesta',
          body: 'Nadie ha tomado esta alerta urgente. Por favor, ábrela ya.',
        };
    }
  },
};

/** A caregiver's copy of the patient's own reminders: about "the person you help", never "you". */
const caregiverTexts: Record<Language, (facts: CaregiverFacts) => NotificationText> = {
  en: (facts) =>
    facts.kind === 'dose'
      ? {
          title: 'A medicine is due',
          body: `It is time for the person you help to take ${facts.medicine} (${facts.amount}).`,
        }
      : facts.when === 'day-before'
        ? { title: 'A visit is tomorrow', body: `The visit of the person you help is at ${facts.time} tomorrow.` }
        : { title: 'A visit is soon', body: `The visit of the person you help starts at ${facts.time}.` },
  es: (facts) =>
    facts.kind === 'dose'
      ? {
          title: 'Hora de una medicina',
          body: `Es hora de que la persona que cuidas tome ${facts.medicine} (${facts.amount}).`,
        }
      : facts.when === 'day-before'
        ? { title: 'Mañana hay una cita', body: `La cita de la persona que cuidas es mañana a las ${facts.time}.` }
        : { title: 'La cita es pronto', body: `La cita de la persona que cuidas empieza a las ${facts.time}.` },
};

/** The patient's reminders a caregiver also gets: the first call of a dose, and visits. */
export type CaregiverFacts = Extract<TextFacts, { kind: 'dose' | 'visit' }>;

export function isForCaregivers(facts: TextFacts): facts is CaregiverFacts {
  return (facts.kind === 'dose' && facts.repeat === 0) || facts.kind === 'visit';
}

/** The words of a notification in the recipient's language (a caregiver's own words for the patient's reminders). */
export function notificationText(language: Language, facts: TextFacts, caregiver = false): NotificationText {
  return caregiver && isForCaregivers(facts) ? caregiverTexts[language](facts) : texts[language](facts);
}

/** Which kind of notification these facts make. */
export function kindOf(facts: TextFacts): NotificationKind {
  return facts.kind === 'caregiver-dose' ? 'caregiver-dose-unanswered' : facts.kind;
}

/** Where tapping it leads in the web app. */
export function linkOf(facts: TextFacts, patientId: string | null): string {
  switch (facts.kind) {
    case 'dose':
      return '#/medicines';
    case 'caregiver-dose':
      return '#/';
    case 'visit':
      return '#/visits';
    case 'check-in':
      return '#/check-in';
    case 'alert':
    case 'alert-escalated':
      return patientId === null ? '#/team' : `#/patients/${encodeURIComponent(patientId)}`;
  }
}
