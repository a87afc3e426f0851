/** Free-text triage throughput on one core, and its cost next to JSON.parse of the same check-in. */
import { parseCheckIn, triage, TriageRulesSchema, type TriagePlan } from '../packages/core/src/index.ts';
import { PHRASINGS } from '../packages/core/src/triage/phrasings.ts';
import rulesJson from '../packages/plans/bone-marrow-harvest/triage.json' with { type: 'json' };
import type { BenchRow } from './table.ts';

/** Longer check-ins, the way some patients write: several sentences, mixed languages, numbers. */
const LONGER = [
  'Day 2. Hip is sore, about 5/10, took my tylenol at 8. Slept badly. Temp 37.4 this morning. No fever no chills. Is it ok to shower tomorrow?',
  'Hola, hoy me siento mejor. Me duele un poco la cadera y estoy cansada. No tengo fiebre. Mi esposo dice que estoy pálida, ¿es normal?',
  'woke up at 3am with my chest feeling tight and i cant really catch my breath, took a shower and it did not help',
  'Everything fine. Walked around the block with my husband. Bruise on my back looks bigger but no redness, no pus.',
];

/** Rounds per second of `run`: warmed up first, then the best of three timed runs of `ms` each (others share the CPU). */
function measure(run: () => void, ms: number): number {
  const warmUntil = performance.now() + ms;
  while (performance.now() < warmUntil) {
    run();
  }
  let best = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    let rounds = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      run();
      rounds++;
      elapsed = performance.now() - start;
    }
    best = Math.max(best, (rounds * 1000) / elapsed);
  }
  return best;
}

export default async function bench(): Promise<BenchRow[]> {
  const plan: TriagePlan = {
    triage: TriageRulesSchema.parse(rulesJson),
    settings: { feverThreshold: { value: 38, unit: 'C' } },
  };
  const texts = [...PHRASINGS.map((p) => p.text), ...LONGER];
  const lines = texts.map((text, i) =>
    JSON.stringify({
      language: /[ñáéíóú¿]|\b(me|tengo|estoy)\b/i.test(text) ? 'es' : 'en',
      text,
      ...(i % 7 === 0 ? { signs: [] } : {}),
    }),
  );
  const checkIns = lines.map((line) => parseCheckIn(plan, JSON.parse(line)));
  await Promise.resolve();

  let sink = 0;
  const runTriage = (): void => {
    for (const checkIn of checkIns) {
      sink += triage(plan, checkIn).reasons.length;
    }
  };
  const runParse = (): void => {
    for (const line of lines) {
      sink += (JSON.parse(line) as { text: string }).text.length;
    }
  };
  const triageRounds = measure(runTriage, 1000);
  const parseRounds = measure(runParse, 1000);
  // The cost ratio from back-to-back pairs, so a busy machine slows both sides alike; the median pair counts.
  const pairs: number[] = [];
  for (let pair = 0; pair < 7; pair++) {
    pairs.push(measure(runParse, 150) / measure(runTriage, 150));
  }
  pairs.sort((a, b) => a - b);
  const cost = pairs[3] ?? parseRounds / triageRounds;
  const endToEndRounds = measure(() => {
    for (const line of lines) {
      sink += triage(plan, parseCheckIn(plan, JSON.parse(line))).reasons.length;
    }
  }, 1000);
  if (sink < 0) {
    throw new Error('unreachable: keeps the work from being optimised away');
  }
  const perSecond = triageRounds * checkIns.length;
  return [
    {
      name: `triage of free-text check-ins, one core (${checkIns.length} texts, en/es)`,
      value: perSecond,
      unit: 'check-ins/s',
      floor: '>= 100,000 check-ins/s',
      floorValue: 100_000,
      ratio: perSecond / 100_000,
    },
    {
      name: 'JSON.parse of the same check-in lines, one core (the floor the cost below compares to)',
      value: parseRounds * lines.length,
      unit: 'check-ins/s',
      floor: 'none (the floor itself)',
      floorValue: 0,
      ratio: Infinity,
    },
    {
      name: 'triage cost relative to JSON.parse of the same check-in (median of 7 back-to-back pairs)',
      value: cost,
      unit: '×',
      floor: '<= 5×',
      floorValue: 5,
      ratio: 5 / cost,
    },
    {
      name: 'JSON.parse + validation + triage, one core (for the CLI and the API)',
      value: endToEndRounds * lines.length,
      unit: 'check-ins/s',
      floor: 'none (information)',
      floorValue: 0,
      ratio: Infinity,
    },
  ];
}
