import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../api/types.ts';
import { toCelsius } from './format.ts';
import { buildTimeline, seriesOf } from './timeline.ts';

const record = {
  patient: {},
  enrolment: null,
  day: 3,
  medications: [{ id: 'm1', name: 'Acetaminophen' }],
  allergies: [],
  checkIns: [
    {
      id: 'c2',
      submittedAt: '2026-11-24T20:00:00.000Z',
      payload: { text: 'Bleeding', temperature: { value: 100.4, unit: 'F' } },
      triage: {},
      disposition: 'emergency',
    },
    {
      id: 'c1',
      submittedAt: '2026-11-23T20:00:00.000Z',
      payload: { pain: { score: 6, medicineTaken: true }, temperature: { value: 37.1, unit: 'C' } },
      triage: {},
      disposition: 'self-care',
    },
  ],
  doses: [{ id: 'd1', medicationId: 'm1', status: 'taken', at: '2026-11-23T21:00:00.000Z', scheduledFor: null }],
  appointments: [
    {
      id: 'v1',
      withWhom: 'hematologist',
      reason: 'blood-tests',
      location: null,
      startsAt: '2026-11-30T09:00:00.000Z',
      cancelledAt: null,
    },
  ],
  questions: [{ id: 'q1', text: 'Shower?', askedAt: null, answer: null, createdAt: '2026-11-22T10:00:00.000Z' }],
  messages: [
    { id: 'x1', patientId: 'p', authorId: 'u1', body: 'Hi', createdAt: '2026-11-22T11:00:00.000Z' },
    { id: 'x2', patientId: 'p', authorId: 'gone', body: 'Hello', createdAt: '2026-11-22T12:00:00.000Z' },
  ],
  alerts: [{ id: 'a1', level: 'emergency', status: 'open', createdAt: '2026-11-24T20:00:00.000Z' }],
  people: { u1: { name: 'Nurse Ana', role: 'clinician' } },
} as unknown as PatientRecord;

describe('timeline', () => {
  it('merges everything newest first, the alert just above its check-in', () => {
    const entries = buildTimeline(record);
    expect(entries.map((e) => `${e.kind}:${e.id}`)).toEqual([
      'visit:v1',
      'alert:a1',
      'check-in:c2',
      'dose:d1',
      'check-in:c1',
      'message:x2',
      'message:x1',
      'question:q1',
    ]);
    expect(entries.find((e) => e.id === 'd1')).toMatchObject({ medicine: 'Acetaminophen', status: 'taken' });
    expect(entries.find((e) => e.id === 'x1')).toMatchObject({ author: 'Nurse Ana', fromTeam: true });
    expect(entries.find((e) => e.id === 'x2')).toMatchObject({ author: null, fromTeam: false });
  });

  it('makes chart series oldest first, with temperatures in °C', () => {
    expect(seriesOf(record, (r) => r.pain)).toEqual([{ at: '2026-11-23T20:00:00.000Z', value: 6 }]);
    expect(seriesOf(record, (r) => (r.temperature ? toCelsius(r.temperature) : null))).toEqual([
      { at: '2026-11-23T20:00:00.000Z', value: 37.1 },
      { at: '2026-11-24T20:00:00.000Z', value: 38 },
    ]);
  });
});
