import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AftercareError, parseCarePlan, type CarePlan, type FieldIssue } from '@aftercare/core';
import { boneMarrowHarvestPlan, getPlan, plans } from './index.ts';
import { loadPlanDir, PLAN_FILES } from './load-dir.ts';

const PLAN_DIR = fileURLToPath(new URL('../bone-marrow-harvest', import.meta.url));

/** A deep copy of the real plan with one change applied. */
function changed(change: (plan: CarePlan) => void): CarePlan {
  const plan = structuredClone(boneMarrowHarvestPlan);
  change(plan);
  return plan;
}

function issuesOf(value: unknown): FieldIssue[] {
  try {
    parseCarePlan(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AftercareError);
    return [...(error as AftercareError).issues];
  }
  expect.fail('the plan was accepted');
}

describe('the bone-marrow-harvest plan', () => {
  it('parses and is listed by id', () => {
    expect(boneMarrowHarvestPlan.id).toBe('bone-marrow-harvest');
    expect(getPlan('bone-marrow-harvest')).toBe(boneMarrowHarvestPlan);
    expect(getPlan('knee-replacement')).toBeUndefined();
    expect([...plans.keys()]).toEqual(['bone-marrow-harvest']);
  });

  it('has the fever threshold of 38.0 °C as a setting', () => {
    expect(boneMarrowHarvestPlan.settings.feverThreshold).toEqual({ value: 38, unit: 'C' });
  });

  it('gives every sign id of the triage contract a label', () => {
    const ids = boneMarrowHarvestPlan.triage.signs.map((sign) => sign.id);
    expect(ids.length).toBe(24);
    for (const id of ids) {
      expect(boneMarrowHarvestPlan.texts.en[`signs.${id}.label`]).toBeTruthy();
      expect(boneMarrowHarvestPlan.texts.es[`signs.${id}.label`]).toBeTruthy();
    }
  });

  it('has the advice and disclaimer texts other parts rely on', () => {
    for (const key of ['advice.emergency', 'advice.contact-provider', 'advice.self-care', 'disclaimer']) {
      expect(boneMarrowHarvestPlan.texts.en[key]).toBeTruthy();
    }
    expect(boneMarrowHarvestPlan.texts.en['advice.emergency']).toMatch(/emergency number/);
  });

  it('is rejected with a path when broken', () => {
    expect(issuesOf(changed((plan) => delete plan.texts.es['signs.chest-pain.label']))).toEqual([
      { path: 'texts.es["signs.chest-pain.label"]', message: expect.stringContaining('triage.signs') as string },
    ]);
    expect(
      issuesOf(
        changed((plan) => {
          plan.triage.signs.push({ ...plan.triage.signs[0]! });
        }),
      ),
    ).toContainEqual(expect.objectContaining({ message: expect.stringContaining('duplicate id') as string }));
    expect(
      issuesOf(
        changed((plan) => {
          plan.medicines.templates[1]!.timing = { type: 'fixed-times', times: ['8am'] };
        }),
      ),
    ).toContainEqual(expect.objectContaining({ path: 'medicines.templates[1].timing.times[0]' }));
    const { es: _es, ...onlyEnglish } = boneMarrowHarvestPlan.texts;
    expect(issuesOf({ ...boneMarrowHarvestPlan, texts: onlyEnglish })).toContainEqual(
      expect.objectContaining({ path: 'texts.es' }),
    );
  });
});

describe('loadPlanDir', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aftercare-plan-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function copyPlan(): Promise<void> {
    for (const file of Object.values(PLAN_FILES)) {
      await writeFile(join(dir, file), await readFile(join(PLAN_DIR, file)));
    }
  }

  async function errorOf(promise: Promise<unknown>): Promise<AftercareError> {
    const error: unknown = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(AftercareError);
    return error as AftercareError;
  }

  it('loads the real plan folder to the same plan as the bundled one', async () => {
    expect(await loadPlanDir(PLAN_DIR)).toEqual(boneMarrowHarvestPlan);
  });

  it('names a missing file', async () => {
    await copyPlan();
    await rm(join(dir, 'es.json'));
    const error = await errorOf(loadPlanDir(dir));
    expect(error.code).toBe('CARE_ERR_BAD_PLAN');
    expect(error.message).toContain('no es.json');
    expect(error.issues).toEqual([{ path: 'es.json', message: 'file not found' }]);
  });

  it('names a file that is not JSON', async () => {
    await copyPlan();
    await writeFile(join(dir, 'triage.json'), '{ "signs": [');
    const error = await errorOf(loadPlanDir(dir));
    expect(error.code).toBe('CARE_ERR_BAD_PLAN');
    expect(error.message).toContain('triage.json is not valid JSON');
    expect(error.issues[0]?.path).toBe('triage.json');
  });

  it('rejects a plan.json that is not an object', async () => {
    await copyPlan();
    await writeFile(join(dir, 'plan.json'), '[]');
    const error = await errorOf(loadPlanDir(dir));
    expect(error.issues).toEqual([{ path: 'plan.json', message: 'expected a JSON object' }]);
  });

  it('reports every problem of an invalid plan', async () => {
    await copyPlan();
    const en = JSON.parse(await readFile(join(PLAN_DIR, 'en.json'), 'utf8')) as Record<string, string>;
    delete en['disclaimer'];
    await writeFile(join(dir, 'en.json'), JSON.stringify(en));
    const error = await errorOf(loadPlanDir(dir));
    expect(error.issues).toEqual([
      { path: 'texts.en["disclaimer"]', message: expect.stringContaining('disclaimerKey') as string },
    ]);
  });

  it('fails clearly for a folder that does not exist', async () => {
    const error = await errorOf(loadPlanDir(join(dir, 'nope')));
    expect(error.code).toBe('CARE_ERR_BAD_PLAN');
    expect(error.message).toContain('has no');
  });
});
