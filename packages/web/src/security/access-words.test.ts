import { describe, expect, it } from 'vitest';
import { actionKey, thingKey } from './access-words.ts';

describe('plain words for audit events', () => {
  it('names the verb and the thing, and falls back for ones it does not know', () => {
    expect(actionKey('patient.read')).toBe('security.action.read');
    expect(actionKey('check-in.create')).toBe('security.action.create');
    expect(actionKey('alert.acknowledge')).toBe('security.action.change');
    expect(actionKey('patient.export')).toBe('security.action.export');
    expect(actionKey('something-new')).toBe('security.action.other');
    expect(thingKey('check-in')).toBe('security.what.checkIns');
    expect(thingKey('mystery')).toBe('security.what.other');
  });
});
