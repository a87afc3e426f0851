/** FHIR R4 in and out: the patient's record as a Bundle, the plan as a PlanDefinition, and discharge medicines in. */
export { AFTERCARE_FHIR_NS, LOINC, SYSTEMS, checkInQuestionnaireUrl, planDefinitionUrl } from './codes.ts';
export type * from './input.ts';
export type { Bundle as FhirBundle, Resource as FhirResource, OperationOutcome } from '@medplum/fhirtypes';
export { toFhirBundle, findInBundle, EXPORTED_RESOURCE_TYPES } from './export-bundle.ts';
export type { FhirExportInput, FhirExportOptions } from './export-bundle.ts';
export { planToPlanDefinition } from './plan-definition.ts';
export { questionnaireResource, questionnaireId } from './check-in-resources.ts';
export { fromFhirBundle, MAX_IMPORT_ENTRIES } from './import-bundle.ts';
export type { FhirImport, FhirImportOptions, Skipped } from './import-bundle.ts';
export { mergeImport } from './merge-import.ts';
export type { ExistingRecord, ImportPlan } from './merge-import.ts';
export { describeTiming, toFhirDosage } from './timing.ts';
export { operationOutcome } from './operation-outcome.ts';
