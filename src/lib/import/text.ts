/**
 * Character-level clean-up of text pasted from PDFs, Word and WeChat. Chinese prose has no spaces, so every
 * space between Chinese characters is layout (justified columns, "该 行 党 委"), never meaning.
 */

export const CJK = /[\u3400-\u9fff]/;
/** Chinese punctuation that ends a sentence, with the closing marks that may follow it. */
export const SENTENCE_END = /[。！？!?…]["”’」』）)】]*$/;
/** Characters that break a clause inside a sentence. */
export const CLAUSE_BREAK = /[，。；：、！？,;:!?\n]/;

/** Full-width digits, Latin letters, % and the decimal point are PDF and IME artefacts; Chinese punctuation stays. */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/％/g, '%')
    .replace(/(\d)．(?=\d)/g, '$1.')
    .replace(/[\u00a0\u2002-\u200a\u202f\u205f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '');
}

const isTight = (c: string): boolean => CJK.test(c) || /[\d%“”‘’「」『』《》（）【】，。；：、！？…—·]/.test(c);

/** Removes spaces (also the ideographic one) next to Chinese characters and Chinese punctuation. */
export function collapseSpaces(s: string): string {
  const t = s.replace(/\u3000/g, ' ').replace(/[ \t]+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === ' ') {
      const prev = out[out.length - 1] ?? '';
      const next = t[i + 1] ?? '';
      if (isTight(prev) || isTight(next)) continue;
    }
    out += c;
  }
  return out;
}

/** Headlines keep one space where two phrases stand side by side (党建聚合力 服务促提升). */
export function cleanHeadline(s: string): string {
  const t = s.replace(/\u3000/g, ' ').replace(/[ \t]+/g, ' ').trim();
  // A single space between two characters of one phrase is justification; two phrases are set apart by a
  // wider gap or by a space between longer runs.
  return t
    .split(/ {2,}/)
    .map((part) => part.split(' ').reduce((acc, w) => (acc && (w.length === 1 || acc.endsWith(' ') || lastRun(acc) === 1) ? acc + w : acc ? `${acc} ${w}` : w), ''))
    .join(' ')
    .replace(/ ?([“”‘’「」《》（）]) ?/g, (m, q: string) => (/[“‘「《（]/.test(q) ? (m.startsWith(' ') ? ` ${q}` : q) : m.endsWith(' ') ? `${q} ` : q))
    .replace(/\s+/g, ' ')
    .trim();
}

function lastRun(s: string): number {
  const i = s.lastIndexOf(' ');
  return s.length - i - 1;
}

/** Removes a span repeated right after itself (bold text printed twice, columns overlapping). */
export function dedupeRepeats(s: string, min = 4): string {
  let out = s;
  for (let len = Math.min(80, Math.floor(out.length / 2)); len >= min; len--) {
    for (let i = 0; i + 2 * len <= out.length; i++) {
      const a = out.slice(i, i + len);
      // Short spans must be all Chinese characters (红军衣红军衣); numbers and lists repeat legitimately.
      const cjk = [...a].filter((c) => CJK.test(c)).length;
      if (out.startsWith(a, i + len) && (len >= 6 ? cjk >= min : cjk === len) && !/^[\d一二三四五六七八九十百千万亿.%、，]+$/.test(a)) {
        out = out.slice(0, i + len) + out.slice(i + 2 * len);
        i--;
      }
    }
  }
  return out;
}

/** Sentences of a paragraph, each with its closing punctuation. */
export function sentences(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    cur += p[i];
    if (/[。！？!?]/.test(p[i]!)) {
      while (i + 1 < p.length && /["”’」』）)]/.test(p[i + 1]!)) cur += p[++i];
      out.push(cur);
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

export function compact(s: string): string {
  return s.replace(/\s+/g, '');
}
