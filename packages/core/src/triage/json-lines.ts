/** Triage over JSON lines (one check-in per line in, one result per line out), for the `aftercare triage` command. */
import { isAftercareError } from '../errors.ts';
import { parseCheckIn } from './check-in.ts';
import { triage, type TriagePlan } from './triage.ts';

/**
 * One output line per non-empty input line, in order: the triage result, or `{"error": "…"}` when the line is
 * not a valid check-in. `malformed` counts the error lines (the command exits with status 2 when it is not 0).
 *
 * @example
 * triageJsonLines(plan, '{"text":"chest pain"}\nnot json\n');
 * // { lines: ['{"disposition":"emergency",…}', '{"error":"line 2 is not valid JSON: …"}'], malformed: 1 }
 */
export function triageJsonLines(plan: TriagePlan, input: string): { lines: string[]; malformed: number } {
  const lines: string[] = [];
  let malformed = 0;
  input.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      malformed++;
      const reason = error instanceof Error ? error.message : String(error);
      lines.push(JSON.stringify({ error: `line ${index + 1} is not valid JSON: ${reason}` }));
      return;
    }
    try {
      lines.push(JSON.stringify(triage(plan, parseCheckIn(plan, value))));
    } catch (error) {
      if (!isAftercareError(error)) {
        throw error;
      }
      malformed++;
      lines.push(JSON.stringify({ error: `line ${index + 1}: ${error.message}` }));
    }
  });
  return { lines, malformed };
}
