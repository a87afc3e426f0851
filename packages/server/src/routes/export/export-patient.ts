/** GET /api/v1/patients/:id/export: the patient's whole record as one FHIR R4 Bundle. POST …/import: add a FHIR bundle. */
import type { RouteModule } from '../../http/types.ts';
import { IdParams } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { exportPatient, importIntoPatient } from '../fhir/fhir-record.ts';
import { acceptFhirJson, FHIR_JSON, fhirBase } from '../fhir/fhir-json.ts';

/** The largest bundle an import reads (a discharge bundle is a few kilobytes). */
export const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

export const exportPatientRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/export',
    {
      config: { access: 'patient-record', audit: { action: 'patient.export', resource: 'patient' } },
      schema: {
        tags: ['fhir'],
        summary: "The patient's record as a FHIR R4 Bundle (application/fhir+json)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const bundle = await exportPatient(deps.store, patient, { now: deps.clock.now(), baseUrl: fhirBase(request) });
      return reply.type(FHIR_JSON).send(JSON.stringify(bundle));
    },
  );
};

export const importPatientRoute: RouteModule = (app, deps) => {
  // Its own scope, so that only this route reads application/fhir+json bodies and large ones.
  void app.register((scope, _options, done) => {
    acceptFhirJson(scope);
    scope.post(
      '/api/v1/patients/:id/import',
      {
        config: { access: 'team-record', audit: { action: 'patient.import', resource: 'patient' } },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['fhir'],
          summary: 'Add the medicines, allergies and visits of a FHIR R4 Bundle; reports what was taken and skipped',
          params: IdParams,
        },
      },
      async (request, reply) => {
        const patient = recordPatient(request);
        const report = await importIntoPatient(
          deps.store,
          patient,
          request.body,
          signedInUser(request).id,
          deps.clock.now(),
        );
        noteAudit(request, { resourceId: patient.id });
        return reply.code(200).send(report);
      },
    );
    done();
  });
};
