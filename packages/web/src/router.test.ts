import { describe, expect, it } from 'vitest';
import { joinTokenOf, routeOf } from './router.ts';

describe('invite links', () => {
  it('open the join screen with the token, or without one to type a code', () => {
    expect(routeOf('#/join/abc_DEF-123')).toBe('/join');
    expect(joinTokenOf('#/join/abc_DEF-123')).toBe('abc_DEF-123');
    expect(routeOf('#/join')).toBe('/join');
    expect(joinTokenOf('#/join')).toBeNull();
    expect(joinTokenOf('#/patients/x')).toBeNull();
    expect(routeOf('#/join/a/b')).toBe('/');
  });
});
