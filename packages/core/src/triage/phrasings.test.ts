import { describe, expect, it } from 'vitest';
import { PHRASINGS } from './phrasings.ts';
import { triageTestPlan } from './testing.ts';
import { triage, type Disposition } from './triage.ts';

const plan = triageTestPlan();
const RANK: Record<Disposition, number> = { 'self-care': 0, 'contact-provider': 1, emergency: 2 };

describe('our table of patient phrasings', () => {
  const results = PHRASINGS.map((phrasing) => ({
    ...phrasing,
    got: triage(plan, { text: phrasing.text }).disposition,
  }));
  const exact = results.filter((r) => r.got === r.expect).length;
  const over = results.filter((r) => RANK[r.got] > RANK[r.expect]).length;

  it('is big and bilingual enough to mean something', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(PHRASINGS.map((p) => p.text)).size).toBe(PHRASINGS.length);
  });

  it('never under-triages an emergency', () => {
    const missed = results.filter((r) => r.expect === 'emergency' && r.got !== 'emergency').map((r) => r.text);
    expect(missed).toEqual([]);
  });

  it('gets at least 95% exactly right and over-triages at most 10%', () => {
    const wrong = results.filter((r) => r.got !== r.expect).map((r) => `${r.expect} → ${r.got}: ${r.text}`);
    console.info(
      `triage phrasings: ${exact}/${results.length} exactly right (${((100 * exact) / results.length).toFixed(1)}%), ` +
        `${over} over-triaged, ${results.length - exact - over} under-triaged`,
    );
    expect(exact / results.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(over / results.length).toBeLessThanOrEqual(0.1);
  });
});
