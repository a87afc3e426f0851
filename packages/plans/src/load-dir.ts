/** Reads a plan folder (plan.json, triage.json, en.json, es.json) from disk and validates it. Node only. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AftercareError, parseCarePlan, type CarePlan } from '@aftercare/core';

/** The files of a plan folder, by the part of the plan each one becomes. */
export const PLAN_FILES = { plan: 'plan.json', triage: 'triage.json', en: 'en.json', es: 'es.json' } as const;

/**
 * Loads and validates the plan in `dir`; throws `AftercareError('CARE_ERR_BAD_PLAN')` naming the file
 * when one is missing or is not JSON, and one issue per problem when the plan is not valid.
 *
 * @example
 * const plan = await loadPlanDir('packages/plans/bone-marrow-harvest');
 */
export async function loadPlanDir(dir: string): Promise<CarePlan> {
  const [plan, triage, en, es] = await Promise.all([
    readJson(dir, PLAN_FILES.plan),
    readJson(dir, PLAN_FILES.triage),
    readJson(dir, PLAN_FILES.en),
    readJson(dir, PLAN_FILES.es),
  ]);
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new AftercareError('CARE_ERR_BAD_PLAN', `${PLAN_FILES.plan} must hold a JSON object.`, [
      { path: PLAN_FILES.plan, message: 'expected a JSON object' },
    ]);
  }
  return parseCarePlan({ ...plan, triage, texts: { en, es } });
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing ? `The plan folder has no ${file} (looked for ${path}).` : `Could not read ${path}.`;
    throw new AftercareError('CARE_ERR_BAD_PLAN', message, [
      { path: file, message: missing ? 'file not found' : 'unreadable' },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AftercareError('CARE_ERR_BAD_PLAN', `${path} is not valid JSON: ${reason}`, [
      { path: file, message: reason },
    ]);
  }
}
