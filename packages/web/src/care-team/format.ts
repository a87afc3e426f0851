/** Small formatting helpers of the care team's screens: times in the viewer's zone, hours since, readings. */

/** e.g. "Nov 25, 3:04 PM" in the viewer's language and zone. */
export function formatInstant(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** e.g. "3:04 PM". */
export function formatClock(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
}

/** Whole hours from `iso` to `now` (never negative). */
export function hoursSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 3_600_000));
}

/** A number for people: at most one decimal, in the viewer's language. */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** "38.2 °C" / "100.4 °F". */
export function formatTemperature(locale: string, value: number, unit: 'C' | 'F'): string {
  return `${formatNumber(locale, value)} °${unit}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a stored check-in said, read defensively (the payload is whatever the patient's app sent). */
export interface CheckInReading {
  text: string | null;
  language: string | null;
  pain: number | null;
  temperature: { value: number; unit: 'C' | 'F' } | null;
  signs: string[];
}

export function readCheckIn(payload: unknown): CheckInReading {
  const reading: CheckInReading = { text: null, language: null, pain: null, temperature: null, signs: [] };
  if (!isRecord(payload)) {
    return reading;
  }
  if (typeof payload.text === 'string' && payload.text.trim() !== '') {
    reading.text = payload.text;
  }
  if (typeof payload.language === 'string') {
    reading.language = payload.language;
  }
  if (isRecord(payload.pain) && typeof payload.pain.score === 'number') {
    reading.pain = payload.pain.score;
  }
  if (isRecord(payload.temperature) && typeof payload.temperature.value === 'number') {
    reading.temperature = { value: payload.temperature.value, unit: payload.temperature.unit === 'F' ? 'F' : 'C' };
  }
  if (Array.isArray(payload.signs)) {
    reading.signs = payload.signs.filter((sign): sign is string => typeof sign === 'string');
  }
  return reading;
}

export interface TriageReasonView {
  sign: string;
  level: string;
  evidence: string;
}

/** The reasons of a stored triage result. */
export function readReasons(triage: unknown): TriageReasonView[] {
  if (!isRecord(triage) || !Array.isArray(triage.reasons)) {
    return [];
  }
  return triage.reasons.flatMap((reason: unknown) =>
    isRecord(reason) && typeof reason.sign === 'string'
      ? [
          {
            sign: reason.sign,
            level: typeof reason.level === 'string' ? reason.level : '',
            evidence: typeof reason.evidence === 'string' ? reason.evidence : '',
          },
        ]
      : [],
  );
}

/** °C for charts, whatever unit the patient used. */
export function toCelsius(temperature: { value: number; unit: 'C' | 'F' }): number {
  const celsius = temperature.unit === 'F' ? ((temperature.value - 32) * 5) / 9 : temperature.value;
  return Math.round(celsius * 10) / 10;
}
