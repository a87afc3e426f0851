/** The local emergency number by country (ISO 3166-1 alpha-2); 112 where we do not know better, as it works in many places. */

// The EU and EEA countries (and Switzerland): 112 everywhere.
const EU_AND_EEA = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO CH'.split(
  ' ',
);

export const DEFAULT_EMERGENCY_NUMBER = '112';

const NUMBERS: ReadonlyMap<string, string> = new Map<string, string>([
  ['US', '911'],
  ['CA', '911'],
  ['MX', '911'],
  ['GB', '999'],
  ['AU', '000'],
  ['NZ', '111'],
  ...EU_AND_EEA.map((country): [string, string] => [country, '112']),
]);

/** e.g. `emergencyNumberFor('us')` → "911"; unknown or missing countries get 112. */
export function emergencyNumberFor(country: string | null | undefined): string {
  if (!country) {
    return DEFAULT_EMERGENCY_NUMBER;
  }
  return NUMBERS.get(country.trim().toUpperCase()) ?? DEFAULT_EMERGENCY_NUMBER;
}

/** The countries the table knows, for pickers. */
export const KNOWN_COUNTRIES: readonly string[] = [...NUMBERS.keys()].sort();

/** A country guessed from a browser language tag such as "es-MX" (null when the tag names no region). */
export function countryFromLanguageTag(tag: string | undefined): string | null {
  const region = tag?.split('-').find((part, index) => index > 0 && /^[A-Za-z]{2}$/.test(part));
  return region ? region.toUpperCase() : null;
}
