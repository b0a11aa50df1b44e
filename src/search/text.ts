/**
 * Exact search for Chinese. Pagefind segments Chinese into words by itself, and its guesses miss phrases
 * (a quoted 新能源 found none of the pages containing it) or match pages that only share a character.
 * So Pagefind is fed, next to nothing else, a token for every character and every pair of adjacent
 * characters; a query asks for all the pairs of the phrase, which gives every page that contains the phrase
 * (and a few that contain its pairs apart); each candidate is then confirmed by a plain substring test on
 * its normalised text. Recall comes from the pairs, precision from the substring test.
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
const WORD = /[a-z0-9]+(?:\.[0-9]+)*/g;

/**
 * The form both the page text and the query are compared in: full-width to half-width (NFKC), lower case,
 * no white space next to a Chinese character (PDF-pasted text has 该 行 党 委), single spaces elsewhere.
 */
export function normalizeForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ (?=[\u3400-\u9fff\uf900-\ufaff，。、；：！？“”（）])|(?<=[\u3400-\u9fff\uf900-\ufaff，。、；：！？“”（）]) /g, '')
    .trim();
}

/** Same as normalizeForSearch, with each output character's offset in the input, for highlighting. */
export function normalizeWithMap(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  const chars = [...s];
  let offset = 0;
  const cjkish = (c: string | undefined) => !!c && /[\u3400-\u9fff\uf900-\ufaff，。、；：！？“”（）]/.test(c);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const n = c.normalize('NFKC').toLowerCase();
    if (/\s/.test(n)) {
      // Collapse runs; drop the space entirely when either neighbour is Chinese.
      let j = i;
      while (j + 1 < chars.length && /\s/.test(chars[j + 1]!)) j++;
      const prev = text[text.length - 1];
      const next = chars[j + 1]?.normalize('NFKC');
      if (text && next && !cjkish(prev) && !cjkish(next)) {
        text += ' ';
        map.push(offset);
      }
      for (let k = i; k <= j; k++) offset += chars[k]!.length;
      i = j;
      continue;
    }
    for (const out of n) {
      text += out;
      map.push(offset);
    }
    offset += c.length;
  }
  return { text, map };
}

function code(c: string): string {
  return c.codePointAt(0)!.toString(36).padStart(4, '0');
}

/**
 * Index tokens for a text: `u`+char and `b`+pair for Chinese, plain words for Latin letters and digits.
 * Fixed width, so Pagefind's prefix matching of the last query word cannot widen a token.
 */
export function indexTokens(text: string): string[] {
  const t = normalizeForSearch(text);
  const out = new Set<string>();
  for (const run of t.match(CJK_RUN) ?? []) {
    const cs = [...run];
    cs.forEach((c, i) => {
      out.add(`u${code(c)}`);
      if (i + 1 < cs.length) out.add(`b${code(c)}${code(cs[i + 1]!)}`);
    });
  }
  for (const w of t.replace(CJK_RUN, ' ').match(WORD) ?? []) out.add(w);
  return [...out];
}

/** Tokens a query needs: every pair of each Chinese run (a lone character: the character), every word. */
export function queryTokens(query: string): string[] {
  const t = normalizeForSearch(query);
  const out = new Set<string>();
  for (const run of t.match(CJK_RUN) ?? []) {
    const cs = [...run];
    if (cs.length === 1) out.add(`u${code(cs[0]!)}`);
    for (let i = 0; i + 1 < cs.length; i++) out.add(`b${code(cs[i]!)}${code(cs[i + 1]!)}`);
  }
  for (const w of t.replace(CJK_RUN, ' ').match(WORD) ?? []) out.add(w);
  return [...out];
}

/** The query's searchable part, normalised; empty when it has no letter, digit or Chinese character. */
export function searchablePhrase(query: string): string {
  const t = normalizeForSearch(query).replace(/^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/g, '');
  return CJK.test(t) || /[a-z0-9]/.test(t) ? t : '';
}

/** Does the text contain the phrase, compared in normalised form? */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = searchablePhrase(phrase);
  return p !== '' && normalizeForSearch(text).includes(p);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A window of the real text around the first match, the match wrapped in <mark>, HTML-escaped.
 * Undefined when the phrase is not in the text.
 */
export function excerptHtml(text: string, phrase: string, radius = 40): string | undefined {
  const p = searchablePhrase(phrase);
  if (!p) return undefined;
  const { text: norm, map } = normalizeWithMap(text);
  const at = norm.indexOf(p);
  if (at < 0) return undefined;
  const start = map[at]!;
  const endNorm = at + p.length - 1;
  const end = map[endNorm]! + [...text.slice(map[endNorm]!)][0]!.length;
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  const clean = (s: string) => escapeHtml(s.replace(/\s+/g, ' '));
  return `${from > 0 ? '…' : ''}${clean(text.slice(from, start))}<mark>${clean(text.slice(start, end))}</mark>${clean(text.slice(end, to))}${to < text.length ? '…' : ''}`;
}
