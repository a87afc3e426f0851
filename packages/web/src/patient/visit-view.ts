/** What the Visits screen shows: visits in order, each visit's questions, and which of the plan's questions to offer. */
import type { Appointment, Question } from '../api/types.ts';

export interface VisitsInOrder {
  /** From the soonest on. */
  upcoming: Appointment[];
  /** From the most recent back. */
  past: Appointment[];
}

/** Visits not cancelled, split at `now`: a visit stays "upcoming" until it starts. */
export function visitsInOrder(appointments: readonly Appointment[], now: Date): VisitsInOrder {
  const open = appointments.filter((visit) => visit.cancelledAt === null);
  const isPast = (visit: Appointment): boolean => Date.parse(visit.startsAt) < now.getTime();
  return {
    upcoming: open.filter((visit) => !isPast(visit)).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    past: open.filter(isPast).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  };
}

/** The questions of one visit (or, with null, those not tied to a visit), oldest first. */
export function questionsFor(questions: readonly Question[], appointmentId: string | null): Question[] {
  return questions
    .filter((question) => question.appointmentId === appointmentId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Compares question texts the way a person would: case, spaces and end punctuation do not matter. */
function sameText(a: string, b: string): boolean {
  const plain = (text: string): string =>
    text
      .toLocaleLowerCase()
      .replace(/[¿?¡!.\s]+/g, ' ')
      .trim();
  return plain(a) === plain(b);
}

/** The plan's suggested questions not yet on this visit's list: offered, never forced. */
export function suggestionsToOffer(suggested: readonly string[], onThisVisit: readonly Question[]): string[] {
  return suggested.filter((text) => !onThisVisit.some((question) => sameText(question.text, text)));
}
