/** The words of calendar events, in the patient's language (our own plain words, grade 6 or lower). */
import type { Appointment, Language } from '@aftercare/store';

export interface CalendarTexts {
  calendarName: string;
  calendarNameWithDoses: string;
  visitWith: Record<Appointment['withWhom'], string>;
  /** "{reason}" is filled in. */
  why: string;
  questions: string;
  noQuestions: string;
  bringList: string;
  /** "{name}" and "{amount}" are filled in. */
  dose: string;
  doseDescription: string;
}

export const CALENDAR_TEXTS: Record<Language, CalendarTexts> = {
  en: {
    calendarName: 'Aftercare visits',
    calendarNameWithDoses: 'Aftercare visits and medicines',
    visitWith: {
      'primary-care': 'Visit with your main doctor',
      hematologist: 'Visit with your blood doctor (hematologist)',
      other: 'Visit with your care team',
    },
    why: 'Why: {reason}',
    questions: 'Questions to ask:',
    noQuestions: 'Write down your questions in Aftercare before the visit.',
    bringList: 'Bring your list of medicines.',
    dose: 'Take {name} ({amount})',
    doseDescription: 'Mark it as taken in Aftercare.',
  },
  es: {
    calendarName: 'Aftercare: visitas',
    calendarNameWithDoses: 'Aftercare: visitas y medicinas',
    visitWith: {
      'primary-care': 'Visita con su médico de cabecera',
      hematologist: 'Visita con su médico de la sangre (hematólogo)',
      other: 'Visita con su equipo de salud',
    },
    why: 'Motivo: {reason}',
    questions: 'Preguntas para hacer:',
    noQuestions: 'Escriba sus preguntas en Aftercare antes de la visita.',
    bringList: 'Traiga su lista de medicinas.',
    dose: 'Tomar {name} ({amount})',
    doseDescription: 'Márquela como tomada en Aftercare.',
  },
};

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
