/**
 * fromFhirBundle: the medicines, allergies and visits of a FHIR R4 Bundle (what an EHR gives at discharge).
 * A bundle that breaks FHIR's rules is refused whole, with the FHIR path of every problem; resources that are valid
 * FHIR but that Aftercare cannot keep are skipped, each with the reason.
 */
import { z } from 'zod';
import { AftercareError, type FieldIssue } from '../errors.ts';
import { PLAN_ITEM_EXTENSION, SYSTEMS } from './codes.ts';
import type { AllergyInput, AppointmentInput, MedicationInput, VisitWith } from './input.ts';
import {
  AllergyIntoleranceSchema,
  AnyResourceSchema,
  AppointmentSchema,
  LocationSchema,
  MedicationRequestSchema,
  MedicationSchema,
  MedicationStatementSchema,
  PatientSchema,
  type ReadAllergyIntolerance,
  type ReadAppointment,
  type ReadCodeableConcept,
  type ReadMedicationRequest,
  type ReadMedicationStatement,
  type ReadReference,
} from './read-schemas.ts';
import { R4_RESOURCE_TYPES } from './resource-types.ts';
import { readDosage } from './timing.ts';
import { MedicineKindSchema } from '../plan/schema.ts';

/** The most entries an import reads (a discharge bundle has tens). */
export const MAX_IMPORT_ENTRIES = 1000;
/** The most problems a refusal lists. */
const MAX_ISSUES = 100;

export interface Skipped {
  /** FHIR path of the resource or element, e.g. "Bundle.entry[3].resource". */
  path: string;
  reason: string;
}

export interface FhirImport {
  medications: MedicationInput[];
  allergies: AllergyInput[];
  appointments: AppointmentInput[];
  /** The FHIR path each taken item came from, in the same order as the lists above. */
  sources: { medications: string[]; allergies: string[]; appointments: string[] };
  skipped: Skipped[];
}

export interface FhirImportOptions {
  /** The patient's today ("YYYY-MM-DD"): the start of a medicine whose bundle gives none. */
  today?: string;
  /** The amount of a medicine whose bundle gives none (in the patient's language). */
  asDirected?: string;
}

const IMPORTED_TYPES = ['MedicationRequest', 'MedicationStatement', 'AllergyIntolerance', 'Appointment'] as const;
type ImportedType = (typeof IMPORTED_TYPES)[number];

const SCHEMAS = {
  MedicationRequest: MedicationRequestSchema,
  MedicationStatement: MedicationStatementSchema,
  AllergyIntolerance: AllergyIntoleranceSchema,
  Appointment: AppointmentSchema,
  Medication: MedicationSchema,
  Patient: PatientSchema,
  Location: LocationSchema,
} as const;

const BundleShape = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'expected a FHIR Bundle (resourceType "Bundle")' }),
  type: z.enum(
    [
      'document',
      'message',
      'transaction',
      'transaction-response',
      'batch',
      'batch-response',
      'history',
      'searchset',
      'collection',
    ],
    { error: 'Bundle.type is missing or not a FHIR bundle type (e.g. "collection")' },
  ),
  entry: z
    .array(z.looseObject({ fullUrl: z.string().optional(), resource: z.unknown() }))
    .max(MAX_IMPORT_ENTRIES, `at most ${MAX_IMPORT_ENTRIES} entries can be imported at once`)
    .optional(),
});

interface Entry {
  index: number;
  path: string;
  fullUrl: string | undefined;
  resource: {
    resourceType: string;
    id?: string | undefined;
    contained?: { resourceType: string; id?: string | undefined }[] | undefined;
  } & Record<string, unknown>;
}

/** "['dosage', 0, 'timing']" → "dosage[0].timing". */
function fhirPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    prefix,
  );
}

function refuse(issues: FieldIssue[]): never {
  const shown = issues.slice(0, MAX_ISSUES);
  const first = shown
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new AftercareError(
    'CARE_ERR_BAD_INPUT',
    `The FHIR bundle was refused and nothing was imported: ${first}${more}`,
    shown,
  );
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE = /^https?:\/\/[^\s]+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const URN =
  /^urn:(uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|oid:[0-2](\.(0|[1-9][0-9]*))+)$/;
const CONTAINED = /^#([A-Za-z0-9\-.]{1,64})$/;

/** Finds what a reference points at, within the bundle or the resource's contained resources. */
class Resolver {
  private readonly byFullUrl = new Map<string, Entry>();
  private readonly byTypeAndId = new Map<string, Entry>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      if (entry.fullUrl !== undefined) {
        this.byFullUrl.set(entry.fullUrl, entry);
      }
      if (entry.resource.id !== undefined) {
        this.byTypeAndId.set(`${entry.resource.resourceType}/${entry.resource.id}`, entry);
      }
    }
  }

  /**
   * The type the reference names, what it resolves to (if anything), and a problem when it is malformed or when it
   * must resolve locally (urn:, #) and does not.
   */
  resolve(
    reference: string,
    holder: Entry,
  ): { type?: string; target?: Record<string, unknown> & { resourceType: string }; problem?: string } {
    const contained = CONTAINED.exec(reference);
    if (contained !== null) {
      const target = holder.resource.contained?.find((item) => item.id === contained[1]);
      return target === undefined
        ? { problem: `points to "${reference}", which is not among the contained resources` }
        : { type: target.resourceType, target };
    }
    if (URN.test(reference)) {
      const target = this.byFullUrl.get(reference);
      return target === undefined
        ? { problem: `points to "${reference}", which is not in this bundle` }
        : { type: target.resource.resourceType, target: target.resource };
    }
    const relative = RELATIVE.exec(reference) ?? ABSOLUTE.exec(reference);
    if (relative === null) {
      return { problem: `"${reference}" is not a FHIR reference (Type/id, an absolute URL, urn:uuid: or #id)` };
    }
    const [, type, id] = relative;
    const target = this.byFullUrl.get(reference) ?? this.byTypeAndId.get(`${type ?? ''}/${id ?? ''}`);
    return target === undefined
      ? { ...(type === undefined ? {} : { type }) }
      : { type: target.resource.resourceType, target: target.resource };
  }
}

function conceptName(concept: ReadCodeableConcept | undefined): string | undefined {
  const name = concept?.text ?? concept?.coding?.find((coding) => coding.display !== undefined)?.display;
  return name?.trim() === '' ? undefined : name?.trim();
}

function codeIn(concepts: readonly (ReadCodeableConcept | undefined)[], system: string): string | undefined {
  for (const concept of concepts) {
    const code = concept?.coding?.find((coding) => coding.system === system && coding.code !== undefined)?.code;
    if (code !== undefined) {
      return code;
    }
  }
  return undefined;
}

/**
 * Reads the medicines, allergies and visits of a FHIR R4 Bundle. Throws `AftercareError('CARE_ERR_BAD_INPUT')` with
 * one issue per problem (paths like `Bundle.entry[2].resource.dosageInstruction[0].timing`) when the bundle is not
 * valid FHIR, has no importable resource, mixes patients or has broken references; nothing is taken then.
 *
 * @example
 * const { medications, allergies, appointments, skipped } = fromFhirBundle(JSON.parse(text), { today: '2026-11-25' });
 */
export function fromFhirBundle(bundle: unknown, options: FhirImportOptions = {}): FhirImport {
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
    refuse([{ path: 'Bundle', message: 'expected a JSON object: a FHIR Bundle' }]);
  }
  const shape = BundleShape.safeParse(bundle);
  if (!shape.success) {
    refuse(shape.error.issues.map((issue) => ({ path: fhirPath('Bundle', issue.path), message: issue.message })));
  }
  const issues: FieldIssue[] = [];
  const entries: Entry[] = [];
  (shape.data.entry ?? []).forEach((raw, index) => {
    const path = `Bundle.entry[${index}].resource`;
    const any = AnyResourceSchema.safeParse(raw.resource);
    if (!any.success) {
      const missing = raw.resource === undefined;
      issues.push(
        ...(missing
          ? [{ path, message: 'the entry has no resource' }]
          : any.error.issues.map((issue) => ({ path: fhirPath(path, issue.path), message: issue.message }))),
      );
      return;
    }
    if (!R4_RESOURCE_TYPES.has(any.data.resourceType)) {
      issues.push({
        path: `${path}.resourceType`,
        message: `"${any.data.resourceType}" is not a FHIR R4 resource type`,
      });
      return;
    }
    const schema = (SCHEMAS as Partial<Record<string, z.ZodType>>)[any.data.resourceType];
    const checked = schema?.safeParse(raw.resource);
    if (checked !== undefined && !checked.success) {
      issues.push(
        ...checked.error.issues.map((issue) => ({ path: fhirPath(path, issue.path), message: issue.message })),
      );
      return;
    }
    entries.push({ index, path, fullUrl: raw.fullUrl, resource: (checked?.data ?? any.data) as Entry['resource'] });
  });
  if (issues.length > 0) {
    refuse(issues);
  }
  const imported = entries.filter((entry) =>
    (IMPORTED_TYPES as readonly string[]).includes(entry.resource.resourceType),
  );
  if (imported.length === 0) {
    refuse([{ path: 'Bundle.entry', message: `nothing to import: the bundle has no ${IMPORTED_TYPES.join(', ')}` }]);
  }
  const resolver = new Resolver(entries);
  checkPatients(entries, imported, resolver, issues);
  if (issues.length > 0) {
    refuse(issues);
  }

  const result: FhirImport = {
    medications: [],
    allergies: [],
    appointments: [],
    sources: { medications: [], allergies: [], appointments: [] },
    skipped: [],
  };
  for (const entry of entries) {
    const type = entry.resource.resourceType;
    if (!(IMPORTED_TYPES as readonly string[]).includes(type)) {
      if (type !== 'Patient' && type !== 'Medication' && type !== 'Location') {
        result.skipped.push({
          path: entry.path,
          reason: `${type} is not imported (only ${IMPORTED_TYPES.join(', ')})`,
        });
      }
      continue;
    }
    readEntry(entry, type as ImportedType, resolver, options, result, issues);
  }
  if (issues.length > 0) {
    refuse(issues);
  }
  return result;
}

/** Every imported resource belongs to one patient: the bundle's Patient when it has one. */
function checkPatients(
  entries: readonly Entry[],
  imported: readonly Entry[],
  resolver: Resolver,
  issues: FieldIssue[],
): void {
  const patients = entries.filter((entry) => entry.resource.resourceType === 'Patient');
  patients.slice(1).forEach((extra) => {
    issues.push({ path: extra.path, message: 'the bundle holds more than one Patient: import one patient at a time' });
  });
  const thePatient = patients[0]?.resource;
  for (const entry of imported) {
    const field =
      entry.resource.resourceType === 'AllergyIntolerance'
        ? 'patient'
        : entry.resource.resourceType === 'Appointment'
          ? undefined
          : 'subject';
    if (field === undefined) {
      const participants = (entry.resource as unknown as ReadAppointment).participant;
      participants.forEach((participant, index) => {
        const reference = participant.actor?.reference;
        const where = `${entry.path}.participant[${index}].actor.reference`;
        if (reference !== undefined) {
          const found = resolver.resolve(reference, entry);
          if (found.problem !== undefined) {
            issues.push({ path: where, message: found.problem });
          } else if (found.type === 'Patient' && thePatient !== undefined && found.target !== thePatient) {
            issues.push({ path: where, message: "refers to another patient than the bundle's Patient" });
          }
        }
      });
      continue;
    }
    const subject = entry.resource[field] as ReadReference;
    const where = `${entry.path}.${field}`;
    if (subject.type !== undefined && subject.type !== 'Patient') {
      issues.push({ path: `${where}.type`, message: `must refer to a Patient, not a ${subject.type}` });
    }
    if (subject.reference === undefined) {
      continue;
    }
    const found = resolver.resolve(subject.reference, entry);
    if (found.problem !== undefined) {
      issues.push({ path: `${where}.reference`, message: found.problem });
    } else if (found.type !== 'Patient') {
      issues.push({
        path: `${where}.reference`,
        message: `must refer to a Patient, not a ${found.type ?? 'resource of unknown type'}`,
      });
    } else if (thePatient !== undefined && found.target !== thePatient) {
      issues.push({ path: `${where}.reference`, message: "refers to another patient than the bundle's Patient" });
    }
  }
}

function readEntry(
  entry: Entry,
  type: ImportedType,
  resolver: Resolver,
  options: FhirImportOptions,
  result: FhirImport,
  issues: FieldIssue[],
): void {
  const skip = (reason: string, path = entry.path): void => {
    result.skipped.push({ path, reason });
  };
  switch (type) {
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const read = readMedicine(entry, resolver, options, issues);
      if (typeof read === 'string') {
        skip(read);
      } else if ('reason' in read && 'path' in read) {
        skip(read.reason, read.path);
      } else {
        result.medications.push(read);
        result.sources.medications.push(entry.path);
      }
      return;
    }
    case 'AllergyIntolerance': {
      const read = readAllergy(entry.resource as unknown as ReadAllergyIntolerance);
      if (typeof read === 'string') {
        skip(read);
      } else {
        result.allergies.push(read);
        result.sources.allergies.push(entry.path);
      }
      return;
    }
    case 'Appointment': {
      const read = readAppointment(entry, resolver);
      if (typeof read === 'string') {
        skip(read);
      } else {
        result.appointments.push(read);
        result.sources.appointments.push(entry.path);
      }
      return;
    }
  }
}

const TAKEN_REQUEST_INTENTS = new Set([
  'plan',
  'order',
  'original-order',
  'reflex-order',
  'filler-order',
  'instance-order',
]);

function readMedicine(
  entry: Entry,
  resolver: Resolver,
  options: FhirImportOptions,
  issues: FieldIssue[],
): MedicationInput | string | { path: string; reason: string } {
  const isRequest = entry.resource.resourceType === 'MedicationRequest';
  const request = entry.resource as unknown as ReadMedicationRequest;
  const statement = entry.resource as unknown as ReadMedicationStatement;
  if (isRequest && request.status !== 'active') {
    return `status "${request.status}": only active prescriptions are imported`;
  }
  if (isRequest && !TAKEN_REQUEST_INTENTS.has(request.intent)) {
    return `intent "${request.intent}": only orders and plans are imported, not proposals or options`;
  }
  if (!isRequest && statement.status !== 'active' && statement.status !== 'intended') {
    return `status "${statement.status}": only medicines taken now (active or intended) are imported`;
  }
  let name = conceptName(request.medicationCodeableConcept);
  const reference = request.medicationReference;
  if (reference !== undefined) {
    const where = `${entry.path}.medicationReference`;
    const found = reference.reference === undefined ? {} : resolver.resolve(reference.reference, entry);
    if (found.problem !== undefined) {
      issues.push({ path: `${where}.reference`, message: found.problem });
      return 'broken reference';
    }
    if (found.target !== undefined && found.type !== 'Medication') {
      issues.push({
        path: `${where}.reference`,
        message: `must refer to a Medication, not a ${found.type ?? 'resource'}`,
      });
      return 'broken reference';
    }
    name = conceptName(found.target?.code as ReadCodeableConcept | undefined) ?? reference.display;
    if (name === undefined && found.target === undefined) {
      issues.push({
        path: `${where}.reference`,
        message: 'points to a Medication that is not in this bundle, and gives no display name',
      });
      return 'broken reference';
    }
  }
  if (name === undefined) {
    return 'the medicine has a code but no name (text or display): add it by hand';
  }
  if (name.length > 200) {
    return 'the medicine name is longer than 200 characters';
  }
  const dosagePath = `${entry.path}.${isRequest ? 'dosageInstruction' : 'dosage'}`;
  const dosage = readDosage(isRequest ? request.dosageInstruction : statement.dosage, dosagePath);
  if (!dosage.ok) {
    return { path: dosage.path, reason: dosage.reason };
  }
  const start =
    dosage.start ??
    statement.effectivePeriod?.start ??
    statement.effectiveDateTime ??
    request.dispenseRequest?.validityPeriod?.start ??
    request.authoredOn ??
    options.today;
  if (start === undefined) {
    return 'no start date';
  }
  const startDate = start.slice(0, 10);
  const end = dosage.end ?? statement.effectivePeriod?.end ?? null;
  const endDate = end === null ? null : end.slice(0, 10);
  if (startDate.length !== 10 || (endDate !== null && endDate.length !== 10)) {
    return 'the start or end is only a year or a month: add the dates by hand';
  }
  if (endDate !== null && endDate < startDate) {
    return 'the course ends before it starts';
  }
  const categories = isRequest ? (request.category ?? []) : [statement.category];
  const kind = MedicineKindSchema.safeParse(codeIn(categories, SYSTEMS.medicineKind));
  const planItem = (request.extension ?? []).find((extension) => extension.url === PLAN_ITEM_EXTENSION)?.valueString;
  const reasons = (request.reasonCode ?? [])
    .map(conceptName)
    .filter((reason): reason is string => reason !== undefined);
  return {
    name,
    kind: kind.success ? kind.data : 'prescription',
    amount: dosage.amount ?? options.asDirected ?? 'As directed',
    timing: dosage.timing,
    reason: reasons.join('; ').slice(0, 500),
    startDate,
    endDate,
    planItem:
      planItem !== undefined && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(planItem) && planItem.length <= 100 ? planItem : null,
  };
}

function readAllergy(allergy: ReadAllergyIntolerance): AllergyInput | string {
  const clinical = codeIn([allergy.clinicalStatus], SYSTEMS.allergyClinical);
  if (clinical === 'inactive' || clinical === 'resolved') {
    return `clinical status "${clinical}": only active allergies are imported`;
  }
  const verification = codeIn(
    [allergy.verificationStatus],
    'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  );
  if (verification === 'refuted' || verification === 'entered-in-error') {
    return `verification status "${verification}": not imported`;
  }
  const substance =
    conceptName(allergy.code) ?? conceptName(allergy.reaction?.find((r) => r.substance !== undefined)?.substance);
  if (substance === undefined) {
    return 'no substance named (code.text or a display): add it by hand';
  }
  if (substance.length > 200) {
    return 'the substance name is longer than 200 characters';
  }
  const reactions = (allergy.reaction ?? []).flatMap((reaction) => [
    ...reaction.manifestation.map(conceptName).filter((name): name is string => name !== undefined),
    ...(reaction.description === undefined ? [] : [reaction.description]),
  ]);
  return { substance, reaction: [...new Set(reactions)].join(', ').slice(0, 500) };
}

const TAKEN_VISIT_STATUSES = new Set(['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'waitlist']);

function readAppointment(entry: Entry, resolver: Resolver): AppointmentInput | string {
  const appointment = entry.resource as unknown as ReadAppointment;
  if (!TAKEN_VISIT_STATUSES.has(appointment.status)) {
    return `status "${appointment.status}": only visits still to come are imported`;
  }
  if (appointment.start === undefined) {
    return 'no date and time yet: add it by hand once it is set';
  }
  const concepts = [...(appointment.specialty ?? []), ...(appointment.serviceType ?? []), appointment.appointmentType];
  const coded = codeIn(concepts, SYSTEMS.visitWith);
  const words = concepts.map(conceptName).join(' ');
  const withWhom: VisitWith =
    coded === 'primary-care' || coded === 'hematologist' || coded === 'other'
      ? coded
      : /hemat|haemat/i.test(words)
        ? 'hematologist'
        : /primary|family|general pract/i.test(words)
          ? 'primary-care'
          : 'other';
  const reasonCode = codeIn(appointment.reasonCode ?? [], SYSTEMS.visitReason);
  const reason =
    reasonCode ??
    conceptName(appointment.reasonCode?.[0]) ??
    conceptName(appointment.serviceType?.[0]) ??
    conceptName(appointment.appointmentType) ??
    appointment.description ??
    'Visit';
  let location: string | null = null;
  for (const participant of appointment.participant) {
    const actor = participant.actor;
    const found = actor?.reference === undefined ? undefined : resolver.resolve(actor.reference, entry);
    if (actor?.type === 'Location' || found?.type === 'Location') {
      location = (found?.target?.name as string | undefined) ?? actor?.display ?? null;
    }
  }
  return {
    withWhom,
    reason: reason.slice(0, 200),
    location: location === null ? null : location.slice(0, 300),
    startsAt: new Date(appointment.start).toISOString(),
  };
}
