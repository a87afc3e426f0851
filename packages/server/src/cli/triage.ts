/** `aftercare triage`: one check-in JSON per line on stdin → one result per line on stdout; exit 2 if any was malformed. */
import { triageJsonLines } from '@aftercare/core';
import { getPlan } from '@aftercare/plans';
import { loadPlanDir } from '@aftercare/plans/load-dir';
import { DEFAULT_PLAN_ID } from '../services/enrol.ts';
import { HELP } from './help.ts';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function runTriage(args: string[]): Promise<number> {
  const { values } = parseVerbArgs(args, { plan: { type: 'string' } });
  if (values.help === true) {
    process.stdout.write(HELP.triage);
    return EXIT.ok;
  }
  const choice = values.plan ?? DEFAULT_PLAN_ID;
  const plan = getPlan(choice) ?? (/[/\\.]/.test(choice) ? await loadPlanDir(choice) : undefined);
  if (plan === undefined) {
    throw new UsageError(`unknown plan "${choice}" (give a plan id or a plan folder)`);
  }
  const result = triageJsonLines(plan, await readStdin());
  process.stdout.write(result.lines.map((line) => `${line}\n`).join(''));
  return result.malformed > 0 ? EXIT.malformedInput : EXIT.ok;
}
