/**
 * Exact search for Chinese. Pagefind segments Chinese into words by itself, and its guesses miss phrases
 * (a quoted 新能源 found none of the pages containing it) or match pages that only share a character.
 * So Pagefind is fed, next to nothing else, a token for every character and every pair of adjacent
 * characters; a query asks for all the pairs of its terms, which gives every page that contains them (and a
 * few that contain the pairs apart); each candidate is then confirmed by a plain substring test on its
 * normalised text. Recall comes from the pairs, precision from the substring test.
 */

const CJK_CLASS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
const CJK_RUN = new RegExp(`[${CJK_CLASS}]+`, 'gu');
/** Chinese characters and the Chinese punctuation NFKC leaves alone: no space is kept next to them. */
const TIGHT = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\u2018-\u201d\u{20000}-\u{2ffff}]/u;
const WORD = /[a-z0-9]+/g;
const WORD_CHAR = /[a-z0-9]/;

/**
 * The form both the page text and the query are compared in: full-width to half-width (NFKC), lower case,
 * no white space next to a Chinese character (PDF-pasted text has 该 行 党 委, and a line break inside a
 * paragraph splits words), single spaces elsewhere.
 */
export function normalizeForSearch(s: string): string {
  return normalizeWithMap(s).text;
}

/** normalizeForSearch, with each output character's offset in the input, for highlighting. */
export function normalizeWithMap(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let offset = 0;
  let pendingSpace = -1;
  let lastTight = true;
  for (const c of s) {
    // Most characters are common Chinese or plain ASCII and need neither NFKC nor a regular expression.
    const cp = c.codePointAt(0)!;
    const plain = (cp >= 0x4e00 && cp <= 0x9fff) || (cp > 0x20 && cp < 0x7f);
    const n = plain ? (cp >= 0x41 && cp <= 0x5a ? c.toLowerCase() : c) : c.normalize('NFKC').toLowerCase();
    if (n === '') {
      // Nothing to compare.
    } else if (!plain && /^\s+$/u.test(n)) {
      if (pendingSpace < 0) pendingSpace = offset;
    } else {
      const tight = isTight(n);
      // A run of white space survives only between two characters that are not Chinese.
      if (pendingSpace >= 0 && text && !lastTight && !tight) {
        text += ' ';
        map.push(pendingSpace);
      }
      pendingSpace = -1;
      for (let k = 0; k < n.length; k++) map.push(offset);
      text += n;
      lastTight = n.length === 1 ? tight : isTight([...n].at(-1)!);
    }
    offset += c.length;
  }
  return { text, map };
}

/** Is the first character of c one that no space is kept next to? */
function isTight(c: string): boolean {
  const cp = c.codePointAt(0)!;
  if (cp < 0x2018) return false;
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  return TIGHT.test(String.fromCodePoint(cp));
}

/**
 * A number in letters only (hex digits as a–p), fixed width. Pagefind splits a token where letters meet digits:
 * b7m2025, a pair's code in base 36, would index the word 2025 in a text that never printed it.
 */
function letters(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').replace(/[0-9a-f]/g, (d) => String.fromCharCode(0x61 + parseInt(d, 16)));
}

const CODES = new Map<string, string>();
/**
 * A Chinese character as index-token letters: its code point in base 26, four letters (26⁴ covers every plane
 * the CJK class reaches). Short, because every character of every report is indexed as a pair of these.
 */
function code(c: string): string {
  let s = CODES.get(c);
  if (s === undefined) {
    s = '';
    for (let n = c.codePointAt(0)!, k = 0; k < 4; k++, n = Math.floor(n / 26)) s = String.fromCharCode(0x61 + (n % 26)) + s;
    CODES.set(c, s);
  }
  return s;
}

/** A Latin or digit word as one token of letters: ETC2025 stays one word, so neither ETC nor 2025 is found in it. */
function word(w: string): string {
  return `w${[...w].map((c) => letters(c.codePointAt(0)!, 2)).join('')}`;
}

/**
 * Index tokens for a text: `u`+char and `b`+pair for Chinese, words of Latin letters or digits. Letters
 * only and of fixed width per character, so Pagefind neither segments them nor widens them by prefix matching.
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
  for (const w of t.replace(CJK_RUN, ' ').match(WORD) ?? []) out.add(word(w));
  return [...out];
}

/**
 * Stands where the text has punctuation or a symbol between two tokens, so that no phrase spans it: 金融，2025
 * does not contain 金融2025. Never a query token.
 */
export const SEPARATOR = 'xzxz';

const STREAM = new RegExp(`([${CJK_CLASS}]+)|([a-z0-9]+)|( )|([^])`, 'gu');

/**
 * The text as Pagefind indexes it, token by token in reading order, so that Pagefind's exact phrase search
 * ("a b c": the tokens next to each other, in that order) answers exactly whether a term is in the text:
 * a run of Chinese characters is the chain of its adjacent pairs (党建联建 → 党建 建联 联建; a lone character
 * is itself), a Latin or digit word is the word, punctuation is SEPARATOR. Every character also appears once
 * on its own at the end, for a one-character query. The pairs chain only inside a run, so no phrase can be
 * found across punctuation or across two runs.
 */
export function indexStream(text: string): string[] {
  const t = normalizeForSearch(text);
  const out: string[] = [];
  const chars = new Set<string>();
  const push = (tok: string) => {
    if (tok !== SEPARATOR || (out.length > 0 && out[out.length - 1] !== SEPARATOR)) out.push(tok);
  };
  for (const m of t.matchAll(STREAM)) {
    if (m[1]) {
      const cs = [...m[1]];
      for (const c of cs) chars.add(c);
      if (cs.length === 1) push(`u${code(cs[0]!)}`);
      for (let i = 0; i + 1 < cs.length; i++) push(`b${code(cs[i]!)}${code(cs[i + 1]!)}`);
    } else if (m[2]) push(word(m[2]));
    else if (m[4]) push(SEPARATOR);
    // A space survives normalisation only between two words (credit card): it joins them into a phrase.
  }
  push(SEPARATOR);
  for (const c of chars) out.push(`u${code(c)}`);
  return out;
}

/**
 * The token sequence that Pagefind's exact phrase search must find for a normalised term to be in a text
 * indexed by indexStream, or undefined when a sequence cannot say it exactly: a term with punctuation inside
 * (党建+金融 and 党建-金融 index alike), or a lone Chinese character next to a word (3月: in the text 月 may
 * start a longer run, indexed as a pair). Those terms are confirmed on the text instead.
 */
export function phraseTokens(term: string): string[] | undefined {
  const parts = [...normalizeForSearch(term).matchAll(STREAM)].filter((m) => !m[3]);
  if (parts.length === 0 || parts.some((m) => m[4])) return undefined;
  const out: string[] = [];
  for (const [i, m] of parts.entries()) {
    if (m[2]) {
      out.push(word(m[2]));
      continue;
    }
    const cs = [...m[1]!];
    if (cs.length > 1) {
      for (let k = 0; k + 1 < cs.length; k++) out.push(`b${code(cs[k]!)}${code(cs[k + 1]!)}`);
      continue;
    }
    if (parts.length === 1) return [`u${code(cs[0]!)}`];
    // A lone character between two words is a lone run wherever the term occurs; at either end of the term
    // it may begin or end a longer run of the text.
    if (i === 0 || i === parts.length - 1) return undefined;
    out.push(`u${code(cs[0]!)}`);
  }
  return out;
}

/**
 * Tokens one normalised term needs: every pair of each Chinese run (a lone character: the character), every
 * Latin or digit word. Every text containing the term has all of them.
 */
export function termTokens(term: string): string[] {
  const t = normalizeForSearch(term);
  const out = new Set<string>();
  for (const run of t.match(CJK_RUN) ?? []) {
    const cs = [...run];
    if (cs.length === 1) out.add(`u${code(cs[0]!)}`);
    for (let i = 0; i + 1 < cs.length; i++) out.add(`b${code(cs[i]!)}${code(cs[i + 1]!)}`);
  }
  for (const w of t.replace(CJK_RUN, ' ').match(WORD) ?? []) out.add(word(w));
  return [...out];
}

/**
 * The terms of a query, normalised; a page must contain every one. White space a reader types separates
 * terms (不良贷款 清收), except inside quotes ("存款 余额" is one phrase). Terms with nothing searchable
 * (only punctuation) are dropped.
 */
export function parseQuery(query: string): string[] {
  const terms: string[] = [];
  const re = /["“”「『]([^"“”」』]*)["“”」』]?|(\S+)/g;
  for (const m of query.normalize('NFKC').matchAll(re)) {
    const raw = m[1] ?? m[2] ?? '';
    const t = normalizeForSearch(raw).replace(/^["'‘’“”]+|["'‘’“”]+$/g, '');
    if ((CJK.test(t) || WORD_CHAR.test(t)) && !terms.includes(t)) terms.push(t);
  }
  return terms;
}

/** Pagefind query for the terms: all their tokens, which Pagefind requires together. */
export function queryTokens(query: string): string[] {
  return [...new Set(parseQuery(query).flatMap(termTokens))];
}

/**
 * Where a normalised term occurs in normalised text. A term that starts or ends with a Latin letter or digit
 * must not continue a longer word there: ETC is not in ETCP, 2025 is not in 12025.
 */
export function findTerm(norm: string, term: string, from = 0): number {
  for (let at = norm.indexOf(term, from); at >= 0; at = norm.indexOf(term, at + 1)) {
    const before = norm[at - 1];
    const after = norm[at + term.length];
    if (WORD_CHAR.test(term[0]!) && before !== undefined && WORD_CHAR.test(before)) continue;
    if (WORD_CHAR.test(term[term.length - 1]!) && after !== undefined && WORD_CHAR.test(after)) continue;
    return at;
  }
  return -1;
}

/** Does the text contain every term of the query, compared in normalised form? */
export function matchesQuery(text: string, query: string): boolean {
  return containsTerms(normalizeForSearch(text), parseQuery(query));
}

/** Does normalised text contain every one of the terms (at least one)? */
export function containsTerms(norm: string, terms: readonly string[]): boolean {
  return terms.length > 0 && terms.every((t) => findTerm(norm, t) >= 0);
}

/** How often the terms occur; a hit in the title counts most, then one in the summary. */
export function relevance(doc: { title: string; summary: string; text: string }, terms: readonly string[]): number {
  const count = (s: string) => {
    const norm = normalizeForSearch(s);
    let n = 0;
    for (const t of terms) for (let at = findTerm(norm, t); at >= 0; at = findTerm(norm, t, at + t.length)) n++;
    return n;
  };
  return 100 * count(doc.title) + 10 * count(doc.summary) + count(doc.text);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A window of the real text around the first occurrence of the first term found, every term occurrence in
 * the window wrapped in <mark>, HTML-escaped, white space collapsed. Undefined when no term is in the text.
 * Pass `normalized` (normalizeWithMap of the text) when it is at hand already.
 */
export function excerptHtml(
  text: string,
  query: string,
  radius = 40,
  normalized: { text: string; map: number[] } = normalizeWithMap(text),
): string | undefined {
  const terms = parseQuery(query);
  const { text: norm, map } = normalized;
  // Spans in the real text: start offset and end offset (exclusive) of each occurrence.
  const spans: [number, number][] = [];
  const realEnd = (normEnd: number) => {
    const at = map[normEnd]!;
    return at + String.fromCodePoint(text.codePointAt(at)!).length;
  };
  for (const t of terms) {
    for (let at = findTerm(norm, t); at >= 0; at = findTerm(norm, t, at + t.length)) spans.push([map[at]!, realEnd(at + t.length - 1)]);
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  const [first] = spans as [[number, number]];
  const from = Math.max(0, first[0] - radius);
  const to = Math.min(text.length, first[1] + radius);
  // Shown as read: white space that normalisation drops is dropped here too (党 建 → 党建), the rest collapsed.
  const shown = displayWhitespace(text, normalized);
  const clean = (a: number, b: number) => {
    let out = '';
    for (let i = a; i < b; i++) {
      const keep = shown[i];
      if (keep === undefined) out += text[i];
      else if (keep) out += ' ';
    }
    return escapeHtml(out);
  };
  let html = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of spans) {
    if (s < at || e > to) continue;
    html += `${clean(at, s)}<mark>${clean(s, e)}</mark>`;
    at = e;
  }
  return `${html}${clean(at, to)}${to < text.length ? '…' : ''}`;
}

/**
 * For each white-space position of the text: true to show one space there, false to drop it. Display
 * only: matching ignores paragraph breaks, since PDF text breaks paragraphs anywhere.
 */
function displayWhitespace(text: string, { text: norm, map }: { text: string; map: number[] }): (boolean | undefined)[] {
  const shown: (boolean | undefined)[] = [];
  for (let i = 0; i < text.length; i++) if (/\s/.test(text[i]!)) shown[i] = false;
  // normalizeWithMap keeps a space exactly where a run of white space survives; show that run's first char.
  for (let i = 0; i < norm.length; i++) if (norm[i] === ' ' && shown[map[i]!] === false) shown[map[i]!] = true;
  // A blank line ends a paragraph or a heading: keep a space there, or the heading runs into the text.
  for (const m of text.matchAll(/\s*\n[^\S\n]*\n\s*/g)) shown[m.index] = true;
  return shown;
}
