import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Allergy, Medication } from '../api/types.ts';
import { LANGUAGES, loadWords, translate } from '../i18n/index.ts';
import type { Language, MessageKey } from '../i18n/index.ts';
import { carryList, currentMedicines, type CarryInput } from './carry-list.ts';
import { A4, CARD_HEIGHT, CARD_WIDTH, carryPdf, drawable, LETTER, paperFor } from './carry-pdf.ts';
import { readPdf } from './testing/pdf-text.ts';

const NOW = new Date('2026-11-25T15:00:00.000Z');

function medicine(overrides: Partial<Medication>): Medication {
  return {
    id: overrides.name ?? 'm',
    version: 1,
    name: 'Paracetamol',
    kind: 'over-the-counter',
    amount: '500 mg',
    timing: { type: 'as-needed', minIntervalHours: 6, maxPerDay: 4 },
    reason: 'dolor en la cadera',
    startDate: '2026-11-19',
    endDate: null,
    stoppedAt: null,
    effectiveFrom: '2026-11-19T12:00:00.000Z',
    planItem: null,
    ...overrides,
  };
}

const allergy = (substance: string, reaction: string): Allergy =>
  ({ id: substance, substance, reaction, createdAt: '2026-11-19T12:00:00.000Z' }) as Allergy;

function input(overrides: Partial<CarryInput> = {}): CarryInput {
  return {
    patient: {
      id: 'p',
      name: 'Renée Núñez',
      procedureDate: '2026-11-19',
      harvestSite: 'hip',
      marrowUse: 'donor',
      language: 'es',
      timeZone: 'America/Chicago',
      country: 'US',
      emergencyContact: 'Íñigo Peña, 555 0199',
    },
    medications: [
      medicine({}),
      medicine({
        name: 'Amoxicilina',
        kind: 'prescription',
        timing: { type: 'fixed-times', times: ['08:00', '20:00'] },
        reason: 'infección (¿fiebre? ¡llame!)',
        endDate: '2026-11-29',
      }),
      medicine({ name: 'Hierro con ácido fólico', kind: 'vitamin', amount: '1 pastilla', reason: 'glóbulos rojos' }),
      medicine({ name: 'Old stopped pill', stoppedAt: '2026-11-20T12:00:00.000Z' }),
      medicine({ name: 'Finished course', endDate: '2026-11-22' }),
    ],
    allergies: [allergy('Penicilina', 'ronchas y picazón'), allergy('Látex', '')],
    careTeam: { name: 'Clínica Norte', phone: '+1 555 010 0100' },
    ...overrides,
  };
}

const t = (language: Language) => (key: MessageKey, values?: Record<string, string | number>) =>
  translate(language, key, values);

async function pdfOf(language: Language, data = input(), paper = paperFor(data.patient.country)) {
  const list = carryList(data, t(language), language, NOW);
  return readPdf(await carryPdf(list, { paper, language, now: NOW }));
}

// The app loads the words beyond the sign-in page's on demand; these tests use them.
beforeAll(async () => {
  await Promise.all(LANGUAGES.map(loadWords));
});

describe('the list to carry as a PDF', () => {
  it('has the allergies first, the current medicines, the care team and the emergency number, with Spanish accents intact', async () => {
    const pages = await pdfOf('es');
    const list = pages[0]?.text ?? '';
    expect(list).toContain('Mis medicinas');
    expect(list).toContain('Nombre: Renée Núñez');
    expect(list).toContain('Emergencia: llame al 911');
    expect(list).toContain('Penicilina: ronchas y picazón');
    expect(list).toContain('Látex');
    expect(list.indexOf('Alergias')).toBeLessThan(list.indexOf('Medicinas que tomo'));
    for (const name of ['Amoxicilina', 'Paracetamol', 'Hierro con ácido fólico']) {
      expect(list).toContain(name);
    }
    expect(list).toContain('infección');
    expect(list).toContain('08:00, 20:00');
    expect(list).not.toContain('Old stopped pill');
    expect(list).not.toContain('Finished course');
    expect(list).toContain('Clínica Norte');
    expect(list).toContain('Teléfono: +1 555 010 0100');
    expect(list).toContain('Íñigo Peña, 555 0199');
    expect(list).toContain('(¿fiebre?');
    expect(list).toContain('¡llame!)');
  });

  it('is in English for an English speaker, on A4 outside the Americas', async () => {
    const data = input();
    const pages = await pdfOf('en', { ...data, patient: { ...data.patient, country: 'GB', language: 'en' } });
    expect(pages[0]).toMatchObject({ width: A4[0], height: A4[1] });
    expect(pages[0]?.text).toContain('Medicines I take');
    expect(pages[0]?.text).toContain('Emergency: call 999');
    expect(pages[0]?.text).toContain('Allergies');
  });

  it('prints the wallet card on its own page at exactly 85.6 × 54 mm per side, front and back side by side', async () => {
    const pages = await pdfOf('es');
    expect(pages[0]).toMatchObject({ width: LETTER[0], height: LETTER[1] });
    const card = pages.at(-1);
    expect(card?.width).toBeCloseTo(2 * 242.65, 1);
    expect(card?.height).toBeCloseTo(153.07, 1);
    expect(CARD_WIDTH).toBeCloseTo(242.65, 2);
    expect(CARD_HEIGHT).toBeCloseTo(153.07, 2);
    expect(card?.text).toContain('Renée Núñez');
    expect(card?.text).toContain('Alergias: Penicilina, Látex');
    expect(card?.text).toContain('Emergencia: llame al 911');
    expect(card?.text).toContain('+1 555 010 0100');
    expect(card?.text).toContain('Amoxicilina 500 mg');
  });

  it('says how many medicines did not fit on the card, and runs the list over more pages with the header again', async () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      medicine({ name: `Medicina ${String(i + 10)}`, reason: 'una razón larga '.repeat(3) }),
    );
    const pages = await pdfOf('es', input({ medications: many }));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[1]?.text).toContain('Cantidad');
    expect(pages.at(-1)?.text).toMatch(/\+\d+ más en mi lista completa/);
    const all = pages.map((p) => p.text).join('\n');
    expect(all).toContain('Medicina 49');
  });

  it('works with no allergies, no medicines and no care-team phone', async () => {
    const pages = await pdfOf('en', input({ medications: [], allergies: [], careTeam: null }));
    expect(pages[0]?.text).toContain('No known allergies');
    expect(pages[0]?.text).toContain('No medicines on my list.');
    expect(pages[0]?.text).toContain('Ask your care team for their phone number.');
  });

  it('never fails on letters the PDF font lacks', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(drawable(font, 'áéíóúüñ¿¡ÁÉÍÓÚÑ')).toBe('áéíóúüñ¿¡ÁÉÍÓÚÑ');
    expect(drawable(font, 'Łódź ő 中 💊\nx')).toBe('?ódz o ? ? x');
    const pages = await pdfOf('en', input({ allergies: [allergy('Ibuprofen 💊', 'hives → 中')] }));
    expect(pages[0]?.text).toContain('Ibuprofen ?');
  });

  it('keeps only medicines not stopped and not past their end on the patient’s today', () => {
    const list = currentMedicines(input().medications, '2026-11-25').map((m) => m.name);
    expect(list).toEqual(['Amoxicilina', 'Hierro con ácido fólico', 'Paracetamol']);
  });
});
