/** For tests: a PDF read back as text, page by page, with a real PDF reader (pdf.js), plus each page's size. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPageText {
  width: number;
  height: number;
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPageText[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    // Errors only: reading text needs no font files, so pdf.js's warnings about them are noise here.
    verbosity: 0,
  }).promise;
  const pages: PdfPageText[] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
      .join('')
      .replace(/[ \t]+/g, ' ');
    pages.push({ width: x1 - x0, height: y1 - y0, text });
  }
  await pdf.destroy();
  return pages;
}
