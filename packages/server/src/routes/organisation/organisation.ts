/** The organisation as patients see it on their list to carry: its name and the care team's phone (admins change them). */
import { z } from 'zod';
import { AftercareError } from '@aftercare/core';
import type { RouteModule } from '../../http/types.ts';
import { commonErrors, NameSchema } from '../../http/schemas.ts';
import { signedInUser } from '../../http/caller.ts';
import { noteAudit } from '../../http/audit.ts';

export const OrganisationSchema = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() });

/** Digits with the usual separators and an optional leading "+", e.g. "+1 (555) 010-0100" or "0800 123 456". */
export const PhoneSchema = z
  .string()
  .trim()
  .max(40, 'Use at most 40 characters.')
  .regex(/^\+?[0-9][0-9 ().\-/]{2,}$/, 'Use a phone number like +1 555 010 0100.')
  .refine((phone) => phone.replace(/\D/g, '').length >= 3, 'Use a phone number like +1 555 010 0100.');

export const getOrganisation: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/organisation',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['organisation'],
        summary: "The caller's organisation: its name and the care team's phone",
        response: { 200: z.object({ organisation: OrganisationSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const organisation = await deps.store.getOrganisationContact(signedInUser(request).orgId);
      if (organisation === undefined) {
        throw new AftercareError('CARE_ERR_NOT_FOUND', 'We could not find your organisation.');
      }
      return { organisation };
    },
  );
};

export const updateOrganisation: RouteModule = (app, deps) => {
  app.patch(
    '/api/v1/organisation',
    {
      config: { access: 'admin', audit: { action: 'organisation.update', resource: 'organisation' } },
      schema: {
        tags: ['organisation'],
        summary: "Change the organisation's name or the care team's phone (null or empty clears the phone)",
        body: z.strictObject({
          name: NameSchema.optional(),
          phone: z
            .union([z.literal(''), PhoneSchema])
            .nullable()
            .optional(),
        }),
        response: { 200: z.object({ organisation: OrganisationSchema }), ...commonErrors },
      },
    },
    async (request) => {
      const orgId = signedInUser(request).orgId;
      const { name, phone } = request.body;
      const organisation = await deps.store.updateOrganisationContact(orgId, {
        ...(name === undefined ? {} : { name }),
        ...(phone === undefined ? {} : { phone: phone === '' ? null : phone }),
      });
      noteAudit(request, { patientId: null, resourceId: orgId });
      return { organisation };
    },
  );
};
