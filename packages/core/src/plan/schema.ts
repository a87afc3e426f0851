/** The care plan as data: its Zod schema, and the checks that need the whole plan (text keys, sign ids, timings). */
import { z } from 'zod';
import { AftercareError, type FieldIssue } from '../errors.ts';
import { TriageRulesSchema } from '../triage/rules-schema.ts';
import { LocalTimeSchema, medicineTimingIssues, MedicineTimingSchema } from './timing.ts';

/** The languages every plan is written in. */
export const PLAN_LANGUAGES = ['en', 'es'] as const;
export type PlanLanguage = (typeof PLAN_LANGUAGES)[number];

/** The three answers triage can give, each with the text the patient is shown. */
export const DISPOSITIONS = ['emergency', 'contact-provider', 'self-care'] as const;

/** A key into the plan's texts, e.g. "signs.fever.label": lower-case words joined by dots or hyphens. */
export const TextKeySchema = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'text keys are lower-case words joined by "." or "-"');
const IdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case');
const PercentSchema = z.number().min(0).max(100);
const DayCountSchema = z.number().int().min(0).max(3650);

export const MedicineKindSchema = z.enum(['prescription', 'over-the-counter', 'vitamin', 'herb']);
export type MedicineKind = z.infer<typeof MedicineKindSchema>;
export const AppointmentWithSchema = z.enum(['primary-care', 'hematologist', 'other']);
export const HarvestSiteIdSchema = z.enum(['hip', 'sternum']);
export const MarrowUseIdSchema = z.enum(['own', 'donor']);

/** A medicine the care team prefills at enrolment: amounts left null are filled in by the care team. */
export const MedicineTemplateSchema = z.strictObject({
  /** Becomes `Medication.planItem`, e.g. "pain-relief". */
  id: IdSchema,
  nameKey: TextKeySchema,
  kind: MedicineKindSchema,
  /** The amount per dose, e.g. "1 tablet"; null when only the care team can say. */
  amount: z.string().min(1).nullable(),
  timing: MedicineTimingSchema,
  reasonKey: TextKeySchema,
  /** How many days the course lasts; null for "as long as needed". */
  courseDays: z.number().int().min(1).max(365).nullable(),
  /** True when the patient takes it only if the care team says so (they are told to ask). */
  askFirst: z.boolean(),
  noteKeys: z.array(TextKeySchema),
});
export type MedicineTemplate = z.infer<typeof MedicineTemplateSchema>;

const TextItemSchema = z.strictObject({ id: IdSchema, textKey: TextKeySchema });

const SourceIdSchema = IdSchema;

export const PlanDefinitionSchema = z.strictObject({
  id: IdSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'versions are "major.minor.patch"'),
  titleKey: TextKeySchema,
  summaryKey: TextKeySchema,
  disclaimerKey: TextKeySchema,
  procedure: z.strictObject({
    nameKey: TextKeySchema,
    descriptionKey: TextKeySchema,
    anesthesiaKey: TextKeySchema,
    sites: z.array(z.strictObject({ id: HarvestSiteIdSchema, textKey: TextKeySchema })).min(1),
    marrowUses: z
      .array(
        z.strictObject({ id: MarrowUseIdSchema, term: z.enum(['autologous', 'allogeneic']), textKey: TextKeySchema }),
      )
      .min(1),
  }),
  medicines: z.strictObject({
    titleKey: TextKeySchema,
    /** Rules for every medicine: take as directed, call if not helping, tell about allergies. */
    rules: z.array(TextItemSchema).min(1),
    /** Labels for the kinds of things on the patient's list. */
    kinds: z.array(z.strictObject({ kind: MedicineKindSchema, labelKey: TextKeySchema })),
    templates: z.array(MedicineTemplateSchema),
    /** Keep a list of everything taken, with what it records. */
    list: z.strictObject({
      fields: z.array(z.enum(['name', 'kind', 'amount', 'when', 'why'])).min(1),
      textKeys: z.array(TextKeySchema).min(1),
    }),
    /** Shown when the pain score reaches settings.painPromptThreshold: take pain medicine before the pain is severe. */
    painPromptKey: TextKeySchema,
    /** Shown as the amount of a medicine whose template amount is null until the care team sets it. */
    amountAsDirectedKey: TextKeySchema,
  }),
  followUps: z.strictObject({
    titleKey: TextKeySchema,
    introKey: TextKeySchema,
    visits: z.array(
      z.strictObject({
        /** Becomes `Appointment.reason`, e.g. "wound-check". */
        id: IdSchema,
        withWhom: AppointmentWithSchema,
        textKey: TextKeySchema,
        /** Suggested day after the procedure; the care team sets the real date. */
        suggestedOffsetDays: DayCountSchema,
      }),
    ),
    questions: z.strictObject({ introKey: TextKeySchema, suggested: z.array(TextItemSchema) }),
  }),
  activity: z.strictObject({
    titleKey: TextKeySchema,
    textKeys: z.array(TextKeySchema).min(1),
    /** The published range of days within which most donors go back to work or school. */
    returnToWork: z.strictObject({
      textKey: TextKeySchema,
      questionId: IdSchema,
      typicalDays: z.strictObject({ min: DayCountSchema, max: DayCountSchema }),
      source: SourceIdSchema,
    }),
  }),
  /** How the warning signs are shown, by reference to the triage sign ids. */
  warningSigns: z
    .array(
      z.strictObject({
        level: z.enum(['emergency', 'contact-provider']),
        titleKey: TextKeySchema,
        signIds: z.array(IdSchema).min(1),
      }),
    )
    .min(1),
  /** The text shown for each triage answer. */
  advice: z.strictObject({ emergency: TextKeySchema, 'contact-provider': TextKeySchema, 'self-care': TextKeySchema }),
  settings: z.strictObject({
    /** At or above this temperature a check-in is at least "call your care team today". */
    feverThreshold: z.strictObject({ value: z.number(), unit: z.enum(['C', 'F']) }),
    /** Pain at or above this score (0-10) prompts the patient to take pain medicine before it gets severe. */
    painPromptThreshold: z.number().int().min(0).max(10),
    /** A check-in is expected once in each window of this many hours. */
    checkInWindowHours: z.number().int().min(1).max(168),
    /** After a window closes without a check-in, wait this long before showing the care team a missed check-in. */
    missedCheckInGraceHours: z.number().int().min(0).max(72),
    /** Local hours when no reminder is sent (start may be after end: the window crosses midnight). */
    quietHours: z.strictObject({ start: LocalTimeSchema, end: LocalTimeSchema }),
  }),
  /** "What is normal now", by day since the procedure (day 0). Phases are contiguous; the last has no end. */
  today: z.strictObject({
    normal: z
      .array(
        z.strictObject({
          id: IdSchema,
          fromDay: DayCountSchema,
          toDay: DayCountSchema.nullable(),
          textKey: TextKeySchema,
        }),
      )
      .min(1),
  }),
  /** Published recovery figures, as data for the recovery view. */
  recovery: z.strictObject({
    titleKey: TextKeySchema,
    introKey: TextKeySchema,
    sources: z.array(z.strictObject({ id: SourceIdSchema, name: z.string().min(1) })).min(1),
    symptoms: z.strictObject({
      source: SourceIdSchema,
      day: DayCountSchema,
      titleKey: TextKeySchema,
      items: z.array(z.strictObject({ id: IdSchema, percent: PercentSchema, labelKey: TextKeySchema })).min(1),
    }),
    fullRecovery: z.strictObject({
      source: SourceIdSchema,
      titleKey: TextKeySchema,
      medianDays: DayCountSchema,
      medianKey: TextKeySchema,
      shares: z.array(z.strictObject({ day: DayCountSchema, percent: PercentSchema })).min(1),
    }),
    contactPoints: z.strictObject({
      source: SourceIdSchema,
      days: z.array(DayCountSchema).min(1),
      textKey: TextKeySchema,
    }),
  }),
});
export type PlanDefinition = z.infer<typeof PlanDefinitionSchema>;

const TextMapSchema = z.record(TextKeySchema, z.string().trim().min(1, 'texts may not be empty'));

export const PlanTextsSchema = z.strictObject({ en: TextMapSchema, es: TextMapSchema });
export type PlanTexts = z.infer<typeof PlanTextsSchema>;

/** A whole care plan: plan.json, its triage rules, and its texts in every language. */
export const CarePlanSchema = PlanDefinitionSchema.extend({
  triage: TriageRulesSchema,
  texts: PlanTextsSchema,
});
export type CarePlan = z.infer<typeof CarePlanSchema>;

/**
 * Checks `value` against the schema and the whole-plan rules; returns the plan or throws
 * `AftercareError('CARE_ERR_BAD_PLAN')` with one issue per problem.
 *
 * @example
 * const plan = parseCarePlan({ ...planJson, triage: triageJson, texts: { en, es } });
 */
export function parseCarePlan(value: unknown): CarePlan {
  const parsed = CarePlanSchema.safeParse(value);
  const issues: FieldIssue[] = parsed.success
    ? carePlanIssues(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  if (!parsed.success || issues.length > 0) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    throw new AftercareError('CARE_ERR_BAD_PLAN', `The care plan is not valid (${count}).`, issues);
  }
  return parsed.data;
}

/** The problems a plan of the right shape may still have; empty when it is sound. */
export function carePlanIssues(plan: CarePlan): FieldIssue[] {
  return [
    ...textIssues(plan),
    ...signIssues(plan),
    ...medicineIssues(plan),
    ...phaseIssues(plan),
    ...recoveryIssues(plan),
    ...settingsIssues(plan),
    ...uniqueIds(plan.followUps.visits, 'followUps.visits'),
    ...uniqueIds(plan.followUps.questions.suggested, 'followUps.questions.suggested'),
    ...uniqueIds(plan.medicines.rules, 'medicines.rules'),
  ];
}

/** Every text key the plan refers to (key → where): each `…Key`/`…Keys` field, the advice texts and the sign labels. */
export function referencedTextKeys(plan: CarePlan): Map<string, string> {
  const found = new Map<string, string>();
  const { triage: _triage, texts: _texts, ...definition } = plan;
  collectKeys(definition, [], found);
  for (const disposition of DISPOSITIONS) {
    found.set(plan.advice[disposition], `advice.${disposition}`);
  }
  for (const [index, sign] of plan.triage.signs.entries()) {
    found.set(signLabelKey(sign.id), `triage.signs[${index}]`);
  }
  return found;
}

/** The key of the short checkbox label of a sign. */
export function signLabelKey(signId: string): string {
  return `signs.${signId}.label`;
}

/** The key of the optional longer help text of a sign. */
export function signHelpKey(signId: string): string {
  return `signs.${signId}.help`;
}

function collectKeys(value: unknown, path: (string | number)[], found: Map<string, string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collectKeys(item, [...path, index], found);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  for (const [name, child] of Object.entries(value)) {
    const childPath = [...path, name];
    if (name.endsWith('Key') && typeof child === 'string') {
      found.set(child, formatPath(childPath));
    } else if (name.endsWith('Keys') && Array.isArray(child)) {
      child.forEach((key, index) => {
        if (typeof key === 'string') {
          found.set(key, formatPath([...childPath, index]));
        }
      });
    } else {
      collectKeys(child, childPath, found);
    }
  }
}

function textIssues(plan: CarePlan): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const referenced = referencedTextKeys(plan);
  const signIds = new Set(plan.triage.signs.map((sign) => sign.id));
  for (const [key, where] of referenced) {
    for (const language of PLAN_LANGUAGES) {
      if (plan.texts[language][key] === undefined) {
        issues.push({ path: textPath(language, key), message: `missing: ${where} refers to text "${key}"` });
      }
    }
  }
  const allKeys = new Set([...Object.keys(plan.texts.en), ...Object.keys(plan.texts.es)]);
  for (const key of allKeys) {
    for (const language of PLAN_LANGUAGES) {
      if (plan.texts[language][key] === undefined && !referenced.has(key)) {
        issues.push({ path: textPath(language, key), message: `missing: every language must have the same keys` });
      }
    }
    const helpOf = /^signs\.(.+)\.help$/.exec(key)?.[1];
    const isSignHelp = helpOf !== undefined && signIds.has(helpOf);
    const holder = plan.texts.en[key] === undefined ? 'es' : 'en';
    if (!referenced.has(key) && !isSignHelp) {
      issues.push({ path: textPath(holder, key), message: 'not used: nothing in the plan refers to this text' });
    }
    // A key that is also the start of another key breaks nested lookups (i18n libraries nest on ".").
    for (const other of allKeys) {
      if (other.startsWith(`${key}.`)) {
        issues.push({ path: textPath(holder, key), message: `"${key}" is both a text and the start of "${other}"` });
      }
    }
    const [en, es] = [plan.texts.en[key], plan.texts.es[key]];
    if (en !== undefined && es !== undefined && placeholders(en) !== placeholders(es)) {
      const describe = (text: string): string => placeholders(text) || 'none';
      issues.push({
        path: textPath('es', key),
        message: `placeholders differ: ${describe(en)} in English, ${describe(es)} here`,
      });
    }
  }
  return issues;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{([a-zA-Z]+)\}/g)]
    .map((match) => match[0])
    .sort()
    .join(' ');
}

function signIssues(plan: CarePlan): FieldIssue[] {
  const issues: FieldIssue[] = uniqueIds(plan.triage.signs, 'triage.signs');
  const levelOf = new Map(plan.triage.signs.map((sign) => [sign.id, sign.level]));
  const shown = new Set<string>();
  plan.warningSigns.forEach((group, groupIndex) => {
    group.signIds.forEach((id, index) => {
      const path = `warningSigns[${groupIndex}].signIds[${index}]`;
      const level = levelOf.get(id);
      if (level === undefined) {
        issues.push({ path, message: `"${id}" is not a sign of the triage rules` });
      } else if (level !== group.level) {
        issues.push({ path, message: `"${id}" is a ${level} sign, shown under ${group.level}` });
      }
      if (shown.has(id)) {
        issues.push({ path, message: `"${id}" is shown twice` });
      }
      shown.add(id);
    });
  });
  plan.triage.signs.forEach((sign, index) => {
    if (!shown.has(sign.id)) {
      issues.push({ path: `triage.signs[${index}]`, message: `"${sign.id}" is not shown in any warningSigns group` });
    }
  });
  return issues;
}

function medicineIssues(plan: CarePlan): FieldIssue[] {
  const issues = uniqueIds(plan.medicines.templates, 'medicines.templates');
  plan.medicines.templates.forEach((template, index) => {
    issues.push(...medicineTimingIssues(template.timing, `medicines.templates[${index}].timing`));
  });
  const kinds = plan.medicines.kinds.map((entry) => entry.kind);
  for (const kind of MedicineKindSchema.options) {
    if (!kinds.includes(kind)) {
      issues.push({ path: 'medicines.kinds', message: `no label for the kind "${kind}"` });
    }
  }
  return issues;
}

function phaseIssues(plan: CarePlan): FieldIssue[] {
  const issues: FieldIssue[] = uniqueIds(plan.today.normal, 'today.normal');
  let nextDay = 0;
  plan.today.normal.forEach((phase, index) => {
    const path = `today.normal[${index}]`;
    if (phase.fromDay !== nextDay) {
      issues.push({
        path: `${path}.fromDay`,
        message: `expected day ${nextDay}: phases start at day 0 with no gap or overlap`,
      });
    }
    const isLast = index === plan.today.normal.length - 1;
    if (phase.toDay === null) {
      if (!isLast) {
        issues.push({ path: `${path}.toDay`, message: 'only the last phase may have no end' });
      }
      nextDay = Number.POSITIVE_INFINITY;
      return;
    }
    if (phase.toDay < phase.fromDay) {
      issues.push({ path: `${path}.toDay`, message: 'ends before it starts' });
    }
    if (isLast) {
      issues.push({
        path: `${path}.toDay`,
        message: 'the last phase must have no end (null), so every day has a phase',
      });
    }
    nextDay = phase.toDay + 1;
  });
  return issues;
}

function recoveryIssues(plan: CarePlan): FieldIssue[] {
  const { recovery } = plan;
  const issues: FieldIssue[] = uniqueIds(recovery.symptoms.items, 'recovery.symptoms.items');
  const sources = new Set(recovery.sources.map((source) => source.id));
  const cited: [string, string][] = [
    ['recovery.symptoms.source', recovery.symptoms.source],
    ['recovery.fullRecovery.source', recovery.fullRecovery.source],
    ['recovery.contactPoints.source', recovery.contactPoints.source],
    ['activity.returnToWork.source', plan.activity.returnToWork.source],
  ];
  for (const [path, source] of cited) {
    if (!sources.has(source)) {
      issues.push({ path, message: `"${source}" is not one of recovery.sources` });
    }
  }
  recovery.fullRecovery.shares.forEach((share, index) => {
    const previous = recovery.fullRecovery.shares[index - 1];
    if (previous !== undefined && (share.day <= previous.day || share.percent < previous.percent)) {
      issues.push({
        path: `recovery.fullRecovery.shares[${index}]`,
        message: 'shares go by increasing day and never drop',
      });
    }
  });
  recovery.contactPoints.days.forEach((day, index) => {
    const previous = recovery.contactPoints.days[index - 1];
    if (previous !== undefined && day <= previous) {
      issues.push({ path: `recovery.contactPoints.days[${index}]`, message: 'days go in increasing order' });
    }
  });
  const { min, max } = plan.activity.returnToWork.typicalDays;
  if (min > max) {
    issues.push({ path: 'activity.returnToWork.typicalDays', message: 'min is more than max' });
  }
  const questionIds = plan.followUps.questions.suggested.map((question) => question.id);
  if (!questionIds.includes(plan.activity.returnToWork.questionId)) {
    issues.push({ path: 'activity.returnToWork.questionId', message: 'not one of followUps.questions.suggested' });
  }
  return issues;
}

function settingsIssues(plan: CarePlan): FieldIssue[] {
  const { value, unit } = plan.settings.feverThreshold;
  const celsius = unit === 'C' ? value : ((value - 32) * 5) / 9;
  // Outside this range the threshold would either flag every healthy person or miss real fevers.
  if (!(celsius >= 37.0 && celsius <= 40.0)) {
    return [
      {
        path: 'settings.feverThreshold.value',
        message: 'a fever threshold is between 37.0 °C (98.6 °F) and 40.0 °C (104 °F)',
      },
    ];
  }
  return [];
}

function uniqueIds(items: readonly { id: string }[], path: string): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) {
      issues.push({ path: `${path}[${index}].id`, message: `duplicate id "${item.id}"` });
    }
    seen.add(item.id);
  });
  return issues;
}

function textPath(language: string, key: string): string {
  return `texts.${language}["${key}"]`;
}

/** ["medicines", "templates", 0, "timing"] → "medicines.templates[0].timing". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const name = String(segment);
      out += /^[A-Za-z_$][\w$-]*$/.test(name) ? (out === '' ? name : `.${name}`) : `["${name}"]`;
    }
  }
  return out;
}
