/** A medicine's timing as a FHIR Dosage and back: fixed times, every N hours, and as needed with a daily limit. */
import type * as fhir from '@medplum/fhirtypes';
import { medicineTimingIssues, MedicineTimingSchema, type MedicineTiming } from '../plan/timing.ts';
import { SYSTEMS } from './codes.ts';
import type { ReadDosage, ReadQuantity } from './read-schemas.ts';

type Language = 'en' | 'es';

/** The dosage of one medicine: the amount as given, the timing, and for as-needed medicines the daily limit. */
export function toFhirDosage(
  medicine: { amount: string; timing: MedicineTiming; startDate: string; endDate: string | null },
  language: Language,
): fhir.Dosage {
  const { timing } = medicine;
  const bounds: fhir.Period = {
    start: medicine.startDate,
    ...(medicine.endDate === null ? {} : { end: medicine.endDate }),
  };
  const dosage: fhir.Dosage = { text: medicine.amount, patientInstruction: describeTiming(timing, language) };
  const quantity = doseQuantity(medicine.amount);
  if (quantity !== undefined) {
    dosage.doseAndRate = [{ doseQuantity: quantity }];
  }
  switch (timing.type) {
    case 'fixed-times':
      dosage.timing = {
        repeat: {
          boundsPeriod: bounds,
          frequency: timing.times.length,
          period: 1,
          periodUnit: 'd',
          timeOfDay: timing.times.map((time) => `${time}:00`),
        },
      };
      return dosage;
    case 'every-hours':
      dosage.timing = { repeat: { boundsPeriod: bounds, frequency: 1, period: timing.hours, periodUnit: 'h' } };
      return dosage;
    case 'as-needed':
      dosage.timing = {
        repeat: { boundsPeriod: bounds, frequency: 1, period: timing.minIntervalHours, periodUnit: 'h' },
      };
      dosage.asNeededBoolean = true;
      dosage.maxDosePerPeriod = {
        numerator: { value: timing.maxPerDay },
        denominator: { value: 1, unit: 'day', system: SYSTEMS.ucum, code: 'd' },
      };
      return dosage;
  }
}

/** "2 tablets" → { value: 2, unit: "tablets" }; anything less plain stays text only. */
function doseQuantity(amount: string): fhir.Quantity | undefined {
  const match = /^(\d{1,6}(?:\.\d{1,4})?) ([A-Za-z][A-Za-z ]{0,40})$/.exec(amount.trim());
  return match?.[1] !== undefined && match[2] !== undefined ? { value: Number(match[1]), unit: match[2] } : undefined;
}

/** When to take it, in the patient's language (our own plain words). */
export function describeTiming(timing: MedicineTiming, language: Language): string {
  const es = language === 'es';
  switch (timing.type) {
    case 'fixed-times': {
      const times = listOf(timing.times, es ? 'y' : 'and');
      return es ? `A las ${times}, cada día` : `At ${times}, each day`;
    }
    case 'every-hours':
      return es ? `Cada ${timing.hours} horas` : `Every ${timing.hours} hours`;
    case 'as-needed':
      return es
        ? `Cuando lo necesite: deje al menos ${timing.minIntervalHours} horas entre tomas, y no más de ${timing.maxPerDay} al día`
        : `When you need it: wait at least ${timing.minIntervalHours} hours between doses, and take no more than ${timing.maxPerDay} a day`;
  }
}

function listOf(items: readonly string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
}

/** What an import made of a dosage: a timing Aftercare can keep, or why not (with the FHIR path of the cause). */
export type DosageReading =
  | { ok: true; timing: MedicineTiming; amount: string | null; start: string | null; end: string | null }
  | { ok: false; path: string; reason: string };

const HOURS_PER_UNIT: Partial<Record<string, number>> = { s: 1 / 3600, min: 1 / 60, h: 1, d: 24, wk: 168 };

/** Reads the dosage instructions of an imported medicine (already checked against the FHIR shapes). */
export function readDosage(dosages: readonly ReadDosage[] | undefined, path: string): DosageReading {
  const skip = (where: string, reason: string): DosageReading => ({ ok: false, path: where, reason });
  const dosage = dosages?.[0];
  if (dosages === undefined || dosage === undefined) {
    return skip(path, 'no dosage: add when to take it by hand');
  }
  if (dosages.length > 1) {
    return skip(path, 'several dosage instructions (a dose that changes over time): add it by hand');
  }
  const at = `${path}[0]`;
  const repeat = dosage.timing?.repeat;
  const timingPath = `${at}.timing.repeat`;
  const asNeeded = dosage.asNeededBoolean === true || dosage.asNeededCodeableConcept !== undefined;
  const amount = readAmount(dosage);
  const start = repeat?.boundsPeriod?.start?.slice(0, 10) ?? null;
  let end = repeat?.boundsPeriod?.end?.slice(0, 10) ?? null;
  if (end === null && start !== null && repeat?.boundsDuration !== undefined) {
    const days = quantityInDays(repeat.boundsDuration);
    end = days === undefined || days < 1 ? null : addDays(start, Math.round(days) - 1);
  }
  if (repeat === undefined) {
    return skip(
      `${at}.timing`,
      dosage.timing?.code === undefined
        ? 'no timing: add when to take it by hand'
        : 'timing given only as a code: add when to take it by hand',
    );
  }
  if (repeat.dayOfWeek !== undefined) {
    return skip(`${timingPath}.dayOfWeek`, 'doses on some days of the week only: add it by hand');
  }
  if (repeat.when !== undefined) {
    return skip(`${timingPath}.when`, 'doses tied to events such as meals or bedtime: add the times by hand');
  }
  let timing: MedicineTiming;
  if (repeat.timeOfDay !== undefined) {
    if (asNeeded) {
      return skip(`${timingPath}.timeOfDay`, 'as needed and at fixed times at once: add it by hand');
    }
    timing = { type: 'fixed-times', times: repeat.timeOfDay.map((time) => time.slice(0, 5)) };
  } else {
    const unitHours = repeat.periodUnit === undefined ? undefined : HOURS_PER_UNIT[repeat.periodUnit];
    if (repeat.period !== undefined && unitHours === undefined) {
      return skip(`${timingPath}.periodUnit`, 'doses months or years apart are outside what Aftercare schedules');
    }
    const periodHours = repeat.period === undefined || unitHours === undefined ? undefined : repeat.period * unitHours;
    if (asNeeded) {
      // "1 to 2 every 4 to 6 hours": the shortest allowed gap is the period over the highest frequency.
      const interval =
        periodHours === undefined ? undefined : periodHours / (repeat.frequencyMax ?? repeat.frequency ?? 1);
      const perDay = maxPerDay(dosage);
      if (interval === undefined && perDay === undefined) {
        return skip(at, 'as needed, without a time between doses or a daily limit: add it by hand');
      }
      const minIntervalHours = round(interval ?? 24 / (perDay ?? 1));
      timing = {
        type: 'as-needed',
        minIntervalHours,
        maxPerDay: perDay ?? Math.max(1, Math.floor(24 / minIntervalHours)),
      };
    } else {
      if (periodHours === undefined) {
        return skip(timingPath, 'no period or times of day: add when to take it by hand');
      }
      if (repeat.frequencyMax !== undefined || repeat.periodMax !== undefined) {
        return skip(timingPath, 'a range of times a day for a scheduled medicine: add it by hand');
      }
      timing = { type: 'every-hours', hours: round(periodHours / (repeat.frequency ?? 1)) };
    }
  }
  const parsed = MedicineTimingSchema.safeParse(timing);
  const problems = parsed.success
    ? medicineTimingIssues(parsed.data)
    : parsed.error.issues.map((issue) => issue.message);
  if (!parsed.success || problems.length > 0) {
    const said = problems.map((problem) => (typeof problem === 'string' ? problem : problem.message)).join('; ');
    return skip(timingPath, `Aftercare cannot keep this timing (${said})`);
  }
  return { ok: true, timing: parsed.data, amount, start, end };
}

function readAmount(dosage: ReadDosage): string | null {
  if (dosage.text !== undefined && dosage.text.trim() !== '' && dosage.text.length <= 200) {
    return dosage.text.trim();
  }
  const dose = dosage.doseAndRate?.[0];
  if (dose?.doseQuantity?.value !== undefined) {
    return quantityText(dose.doseQuantity);
  }
  const { low, high } = dose?.doseRange ?? {};
  if (low?.value !== undefined && high?.value !== undefined) {
    return `${low.value} to ${quantityText(high)}`;
  }
  return null;
}

function quantityText(quantity: ReadQuantity): string {
  return `${quantity.value ?? ''} ${quantity.unit ?? quantity.code ?? ''}`.trim();
}

const DAY_WORDS: Partial<Record<string, number>> = {
  d: 1,
  day: 1,
  days: 1,
  h: 1 / 24,
  hour: 1 / 24,
  hours: 1 / 24,
  wk: 7,
  week: 7,
  weeks: 7,
};

function quantityInDays(quantity: ReadQuantity): number | undefined {
  const perUnit = DAY_WORDS[quantity.code ?? quantity.unit ?? 'd'];
  return quantity.value === undefined || perUnit === undefined ? undefined : quantity.value * perUnit;
}

/** The most doses a day from maxDosePerPeriod, when its period is given in time units. */
function maxPerDay(dosage: ReadDosage): number | undefined {
  const { numerator, denominator } = dosage.maxDosePerPeriod ?? {};
  const days = denominator === undefined ? undefined : quantityInDays(denominator);
  if (numerator?.value === undefined || days === undefined || days <= 0) {
    return undefined;
  }
  const perDay = Math.floor(numerator.value / days);
  return perDay >= 1 ? perDay : undefined;
}

function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}

/** "2026-11-19" + 6 → "2026-11-25" (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}
