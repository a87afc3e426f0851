/** Command-line plumbing shared by the verbs: usage errors, option parsing, and exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes: 64 is EX_USAGE from sysexits.h (bad arguments). */
export const EXIT = { ok: 0, failure: 1, malformedInput: 2, usage: 64 } as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseVerbArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(message ?? 'bad arguments');
  }
}
