/**
 * Reading a PDF that Chromium printed: the text of each page, with where it sits, by pdf.js (pdfjs-dist).
 *
 * Chinese text comes back readable, with one flaw that is Chromium's, not pdf.js's: the PDF maps each glyph to
 * one character, and where the font draws several characters with the same glyph it names the lowest code
 * point. So 行 comes back as the Kangxi radical ⾏, 长 as ⻓, 户 as the traditional 戶. `fold` undoes what
 * NFKC can (the Kangxi radicals) and turns the other radicals into '?'; `contains` lets a '?' stand for any
 * character and up to one Chinese character in four may differ (户 is common in these reports), never a digit,
 * a letter or a mark.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfItem {
  str: string;
  /** From the left edge, in points. */
  x: number;
  /** From the bottom edge, in points. */
  y: number;
}

export interface PdfPage {
  /** Width and height in points (A4: 595 × 842). */
  width: number;
  height: number;
  items: PdfItem[];
  /** All the page's text in drawing order, folded. */
  text: string;
}

export async function readPdf(data: Uint8Array): Promise<PdfPage[]> {
  const task = getDocument({ data: new Uint8Array(data) });
  const doc = await task.promise;
  const pages: PdfPage[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: PdfItem[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        items.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number });
      }
      pages.push({ width: x1 - x0, height: y1 - y0, items, text: fold(items.map((it) => it.str).join('')) });
    }
  } finally {
    await task.destroy();
  }
  return pages;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * NFKC (Kangxi radicals → ideographs, full-width → ASCII), other radicals → '?', no white space, and no symbols
 * (a footnote's ↩ is drawn from whichever font has it, and may come back as another character or none).
 */
export function fold(s: string): string {
  return s.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, '?').replace(/[\s\p{S}\p{M}]+/gu, '');
}

/**
 * Does the folded text `hay` contain `needle` (folded here)? A '?' in the PDF's text matches anything; up to one
 * Chinese character in four may differ (a glyph shared with another code point); nothing else may differ.
 */
export function contains(hay: string, needle: string): boolean {
  const n = fold(needle);
  if (n.length === 0) return true;
  if (hay.includes(n)) return true;
  const allowed = Math.max(1, Math.floor(n.length / 4));
  outer: for (let i = 0; i + n.length <= hay.length; i++) {
    let differ = 0;
    for (let j = 0; j < n.length; j++) {
      const h = hay[i + j]!;
      const c = n[j]!;
      if (h === c || h === '?') continue;
      if (CJK.test(h) && CJK.test(c) && ++differ <= allowed) continue;
      continue outer;
    }
    return true;
  }
  return false;
}

/** Text drawn in the top or bottom `band` points of a page (its running head or foot), folded. */
export function band(page: PdfPage, where: 'top' | 'bottom', points = 70): string {
  const inBand = page.items.filter((it) => (where === 'top' ? it.y > page.height - points : it.y < points));
  return fold(inBand.map((it) => it.str).join(''));
}
