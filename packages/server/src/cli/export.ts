/** `aftercare export <patient-id>`: prints the patient's record as one FHIR R4 Bundle (JSON) on stdout. */
import { openStore, resolveDatabase } from '@aftercare/store';
import { exportPatient } from '../routes/fhir/fhir-record.ts';
import { isId } from '../http/ids.ts';
import { EXIT, parseVerbArgs, UsageError } from './usage.ts';

export const EXPORT_HELP = `Usage: aftercare export <patient-id> [--db <file|postgres://…>] [--base-url <url>]

Prints the patient's whole record as one FHIR R4 Bundle (type collection) on stdout: Patient, CarePlan, medicines,
allergies, visits, check-ins with pain and temperature, alerts and messages. --base-url gives every entry a fullUrl
(e.g. https://care.example.org/fhir/R4). Exits 1 when there is no such patient.
`;

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(args, { db: { type: 'string' }, 'base-url': { type: 'string' } }, true);
  if (values.help === true) {
    process.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  const [patientId, ...extra] = positionals;
  if (patientId === undefined || extra.length > 0) {
    throw new UsageError('give one patient id (try: aftercare export --help)');
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/\S+$/.test(baseUrl)) {
    throw new UsageError('--base-url must be an http(s) URL');
  }
  const store = await openStore(resolveDatabase(process.env, values.db));
  try {
    const patient = isId(patientId) ? await store.getPatient(patientId) : undefined;
    if (patient === undefined) {
      process.stderr.write(`aftercare: no patient with the id ${patientId}\n`);
      return EXIT.failure;
    }
    const bundle = await exportPatient(store, patient, {
      now: new Date(),
      ...(baseUrl === undefined ? {} : { baseUrl }),
    });
    process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
