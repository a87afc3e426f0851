/** `aftercare plan validate <dir>`: checks a plan folder; one line OK, or the issues with their paths. */
import { isAftercareError } from '@aftercare/core';
import { loadPlanDir } from '@aftercare/plans/load-dir';
import { HELP } from './help.ts';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

export async function runPlanValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(args, {}, true);
  if (values.help === true) {
    process.stdout.write(HELP['plan validate']);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw new UsageError('plan validate needs exactly one folder (aftercare plan validate <dir>)');
  }
  const dir = positionals[0];
  try {
    const plan = await loadPlanDir(dir);
    process.stdout.write(`OK: ${dir} is a valid care plan (${plan.id} ${plan.version})\n`);
    return EXIT.ok;
  } catch (error) {
    if (!isAftercareError(error)) {
      throw error;
    }
    process.stdout.write(`${dir}: ${error.message}\n`);
    for (const issue of error.issues) {
      process.stdout.write(`  ${issue.path}: ${issue.message}\n`);
    }
    return EXIT.failure;
  }
}
