/**
 * The list to carry as a PDF made in the browser (pdf-lib, no server, so it works offline): the list on A4 or Letter
 * pages, then the wallet card on its own page at its exact size, front and back side by side with a fold line.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { CarryList, CarryMedicine } from './carry-list.ts';

const POINTS_PER_MM = 72 / 25.4;
/** ISO/IEC 7810 ID-1, the size of a bank card: 85.6 × 54 mm. */
export const CARD_WIDTH = 85.6 * POINTS_PER_MM;
export const CARD_HEIGHT = 54 * POINTS_PER_MM;
export const A4: [number, number] = [595.28, 841.89];
export const LETTER: [number, number] = [612, 792];
/** Countries that print on US Letter paper; everyone else uses A4. */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'DO', 'SV', 'PR', 'PA']);

const BLACK = rgb(0, 0, 0);
const MARGIN = 50;
const BODY = 10.5;
const LINE = 1.3;

export function paperFor(country: string): [number, number] {
  return LETTER_COUNTRIES.has(country.trim().toUpperCase()) ? LETTER : A4;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Text the font can draw. The standard fonts use WinAnsi, which has á é í ó ú ü ñ ¿ ¡ and the other Western
 * European letters; anything else loses its accent if that helps ("ő" → "o"), else becomes "?". Never throws.
 */
export function drawable(font: PDFFont, text: string): string {
  const known = characterSet(font);
  let out = '';
  for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
    const code = char.codePointAt(0) ?? 0;
    if (known.has(code)) {
      out += char;
      continue;
    }
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += Array.from(plain).every((c) => known.has(c.codePointAt(0) ?? 0)) && plain !== '' ? plain : '?';
  }
  return out;
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

function characterSet(font: PDFFont): Set<number> {
  let set = characterSets.get(font);
  if (set === undefined) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set;
}

/** Breaks text into lines no wider than `width`; a word too long for a line is cut. */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of drawable(font, text)
    .split(/ +/)
    .filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') {
      lines.push(line);
    }
    line = '';
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) {
        cut -= 1;
      }
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '') {
    lines.push(line);
  }
  return lines.length === 0 ? [''] : lines;
}

/** Writes top to bottom on list pages, starting a new page when the next block would not fit. */
class Writer {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly size: [number, number],
    readonly fonts: Fonts,
  ) {
    this.page = doc.addPage(size);
    this.y = size[1] - MARGIN;
  }

  get width(): number {
    return this.size[0] - 2 * MARGIN;
  }

  /** Makes room for `height` points, on a new page if needed; true when a page was started. */
  room(height: number): boolean {
    if (this.y - height >= MARGIN) {
      return false;
    }
    this.page = this.doc.addPage(this.size);
    this.y = this.size[1] - MARGIN;
    return true;
  }

  text(text: string, options: { size?: number; bold?: boolean; gapAfter?: number; indent?: number } = {}): void {
    const size = options.size ?? BODY;
    const font = options.bold === true ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(font, size, text, this.width - indent)) {
      this.room(size * LINE);
      this.y -= size;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: BLACK });
      this.y -= size * (LINE - 1);
    }
    this.y -= options.gapAfter ?? 0;
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + this.width, y: this.y },
      thickness: 0.75,
      color: BLACK,
    });
    this.y -= 4;
  }
}

const COLUMNS: readonly (keyof CarryMedicine)[] = ['name', 'amount', 'when', 'why', 'dates'];
const COLUMN_SHARES = [0.22, 0.13, 0.27, 0.2, 0.18];
const CELL_GAP = 6;

/** One row of the medicine table; `header` is repeated at the top of a continuation page. */
function tableRow(writer: Writer, row: CarryMedicine, header: CarryMedicine | null): void {
  const bold = header === null;
  const font = bold ? writer.fonts.bold : writer.fonts.regular;
  const size = BODY - 0.5;
  const widths = COLUMN_SHARES.map((share) => share * writer.width - CELL_GAP);
  const cells = COLUMNS.map((column, index) => wrap(font, size, row[column], widths[index] ?? 50));
  const lines = Math.max(...cells.map((cell) => cell.length));
  const height = lines * size * LINE + 6;
  if (writer.room(height) && header !== null) {
    // A new page repeats the header, so every page can be read on its own.
    tableRow(writer, header, null);
  }
  let x = MARGIN;
  cells.forEach((cell, index) => {
    cell.forEach((line, lineIndex) => {
      writer.page.drawText(line, { x, y: writer.y - size - lineIndex * size * LINE, size, font, color: BLACK });
    });
    x += (widths[index] ?? 0) + CELL_GAP;
  });
  writer.y -= height - 2;
  writer.rule();
}

function listPages(writer: Writer, list: CarryList): void {
  writer.text(list.title, { size: 20, bold: true, gapAfter: 4 });
  writer.text(list.patientLine, { size: 12, bold: true });
  writer.text(list.printedLine, { gapAfter: 10 });
  writer.text(list.emergencyLine, { size: 14, bold: true, gapAfter: 12 });

  writer.text(list.allergiesTitle, { size: 14, bold: true, gapAfter: 2 });
  if (list.allergies.length === 0) {
    writer.text(list.noAllergies, { gapAfter: 10 });
  } else {
    for (const allergy of list.allergies) {
      writer.text(`- ${allergy}`, { bold: true, indent: 6 });
    }
    writer.y -= 10;
  }

  writer.text(list.medicinesTitle, { size: 14, bold: true, gapAfter: 4 });
  if (list.medicines.length === 0) {
    writer.text(list.noMedicines, { gapAfter: 10 });
  } else {
    tableRow(writer, list.columns, null);
    for (const medicine of list.medicines) {
      tableRow(writer, medicine, list.columns);
    }
    writer.y -= 10;
  }

  writer.room(80);
  writer.text(list.careTeamTitle, { size: 14, bold: true, gapAfter: 2 });
  if (list.careTeamName !== null) {
    writer.text(list.careTeamName);
  }
  writer.text(list.careTeamPhone, { bold: true, gapAfter: 10 });
  writer.text(list.emergencyContactTitle, { size: 14, bold: true, gapAfter: 2 });
  writer.text(list.emergencyContact);
}

/** Draws lines from the top of a box, cutting what does not fit; returns the y below the last line. */
function drawLines(
  page: PDFPage,
  lines: readonly string[],
  options: { x: number; y: number; size: number; font: PDFFont; bottom: number },
): number {
  let y = options.y;
  for (const line of lines) {
    if (y - options.size < options.bottom) {
      break;
    }
    y -= options.size;
    page.drawText(line, { x: options.x, y, size: options.size, font: options.font, color: BLACK });
    y -= options.size * 0.25;
  }
  return y;
}

function cardPage(doc: PDFDocument, fonts: Fonts, list: CarryList): void {
  const page = doc.addPage([2 * CARD_WIDTH, CARD_HEIGHT]);
  const pad = 9;
  const inner = CARD_WIDTH - 2 * pad;
  // Cut line around both sides, fold line between them.
  page.drawRectangle({
    x: 0.25,
    y: 0.25,
    width: 2 * CARD_WIDTH - 0.5,
    height: CARD_HEIGHT - 0.5,
    borderColor: BLACK,
    borderWidth: 0.5,
  });
  page.drawLine({
    start: { x: CARD_WIDTH, y: 0 },
    end: { x: CARD_WIDTH, y: CARD_HEIGHT },
    thickness: 0.5,
    color: BLACK,
    dashArray: [3, 3],
  });

  const card = list.card;
  const bottom = pad;
  // Front: who, allergies, emergency number, care team.
  let y = CARD_HEIGHT - pad;
  const front = (text: string, size: number, bold: boolean, maxLines: number): void => {
    const font = bold ? fonts.bold : fonts.regular;
    y = drawLines(page, wrap(font, size, text, inner).slice(0, maxLines), { x: pad, y, size, font, bottom });
  };
  front(card.title, 7, false, 1);
  front(card.name, 11, true, 2);
  y -= 2;
  front(card.allergiesLine, 8.5, true, 3);
  y -= 2;
  front(card.emergencyLine, 9.5, true, 1);
  front(card.careTeamLine, 8, false, 2);

  // Back: the medicines, as many as fit, then how many more are on the full list.
  const left = CARD_WIDTH + pad;
  y = drawLines(page, [drawable(fonts.bold, card.medicinesTitle)], {
    x: left,
    y: CARD_HEIGHT - pad,
    size: 8.5,
    font: fonts.bold,
    bottom,
  });
  const size = 7;
  const step = size * 1.25;
  const moreHeight = step + 1;
  let shown = 0;
  for (const medicine of card.medicines) {
    const lines = wrap(fonts.regular, size, medicine, inner).slice(0, 2);
    const isLast = shown === card.medicines.length - 1;
    const needed = lines.length * step + (isLast ? 0 : moreHeight);
    if (y - needed < bottom) {
      break;
    }
    y = drawLines(page, lines, { x: left, y, size, font: fonts.regular, bottom });
    shown += 1;
  }
  const hidden = card.medicines.length - shown;
  if (hidden > 0) {
    drawLines(page, [drawable(fonts.bold, card.more(hidden))], { x: left, y, size, font: fonts.bold, bottom });
  }
}

/**
 * The PDF's bytes: the list on `paper` pages, then the wallet card page.
 * @example
 * const bytes = await carryPdf(carryList(input, t, 'es', new Date()), { paper: paperFor('US'), language: 'es' });
 */
export async function carryPdf(
  list: CarryList,
  options: { paper: [number, number]; language: string; now?: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const now = options.now ?? new Date();
  doc.setTitle(list.title);
  doc.setSubject(list.patientLine);
  doc.setLanguage(options.language);
  doc.setCreator('Aftercare');
  doc.setProducer('Aftercare');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  listPages(new Writer(doc, options.paper, fonts), list);
  cardPage(doc, fonts, list);
  return doc.save();
}
