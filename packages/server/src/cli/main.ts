/** The `aftercare` command: start, migrate, demo, plan validate, triage. Returns the exit code (undefined: keep running). */
import { isAftercareError } from '@aftercare/core';
import { HELP } from './help.ts';
import { EXIT, UsageError } from './usage.ts';

export const USAGE = `Usage: aftercare <command> [options]

Commands:
  start                 migrate the database, then serve the API and the web app (PORT, HOST)
  migrate               bring the database schema up to date
  demo                  load a demo care team and three demo patients; print their accounts as JSON
  plan validate <dir>   check a care plan folder (plan.json, triage.json, en.json, es.json)
  triage                read check-ins as JSON lines on stdin, print triage results as JSON lines
  export <patient-id>   print the patient's record as a FHIR R4 Bundle
  import <bundle.json> --patient <id>
                        add a FHIR bundle's medicines, allergies and visits to a patient; print the report
  backup <file>         copy the SQLite database to <file> while it runs (PostgreSQL: prints the pg_dump route)
  restore <file>        put a backup back as the SQLite database (--force to replace an existing one)

Database (start, migrate, demo, export, import, backup, restore): --db <file|postgres://…>, else DATABASE_URL, else AFTERCARE_DB,
else ./data/aftercare.db (SQLite).

Run "aftercare <command> --help" for the options of a command.
`;

type Verb = (args: string[]) => Promise<number | undefined>;

// Each verb loads only what it needs (help and triage start fast; only start loads the server).
const VERBS: Record<string, Verb> = {
  start: async (args) => (await import('./serve.ts')).runStart(args),
  migrate: async (args) => (await import('./serve.ts')).runMigrate(args),
  demo: async (args) => (await import('./demo.ts')).runDemo(args),
  triage: async (args) => (await import('./triage.ts')).runTriage(args),
  export: async (args) => (await import('./export.ts')).runExport(args),
  import: async (args) => (await import('./import.ts')).runImport(args),
  backup: async (args) => (await import('./backup.ts')).runBackup(args),
  restore: async (args) => (await import('./restore.ts')).runRestore(args),
  plan: async (args) => {
    const [sub, ...rest] = args;
    if (sub === 'validate') {
      return (await import('./plan-validate.ts')).runPlanValidate(rest);
    }
    if (sub === undefined || sub === '--help' || sub === '-h') {
      (sub === undefined ? process.stderr : process.stdout).write('Usage: aftercare plan validate <dir>\n');
      return sub === undefined ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(`unknown plan command "${sub}" (try: aftercare plan validate <dir>)`);
  },
};

export async function main(argv: string[]): Promise<number | undefined> {
  const [verb, ...args] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    (verb === undefined ? process.stderr : process.stdout).write(USAGE);
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = VERBS[verb];
  const helpOnly = args.length === 1 && (args[0] === '--help' || args[0] === '-h');
  if (helpOnly && verb in HELP) {
    process.stdout.write(HELP[verb as keyof typeof HELP]);
    return EXIT.ok;
  }
  try {
    if (run === undefined) {
      throw new UsageError(`unknown command "${verb}" (try: aftercare --help)`);
    }
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`aftercare: ${error.message}\n`);
      return EXIT.usage;
    }
    if (isAftercareError(error)) {
      process.stderr.write(`aftercare: ${error.message}\n`);
      for (const issue of error.issues) {
        process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
      }
      return EXIT.failure;
    }
    process.stderr.write(`aftercare: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
