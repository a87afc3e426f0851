import { describe, expect, it } from 'vitest';
import { checkInFromForm } from './check-in-form.ts';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) {
    data.append(name, value);
  }
  return data;
}

describe('checkInFromForm', () => {
  it('leaves out everything not answered', () => {
    expect(
      checkInFromForm(
        form([
          ['text', '   '],
          ['temperature', ''],
          ['unit', 'C'],
        ]),
        'en',
      ),
    ).toEqual({ language: 'en' });
  });

  it('reads signs, pain with the medicine box, temperature with its unit, and the text', () => {
    const checkIn = checkInFromForm(
      form([
        ['signs', 'fever'],
        ['signs', 'chills'],
        ['pain', '7'],
        ['painMedicine', 'yes'],
        ['temperature', ' 101.2 '],
        ['unit', 'F'],
        ['text', ' me duele la cadera '],
      ]),
      'es',
    );
    expect(checkIn).toEqual({
      language: 'es',
      signs: ['fever', 'chills'],
      pain: { score: 7, medicineTaken: true },
      temperature: { value: 101.2, unit: 'F' },
      text: 'me duele la cadera',
    });
  });

  it('accepts a decimal comma and ignores a temperature that is not a number', () => {
    expect(
      checkInFromForm(
        form([
          ['temperature', '38,6'],
          ['unit', 'C'],
        ]),
        'es',
      ).temperature,
    ).toEqual({
      value: 38.6,
      unit: 'C',
    });
    expect(checkInFromForm(form([['temperature', 'hot']]), 'en').temperature).toBeUndefined();
  });

  it('records pain 0 with no medicine', () => {
    expect(checkInFromForm(form([['pain', '0']]), 'en').pain).toEqual({ score: 0, medicineTaken: false });
  });
});
