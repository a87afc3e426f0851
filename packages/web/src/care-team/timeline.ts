/** A patient's story in one list, newest first: check-ins, doses, visits, questions, messages and alerts. */
import type { Disposition, PatientRecord } from '../api/types.ts';
import { readCheckIn, type CheckInReading } from './format.ts';

export type TimelineEntry =
  | { kind: 'check-in'; at: string; id: string; disposition: Disposition; reading: CheckInReading }
  | { kind: 'dose'; at: string; id: string; medicine: string | null; status: 'taken' | 'skipped' }
  | { kind: 'visit'; at: string; id: string; reason: string; withWhom: string; cancelled: boolean }
  | { kind: 'question'; at: string; id: string; text: string; answer: string | null }
  | { kind: 'message'; at: string; id: string; author: string | null; fromTeam: boolean; body: string }
  | {
      kind: 'alert';
      at: string;
      id: string;
      level: 'emergency' | 'contact-provider';
      status: 'open' | 'acknowledged' | 'resolved';
    };

/** Same instant: the alert right above the check-in that raised it. */
const ORDER: Record<TimelineEntry['kind'], number> = {
  alert: 0,
  'check-in': 1,
  message: 2,
  question: 3,
  dose: 4,
  visit: 5,
};

export function buildTimeline(record: PatientRecord): TimelineEntry[] {
  const medicines = new Map(record.medications.map((m) => [m.id, m.name]));
  const entries: TimelineEntry[] = [
    ...record.checkIns.map((c): TimelineEntry => ({
      kind: 'check-in',
      at: c.submittedAt,
      id: c.id,
      disposition: c.disposition,
      reading: readCheckIn(c.payload),
    })),
    ...record.doses.map((d): TimelineEntry => ({
      kind: 'dose',
      at: d.at,
      id: d.id,
      medicine: medicines.get(d.medicationId) ?? null,
      status: d.status,
    })),
    ...record.appointments.map((a): TimelineEntry => ({
      kind: 'visit',
      at: a.startsAt,
      id: a.id,
      reason: a.reason,
      withWhom: a.withWhom,
      cancelled: a.cancelledAt !== null,
    })),
    ...record.questions.map((q): TimelineEntry => ({
      kind: 'question',
      at: q.createdAt,
      id: q.id,
      text: q.text,
      answer: q.answer,
    })),
    ...record.messages.map((m): TimelineEntry => {
      const author = record.people[m.authorId];
      return {
        kind: 'message',
        at: m.createdAt,
        id: m.id,
        author: author?.name ?? null,
        fromTeam: author?.role === 'admin' || author?.role === 'clinician',
        body: m.body,
      };
    }),
    ...record.alerts.map((a): TimelineEntry => ({
      kind: 'alert',
      at: a.createdAt,
      id: a.id,
      level: a.level,
      status: a.status,
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at) || ORDER[a.kind] - ORDER[b.kind] || a.id.localeCompare(b.id));
}

/** Points for a chart, oldest first: pain scores, or temperatures in °C. */
export function seriesOf(
  record: PatientRecord,
  pick: (reading: CheckInReading) => number | null,
): { at: string; value: number }[] {
  return record.checkIns
    .flatMap((c) => {
      const value = pick(readCheckIn(c.payload));
      return value === null ? [] : [{ at: c.submittedAt, value }];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}
