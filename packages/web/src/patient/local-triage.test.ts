import { describe, expect, it } from 'vitest';
import type { CarePlan } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import type { TriageResult } from '../api/types.ts';
import { higherOf, triageOnDevice } from './local-triage.ts';

const plan = getPlan('bone-marrow-harvest') as CarePlan;

const result = (disposition: TriageResult['disposition'], signs: string[]): TriageResult => ({
  disposition,
  advice: `advice.${disposition}`,
  reasons: signs.map((sign) => ({ sign, level: disposition, evidence: sign })),
});

describe('triage on the device', () => {
  it('finds an emergency with no network, from a ticked sign or the patient’s words', () => {
    expect(triageOnDevice(plan, { language: 'en', signs: ['chest-pain'] })?.disposition).toBe('emergency');
    expect(triageOnDevice(plan, { language: 'es', text: 'me cuesta respirar' })?.disposition).toBe('emergency');
    expect(triageOnDevice(plan, { language: 'en', temperature: { value: 101, unit: 'F' } })?.disposition).toBe(
      'contact-provider',
    );
    expect(triageOnDevice(plan, { language: 'en', pain: { score: 2, medicineTaken: false } })?.disposition).toBe(
      'self-care',
    );
  });

  it('says nothing without a plan', () => {
    expect(triageOnDevice(null, { language: 'en', signs: ['chest-pain'] })).toBeNull();
  });
});

describe('higherOf', () => {
  it('keeps the server’s answer unless the device’s is more urgent, with every reason once', () => {
    const server = result('contact-provider', ['fever']);
    const device = result('emergency', ['fever', 'chest-pain']);
    expect(higherOf(server, device)).toEqual({
      disposition: 'emergency',
      advice: 'advice.emergency',
      reasons: [...server.reasons, { sign: 'chest-pain', level: 'emergency', evidence: 'chest-pain' }],
    });
    const calmer = result('self-care', []);
    expect(higherOf(server, calmer)).toEqual(server);
    expect(higherOf(null, device)).toBe(device);
    expect(higherOf(server, null)).toBe(server);
  });
});
