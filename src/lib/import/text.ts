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

/** Chinese text and its own punctuation: what a half-width mark typed beside it stands in for. */
const CHINESE_SIDE = /[\u3400-\u9fff“”‘’（）《》【】「」、，。；：！？…—]/;

/**
 * Half-width punctuation typed into Chinese text (an input method left in English mode, a web page pasted): the
 * Chinese mark it stands for, so that names, clauses and sentences end where the article ends them. Marks between
 * digits (1,100户, 10:32, 3.15) and in Latin text keep their width.
 */
export function fullWidthPunctuation(text: string): string {
  if (!CJK.test(text)) return text;
  // "党建+金融" and (通讯员 王某): quotes and brackets around Chinese words are Chinese ones; around code or markup
  // (href="…", alert(1)) they stay.
  const s = text
    .replace(/"([^"<>=]*[\u3400-\u9fff][^"<>=]*)"/g, '“$1”')
    .replace(/\(([^()<>=]*[\u3400-\u9fff][^()<>=]*)\)/g, '（$1）');
  const near = (i: number, step: 1 | -1): string => {
    let j = i + step;
    while (s[j] === ' ') j += step;
    return s[j] ?? '';
  };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const before = near(i, -1);
    const after = near(i, 1);
    // Typed after Chinese text, or between a figure and the Chinese text going on: 增幅8.56%,下一步.
    const chinese = CHINESE_SIDE.test(before) || /[\d%]/.test(before) && CHINESE_SIDE.test(s[i + 1] ?? '');
    let mark: string | undefined;
    if (c === ',' && chinese && !(/\d/.test(before) && /\d/.test(after))) mark = '，';
    else if (c === ';' && chinese) mark = '；';
    else if (c === ':' && chinese && !(/\d/.test(before) && /\d/.test(after)) && s[i + 1] !== '/') mark = '：';
    else if ((c === '?' || c === '!') && CHINESE_SIDE.test(before)) mark = c === '?' ? '？' : '！';
    else if (c === '.' && CHINESE_SIDE.test(before) && !/[。.]/.test(before) && s[i + 1] !== '.' && (after === '' || CHINESE_SIDE.test(after) || after === '"')) mark = '。';
    out += mark ?? c;
    // The space typed after a half-width mark belongs to Latin typing, not to Chinese text.
    if (mark) while (s[i + 1] === ' ') i++;
  }
  return out;
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
