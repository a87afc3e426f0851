export * from './rules-schema.ts';
