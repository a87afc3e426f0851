import { describe, expect, it } from 'vitest';
import type { Appointment, Question } from '../api/types.ts';
import { questionsFor, suggestionsToOffer, visitsInOrder } from './visit-view.ts';

const visit = (id: string, startsAt: string, cancelledAt: string | null = null): Appointment => ({
  id,
  withWhom: 'primary-care',
  reason: 'wound-check',
  location: null,
  startsAt,
  cancelledAt,
});

const question = (id: string, appointmentId: string | null, text: string, createdAt = '2026-03-01T00:00:00Z') =>
  ({
    id,
    appointmentId,
    text,
    askedAt: null,
    answer: null,
    createdAt,
  }) satisfies Question;

describe('visitsInOrder', () => {
  it('puts the soonest coming visit first and the latest past visit first, without cancelled ones', () => {
    const order = visitsInOrder(
      [
        visit('late', '2026-03-20T09:00:00Z'),
        visit('gone', '2026-03-01T09:00:00Z'),
        visit('soon', '2026-03-10T09:00:00Z'),
        visit('cancelled', '2026-03-11T09:00:00Z', '2026-03-02T00:00:00Z'),
        visit('older', '2026-02-20T09:00:00Z'),
      ],
      new Date('2026-03-05T00:00:00Z'),
    );
    expect(order.upcoming.map((v) => v.id)).toEqual(['soon', 'late']);
    expect(order.past.map((v) => v.id)).toEqual(['gone', 'older']);
  });
});

describe('questionsFor', () => {
  it('keeps the questions of one visit, oldest first, and those of no visit apart', () => {
    const list = [
      question('b', 'v1', 'Second', '2026-03-02T00:00:00Z'),
      question('a', 'v1', 'First', '2026-03-01T00:00:00Z'),
      question('c', null, 'Loose'),
    ];
    expect(questionsFor(list, 'v1').map((q) => q.id)).toEqual(['a', 'b']);
    expect(questionsFor(list, null).map((q) => q.id)).toEqual(['c']);
  });
});

describe('suggestionsToOffer', () => {
  it('offers only the suggestions not already asked on this visit, whatever the case or punctuation', () => {
    const suggested = [
      'When can I go back to work or school?',
      '¿Debo tomar hierro?',
      'How long do I take my antibiotic?',
    ];
    const mine = [
      question('a', 'v1', 'when can I go back to work or school'),
      question('b', 'v1', 'Debo tomar hierro'),
    ];
    expect(suggestionsToOffer(suggested, mine)).toEqual(['How long do I take my antibiotic?']);
  });
});
