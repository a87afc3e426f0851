/** The check-in form's fields read into the API's CheckIn shape. */
import type { CheckInInput } from '../api/types.ts';

/** Reads the check-in form into the API's CheckIn shape, leaving out what was not answered. */
export function checkInFromForm(data: FormData, language: CheckInInput['language']): CheckInInput {
  const checkIn: CheckInInput = { language };
  const signs = data.getAll('signs').filter((value): value is string => typeof value === 'string');
  if (signs.length > 0) {
    checkIn.signs = signs;
  }
  const text = data.get('text');
  if (typeof text === 'string' && text.trim() !== '') {
    checkIn.text = text.trim();
  }
  const pain = data.get('pain');
  if (typeof pain === 'string' && pain !== '') {
    checkIn.pain = { score: Number(pain), medicineTaken: data.get('painMedicine') === 'yes' };
  }
  const temperature = data.get('temperature');
  if (typeof temperature === 'string' && temperature.trim() !== '') {
    // People write "38,5" as often as "38.5".
    const value = Number(temperature.trim().replace(',', '.'));
    if (Number.isFinite(value)) {
      checkIn.temperature = { value, unit: data.get('unit') === 'F' ? 'F' : 'C' };
    }
  }
  return checkIn;
}
