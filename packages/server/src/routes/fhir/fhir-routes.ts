/**
 * The FHIR R4 read API: GET /fhir/R4/Patient/:id/$everything and GET /fhir/R4/:type/:id for the exported types,
 * PlanDefinition and Questionnaire. Same sessions and access rules as /api; errors come as OperationOutcome.
 */
import { z } from 'zod';
import {
  AftercareError,
  EXPORTED_RESOURCE_TYPES,
  findInBundle,
  planToPlanDefinition,
  questionnaireId,
  questionnaireResource,
} from '@aftercare/core';
import { plans } from '@aftercare/plans';
import type { Id, Patient, Store, User } from '@aftercare/store';
import type { App, RouteModule } from '../../http/types.ts';
import { IdParams } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { isTeam, maySeePatient } from '../../http/access.ts';
import { noteAudit } from '../../http/audit.ts';
import { isId } from '../../http/ids.ts';
import { exportPatient, listAll } from './fhir-record.ts';
import { FHIR_JSON, fhirBase, operationOutcomeErrors } from './fhir-json.ts';

const notFound = (what = 'resource'): AftercareError =>
  new AftercareError('CARE_ERR_NOT_FOUND', `We could not find that ${what}.`);

/** The patient whose record holds this resource, when the id alone (or one lookup) tells; else "search". */
async function directOwner(store: Store, type: string, id: string): Promise<Id | undefined | { search: true }> {
  const prefix = (suffix: RegExp): string | undefined =>
    id.replace(suffix, '') !== id ? id.replace(suffix, '') : undefined;
  const uuidOr = (value: string | undefined): string | undefined =>
    value !== undefined && isId(value) ? value : undefined;
  switch (type) {
    case 'Patient':
      return uuidOr(id);
    case 'Procedure':
      return uuidOr(prefix(/-procedure$/));
    case 'CarePlan':
      return uuidOr(prefix(/-care-plan$/));
    case 'MedicationStatement':
      return isId(id) ? (await store.medicationHistory(id)).at(-1)?.patientId : undefined;
    case 'Appointment':
      return isId(id) ? (await store.getAppointment(id))?.patientId : undefined;
    case 'Flag':
    case 'RiskAssessment':
    case 'Provenance': {
      const alertId = uuidOr(type === 'Flag' ? id : prefix(/-(triage|acknowledged|resolved)$/));
      return alertId === undefined ? undefined : (await store.getAlert(alertId))?.patientId;
    }
    default:
      return { search: true };
  }
}

/** Whether the patient's record holds a resource whose id does not name its patient (one query, not a whole export). */
async function holds(store: Store, patientId: Id, type: string, id: string): Promise<boolean> {
  switch (type) {
    case 'AllergyIntolerance':
      return (await store.listAllergies(patientId)).some((allergy) => allergy.id === id);
    case 'QuestionnaireResponse':
    case 'Observation': {
      const checkInId = type === 'Observation' ? id.replace(/-(pain|temperature)$/, '') : id;
      const checkIns = await listAll(
        (page) => store.listCheckIns(patientId, page),
        (row) => row.submittedAt,
      );
      return checkIns.some((checkIn) => checkIn.id === checkInId);
    }
    case 'Communication':
      return (
        await listAll(
          (page) => store.listMessages(patientId, page),
          (row) => row.createdAt,
        )
      ).some((m) => m.id === id);
    case 'MedicationAdministration':
      return (
        await listAll(
          (page) => store.listDoses(patientId, page),
          (row) => row.at,
        )
      ).some((d) => d.id === id);
    default:
      return true;
  }
}

/** The patients a caller may read. */
async function readablePatients(store: Store, user: User): Promise<Patient[]> {
  if (isTeam(user)) {
    return store.listPatients(user.orgId);
  }
  const own = user.patientId === null ? undefined : await store.getPatient(user.patientId);
  return own?.orgId === user.orgId ? [own] : [];
}

function sendFhir(reply: { type: (t: string) => { send: (body: string) => unknown } }, resource: unknown): unknown {
  return reply.type(FHIR_JSON).send(JSON.stringify(resource));
}

function registerFhirRoutes(scope: App, deps: Parameters<RouteModule>[1]): void {
  operationOutcomeErrors(scope);

  scope.get(
    '/fhir/R4/Patient/:id/$everything',
    {
      config: { access: 'patient-record', audit: { action: 'patient.export', resource: 'patient' } },
      schema: { tags: ['fhir'], summary: "The patient's whole record (a FHIR searchset Bundle)", params: IdParams },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const bundle = await exportPatient(deps.store, patient, {
        now: deps.clock.now(),
        baseUrl: fhirBase(request),
        type: 'searchset',
      });
      return sendFhir(reply, bundle);
    },
  );

  scope.get(
    '/fhir/R4/:type/:id',
    {
      config: { access: 'signed-in', audit: { action: 'fhir.read', resource: 'fhir' } },
      schema: {
        tags: ['fhir'],
        summary: 'One resource by type and id',
        params: z.object({ type: z.string().min(1).max(64), id: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const { type, id } = request.params;
      // Plan-level resources: the same for everyone signed in.
      if (type === 'PlanDefinition' || type === 'Questionnaire') {
        const plan = [...plans.values()].find((p) => (type === 'PlanDefinition' ? p.id : questionnaireId(p.id)) === id);
        if (plan === undefined) {
          throw notFound(type);
        }
        noteAudit(request, { patientId: null, resourceId: null });
        return sendFhir(
          reply,
          type === 'PlanDefinition'
            ? planToPlanDefinition(plan, user.language)
            : questionnaireResource(plan, user.language),
        );
      }
      if (!(EXPORTED_RESOURCE_TYPES as readonly string[]).includes(type)) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', `Aftercare does not serve ${type} resources.`);
      }
      const owner = await directOwner(deps.store, type, id);
      if (owner === undefined) {
        throw notFound(type);
      }
      const candidates =
        typeof owner === 'object'
          ? await readablePatients(deps.store, user)
          : [await deps.store.getPatient(owner)].filter((p): p is Patient => p !== undefined && maySeePatient(user, p));
      // Ids of check-ins, allergies, messages and doses do not name their patient: look in each record the caller may read.
      for (const patient of candidates) {
        if (!(await holds(deps.store, patient.id, type, id))) {
          continue;
        }
        const bundle = await exportPatient(deps.store, patient, { now: deps.clock.now(), baseUrl: fhirBase(request) });
        const resource = findInBundle(bundle, type, id);
        if (resource !== undefined) {
          noteAudit(request, { patientId: patient.id, resourceId: id });
          return sendFhir(reply, resource);
        }
      }
      throw notFound(type);
    },
  );

  // Other FHIR addresses (searches, metadata, history): a 404 OperationOutcome rather than the web app's page.
  // Parametric routes rather than a wildcard keep the OpenAPI document exact.
  for (const url of ['/fhir/R4/:type', '/fhir/R4/:type/:id/:operation', '/fhir/R4/:type/:id/:operation/:version']) {
    scope.get(
      url,
      { config: { access: 'public' }, schema: { tags: ['fhir'], summary: 'Not served: a 404 OperationOutcome' } },
      () => {
        throw new AftercareError(
          'CARE_ERR_NOT_FOUND',
          'Aftercare serves FHIR reads by id and Patient/{id}/$everything only.',
        );
      },
    );
  }
}

export const fhirRoutes: RouteModule = (app, deps) => {
  // Its own scope, so the OperationOutcome error bodies apply under /fhir only.
  void app.register((scope, _options, done) => {
    registerFhirRoutes(scope, deps);
    done();
  });
};
