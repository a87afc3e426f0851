/** `aftercare import <bundle.json> --patient <id>`: adds a FHIR bundle's medicines, allergies and visits; prints the report. */
import { readFile, stat } from 'node:fs/promises';
import { AftercareError } from '@aftercare/core';
import { openStore, resolveDatabase } from '@aftercare/store';
import { importIntoPatient } from '../routes/fhir/fhir-record.ts';
import { isId } from '../http/ids.ts';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

/** The largest bundle file read (a discharge bundle is a few kilobytes). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const IMPORT_HELP = `Usage: aftercare import <bundle.json> --patient <id> [--by <e-mail>] [--db <file|postgres://…>]

Reads a FHIR R4 Bundle (JSON) and adds its MedicationRequest / MedicationStatement, AllergyIntolerance and
Appointment resources to the patient, skipping what they already have. Prints a JSON report of what was taken and
what was skipped and why. A bundle with problems is refused whole: each problem is printed with its FHIR path, nothing
is stored, and the exit status is 1. --by names the care-team member recorded as adding them (default: the one who
enrolled the patient).
`;

export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(
    args,
    { db: { type: 'string' }, patient: { type: 'string' }, by: { type: 'string' } },
    true,
  );
  if (values.help === true) {
    process.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new UsageError('give one bundle file (try: aftercare import --help)');
  }
  if (values.patient === undefined) {
    throw new UsageError('--patient <id> is required');
  }
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) {
    throw new AftercareError('CARE_ERR_BAD_INPUT', `cannot read ${file}`);
  }
  if (size > MAX_FILE_BYTES) {
    throw new AftercareError('CARE_ERR_PAYLOAD_TOO_LARGE', `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new AftercareError('CARE_ERR_BAD_INPUT', `${file} is not valid JSON`);
  }
  const store = await openStore(resolveDatabase(process.env, values.db));
  try {
    const patient = isId(values.patient) ? await store.getPatient(values.patient) : undefined;
    if (patient === undefined) {
      throw new AftercareError('CARE_ERR_NOT_FOUND', `no patient with the id ${values.patient}`);
    }
    const by =
      values.by === undefined
        ? await store.getEnrolment(patient.id).then((e) => e?.enrolledBy)
        : (await store.getUserByEmail(values.by))?.id;
    const user = by === undefined ? undefined : await store.getUser(by);
    if (user === undefined || user.orgId !== patient.orgId || (user.role !== 'admin' && user.role !== 'clinician')) {
      throw new UsageError(
        values.by === undefined
          ? 'the patient has no enrolment: name the care-team member with --by <e-mail>'
          : `${values.by} is not on this patient's care team`,
      );
    }
    const report = await importIntoPatient(store, patient, bundle, user.id, new Date());
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
