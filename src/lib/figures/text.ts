/**
 * Folding the ways one printed figure reaches us (full-width digits from Word, thousands separators, spaces and
 * line breaks left by PDF extraction: "２１６.６６ 亿元", "1,392.1\n万元", "1\n2.64亿元") into one spelling,
 * while remembering where each folded character came from, so a figure found in the folded text is reported at
 * its place in the original.
 */

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** `at[i]` is the offset in the original of `text[i]`; `at[text.length]` is the original's length. */
  at: number[];
}

const FULL_WIDTH: Readonly<Record<string, string>> = { '．': '.', '％': '%' };
/** ０ − 0: full-width digits sit at a fixed distance from ASCII ones. */
const FULL_WIDTH_DIGIT_OFFSET = 0xfee0;

/** One character's ASCII spelling: ２ → 2, ． → ., ％ → %. */
export function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - FULL_WIDTH_DIGIT_OFFSET);
  return FULL_WIDTH[c] ?? c;
}

/** Every character `foldChar` turns into c, c first: 2 → 2 ２, . → . ．, % → % ％, 元 → 元. */
export function foldedFrom(c: string): string[] {
  const wide = c >= '0' && c <= '9' ? [String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_DIGIT_OFFSET)] : [];
  return [c, ...wide, ...Object.keys(FULL_WIDTH).filter((w) => FULL_WIDTH[w] === c)];
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/** Between groups of three digits (1,392.1), dropped by folding. */
export const THOUSANDS_SEPARATORS: readonly string[] = [',', '，'];
/** Space on one line that folding drops inside a figure (a line break, \n, joins too, once); as a regex class body. */
export const FIGURE_SPACE_CLASS = ' \\t\\u00a0\\u2002-\\u200a\\u3000';
const HORIZONTAL_SPACE = new RegExp(`[${FIGURE_SPACE_CLASS}]`);

export interface FoldOptions {
  /**
   * Characters a figure is made of. Whitespace between two of them is dropped (a PDF line break inside
   * "7.73亿\n元" or a stray space in "120 余名"); elsewhere it is kept.
   */
  isFigureChar: (c: string) => boolean;
}

/**
 * Digits to ASCII, thousands separators out (1,392.1 → 1392.1; a comma before a group of exactly three digits),
 * whitespace inside figures out. Two digit runs on one line stay apart ("5 6"), but a line break between digits
 * joins them: newspaper columns wrap in the middle of a number ("推送廉政提醒 5\n76条"). A blank line never
 * joins anything.
 */
export function foldFigureText(original: string, opts: FoldOptions): FoldedText {
  const chars: string[] = [];
  const at: number[] = [];
  const n = original.length;
  let i = 0;
  while (i < n) {
    const c = original[i]!;
    if (HORIZONTAL_SPACE.test(c) || c === '\n' || c === '\r') {
      let j = i;
      let breaks = 0;
      while (j < n && (HORIZONTAL_SPACE.test(original[j]!) || original[j] === '\n' || original[j] === '\r')) {
        if (original[j] === '\n') breaks++;
        j++;
      }
      const before = chars[chars.length - 1];
      const after = j < n ? foldChar(original[j]!) : undefined;
      const inside = before !== undefined && after !== undefined && opts.isFigureChar(before) && opts.isFigureChar(after) && breaks <= 1;
      const joins = inside && (!(isDigit(before) && isDigit(after)) || breaks === 1);
      if (!joins) {
        for (let k = i; k < j; k++) {
          chars.push(original[k] === '\u3000' || original[k] === '\u00a0' ? ' ' : original[k]!);
          at.push(k);
        }
      }
      i = j;
      continue;
    }
    if (THOUSANDS_SEPARATORS.includes(c) && isDigit(chars[chars.length - 1])) {
      // A thousands separator is followed by exactly three digits and then no fourth one.
      let k = i + 1;
      let digits = 0;
      while (k < n && isDigit(foldChar(original[k]!))) {
        digits++;
        k++;
      }
      if (digits === 3) {
        i++;
        continue;
      }
    }
    chars.push(foldChar(c));
    at.push(i);
    i++;
  }
  at.push(n);
  return { text: chars.join(''), at };
}

/** The original span of folded characters [start, end). */
export function originalSpan(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  return { start: folded.at[start]!, end: end > start ? folded.at[end - 1]! + 1 : folded.at[start]! };
}

/**
 * The spelling two printings of one figure share: what `foldFigureText` tolerates and nothing else. "216.66 亿元",
 * "２１６.６６亿元" and "216.66亿元" have one key; "216.66亿元" and "21666000000元" do not.
 */
export function figureKey(text: string): string {
  return foldFigureText(text, { isFigureChar: () => true })
    .text.replace(/\s+/g, '');
}

/** A figure's text for quoting in a one-line message: whitespace from the page layout removed. */
export function compactFigureText(text: string): string {
  return text.replace(/\s+/g, '');
}
