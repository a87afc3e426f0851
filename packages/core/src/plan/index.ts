/** The care plan as data: schema, parsing and the whole-plan checks. */
export * from './schema.ts';
export * from './timing.ts';
