/** A check-in as the patient app, the CLI and the API send it, validated with messages a person can act on. */
import { z } from 'zod';
import { AftercareError, type FieldIssue } from '../errors.ts';
import type { TriageRules } from './rules-schema.ts';

/** The longest free text triage reads (about a page). */
export const MAX_TEXT_LENGTH = 4000;

const TemperatureSchema = z
  .strictObject({
    value: z.number({ error: 'temperature.value must be a number, e.g. 38.2' }),
    unit: z.enum(['C', 'F'], { error: 'temperature.unit must be "C" or "F"' }),
  })
  .superRefine((temperature, context) => {
    const [low, high] = temperature.unit === 'C' ? [30, 45] : [86, 113];
    if (!(temperature.value >= low && temperature.value <= high)) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `a body temperature in °${temperature.unit} is between ${low} and ${high}; got ${temperature.value}`,
      });
    }
  });

export const CheckInSchema = z.strictObject({
  language: z.enum(['en', 'es'], { error: 'language must be "en" or "es"' }).default('en'),
  text: z
    .string({ error: 'text must be a string' })
    .max(MAX_TEXT_LENGTH, `text is too long: keep it under ${MAX_TEXT_LENGTH} characters`)
    .optional(),
  signs: z
    .array(z.string({ error: 'each sign must be a sign id (a string)' }), { error: 'signs must be a list of sign ids' })
    .max(100)
    .optional(),
  temperature: TemperatureSchema.optional(),
  pain: z
    .strictObject({
      score: z
        .number({ error: 'pain.score must be a number from 0 to 10' })
        .int('pain.score must be a whole number from 0 to 10')
        .min(0, 'pain.score must be from 0 to 10')
        .max(10, 'pain.score must be from 0 to 10'),
      medicineTaken: z.boolean({ error: 'pain.medicineTaken must be true or false' }),
    })
    .optional(),
});

export type CheckIn = z.output<typeof CheckInSchema>;
export type CheckInInput = z.input<typeof CheckInSchema>;

/**
 * Validates a check-in against the plan: shape, bounds, and that every ticked sign is one of the plan's.
 * Throws `AftercareError('CARE_ERR_BAD_INPUT')` with one issue per problem.
 *
 * @example
 * const checkIn = parseCheckIn(plan, JSON.parse(line));
 */
export function parseCheckIn(plan: { triage: TriageRules }, value: unknown): CheckIn {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AftercareError(
      'CARE_ERR_BAD_INPUT',
      'A check-in must be a JSON object such as {"text": "I feel fine"}.',
      [{ path: '', message: 'expected an object' }],
    );
  }
  const parsed = CheckInSchema.safeParse(value);
  if (!parsed.success) {
    throw notValid(parsed.error.issues.map(toFieldIssue));
  }
  return checkInOfPlan(plan, parsed.data);
}

/**
 * The plan's part of `parseCheckIn`, for a check-in whose shape `CheckInSchema` has checked already (an API route's
 * body): every ticked sign is one of the plan's. The body is then parsed once, not twice, on the check-in's hot path.
 *
 * @example
 * const checkIn = checkInOfPlan(plan, request.body);
 */
export function checkInOfPlan(plan: { triage: TriageRules }, checkIn: CheckIn): CheckIn {
  const known = plan.triage.signs.map((sign) => sign.id);
  const issues: FieldIssue[] = [];
  checkIn.signs?.forEach((id, index) => {
    if (!known.includes(id)) {
      issues.push({ path: `signs[${index}]`, message: `"${id}" is not a sign of this plan` });
    }
  });
  if (issues.length > 0) {
    throw notValid(issues, `. Valid signs: ${known.join(', ')}`);
  }
  return checkIn;
}

function notValid(issues: FieldIssue[], hint = ''): AftercareError {
  const summary = issues
    .slice(0, 3)
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new AftercareError('CARE_ERR_BAD_INPUT', `The check-in is not valid: ${summary}${more}${hint}`, issues);
}

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  if (issue.code === 'unrecognized_keys') {
    return {
      path,
      message: `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}; a check-in has language, text, signs, temperature and pain`,
    };
  }
  return { path, message: issue.message };
}
