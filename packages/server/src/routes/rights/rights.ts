/**
 * The patient's rights over their record: GET …/patients/:id/download (everything held, as one file) and
 * DELETE …/patients/:id (erase it everywhere). Both for the patient themself or an administrator of their organisation.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { AftercareError, localDateOf } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, IdParams, PasswordSchema } from '../../http/schemas.ts';
import { recordPatient, signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { endSession } from '../../auth/sessions.ts';
import { fhirBase } from '../fhir/fhir-json.ts';
import { everythingAsJson } from './everything.ts';

export const downloadRecordRoute: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/patients/:id/download',
    {
      config: { access: 'record-owner', audit: { action: 'patient.download', resource: 'patient' } },
      schema: {
        tags: ['rights'],
        summary:
          'Everything held about the patient as one JSON file: the FHIR R4 Bundle, plus what FHIR does not carry',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const patient = recordPatient(request);
      const now = deps.clock.now();
      const file = Readable.from(await everythingAsJson(deps.store, patient, now, fhirBase(request)));
      const day = localDateOf(now, patient.timeZone);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="aftercare-record-${day}.json"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};

export const erasePatientRoute: RouteModule = (app, deps) => {
  app.delete(
    '/api/v1/patients/:id',
    {
      config: { access: 'record-owner', audit: { action: 'patient.delete', resource: 'patient' } },
      schema: {
        tags: ['rights'],
        summary:
          'Erase the patient and everything about them (the audit trail keeps ids only); your password again to confirm',
        params: IdParams,
        body: z.object({ password: PasswordSchema }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const user = signedInUser(request);
      const patient = recordPatient(request);
      if (!(await verifyPassword(user.passwordHash, request.body.password))) {
        const message = 'That password is not right. Nothing was deleted.';
        throw new AftercareError('CARE_ERR_BAD_INPUT', message, [{ path: 'password', message }]);
      }
      await deps.store.erasePatient(patient.id);
      // The actor may be gone now (a patient erasing themself): name them while it is known.
      noteAudit(request, { actorId: user.id, patientId: patient.id, resourceId: patient.id });
      if (user.patientId === patient.id) {
        await endSession(deps, request, reply);
      }
      request.log.info({ patientId: patient.id, actorId: user.id }, 'patient erased');
      return reply.code(204).send(null);
    },
  );
};
