import { describe, expect, it } from 'vitest';
import { AftercareError } from '../errors.ts';
import { checkInOfPlan, parseCheckIn } from './check-in.ts';
import { triageJsonLines } from './json-lines.ts';
import { triageTestPlan } from './testing.ts';

const plan = triageTestPlan();

function rejection(value: unknown): AftercareError {
  try {
    parseCheckIn(plan, value);
  } catch (error) {
    if (error instanceof AftercareError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseCheckIn', () => {
  it('fills in the default language', () => {
    expect(parseCheckIn(plan, { text: 'hola' })).toEqual({ language: 'en', text: 'hola' });
    expect(parseCheckIn(plan, {})).toEqual({ language: 'en' });
  });

  it('accepts a full check-in', () => {
    const checkIn = {
      language: 'es',
      text: 'me duele',
      signs: ['fever', 'chest-pain'],
      temperature: { value: 101.2, unit: 'F' },
      pain: { score: 7, medicineTaken: true },
    };
    expect(parseCheckIn(plan, checkIn)).toEqual(checkIn);
  });

  it('names an unknown sign and lists the valid ones', () => {
    const error = rejection({ signs: ['fever', 'headache'] });
    expect(error.code).toBe('CARE_ERR_BAD_INPUT');
    expect(error.issues[0]?.path).toBe('signs[1]');
    expect(error.message).toContain('signs[1]: "headache" is not a sign of this plan. Valid signs: fever, chills');
  });

  it('explains bad fields', () => {
    expect(rejection({ temperature: { value: 380, unit: 'C' } }).message).toContain(
      'temperature.value: a body temperature in °C is between 30 and 45; got 380',
    );
    expect(rejection({ temperature: { value: 38, unit: 'K' } }).message).toContain(
      'temperature.unit must be "C" or "F"',
    );
    expect(rejection({ pain: { score: 7.5, medicineTaken: true } }).message).toContain('whole number');
    expect(rejection({ pain: { score: 5 } }).message).toContain('pain.medicineTaken must be true or false');
    expect(rejection({ text: 'x'.repeat(5000) }).message).toContain('text is too long');
    expect(rejection({ temp: 38 }).message).toContain('unknown field "temp"');
    expect(rejection([1, 2]).message).toBe('A check-in must be a JSON object such as {"text": "I feel fine"}.');
    expect(rejection(null).status).toBe(400);
  });
});

describe('checkInOfPlan', () => {
  it('passes a check-in whose signs are all in the plan, as it is', () => {
    const checkIn = { language: 'en' as const, signs: ['fever'] };
    expect(checkInOfPlan(plan, checkIn)).toBe(checkIn);
  });

  it('refuses a sign the plan does not have, with the same message as parseCheckIn', () => {
    const checkIn = { language: 'en' as const, signs: ['fever', 'headache'] };
    expect(() => checkInOfPlan(plan, checkIn)).toThrow(rejection(checkIn).message);
    expect(() => checkInOfPlan(plan, checkIn)).toThrow(AftercareError);
  });
});

describe('triageJsonLines', () => {
  it('answers each line in order and marks malformed ones', () => {
    const input = [
      '{"text":"chest pain"}',
      '',
      'not json',
      '{"signs":["nope"]}',
      '{"temperature":{"value":38.5,"unit":"C"}}',
      '',
    ].join('\n');
    const { lines, malformed } = triageJsonLines(plan, input);
    expect(malformed).toBe(2);
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ disposition: 'emergency', advice: 'advice.emergency' });
    expect(JSON.parse(lines[1] ?? '')).toEqual({
      error: expect.stringMatching(/^line 3 is not valid JSON/) as unknown,
    });
    expect(JSON.parse(lines[2] ?? '')).toEqual({
      error: expect.stringContaining('"nope" is not a sign of this plan') as unknown,
    });
    expect(JSON.parse(lines[3] ?? '')).toMatchObject({ disposition: 'contact-provider' });
  });

  it('handles Windows line ends and empty input', () => {
    expect(triageJsonLines(plan, '{"text":"ok"}\r\n{"text":"ok"}\r\n').lines).toHaveLength(2);
    expect(triageJsonLines(plan, '')).toEqual({ lines: [], malformed: 0 });
  });
});
