/**
 * Figures in running text as newspapers and Word print them: "216.66 亿元", "1,392.1\n万元", "120 余名学生",
 * "超六成", "上万个", "396户1480人". Offsets are in the text as given, so a caller can quote or mark the place.
 *
 * Not figures: dates and years (2025年3月末, 2023-8-1), anniversaries and ages (105周年, 7岁), ordinals
 * (第六届), time spans (24小时, 3个月), telephone numbers, product names and
 * specs (6+X, 1对N, 5G, 1000M, 1.2T), slogans in quotes (“四个一”, “两张皮”), and 一 as an article (一个孩子).
 * Rules and per-unit figures (每周至少1次, 每户30万元) are printed figures and found here; that they are rules is
 * what their sentence says, and the claim reader (claims.ts) reads it.
 */
import { CHINESE_NUMERAL_CHARS } from './chinese-numerals.ts';
import { figureFromScan, type Figure } from './parse.ts';
import { scanAt, type Scan } from './scan.ts';
import { foldFigureText, originalSpan } from './text.ts';
import {
  APPROX_TABLE, CHENG, DURATION_WORDS, NOT_COUNT_WORDS, PHONE_WORDS, type FigureVocabulary,
} from './words.ts';

export interface FoundFigure extends Figure {
  /** Offsets in the original text: `text.slice(start, end)` is the figure's `text`, line breaks and all. */
  start: number;
  end: number;
  /** What follows, whitespace removed: a count word such as 农户 or 学生 says what was counted. */
  after: string;
}

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;
const OPENING_QUOTES = '“‘「『"\'《';
/** A clause ends at these: a rule word beyond them does not govern the number. */
const CLAUSE_BREAK = /[，。；：、！？,.;:!?\n“”"'（）()《》【】]/;

const figureChars = new WeakMap<FigureVocabulary, (c: string) => boolean>();

/** Characters a figure is made of with this vocabulary: a space or line break between two of them is layout. */
function figureCharsOf(vocab: FigureVocabulary): (c: string) => boolean {
  let test = figureChars.get(vocab);
  if (!test) {
    const chars = new Set<string>([
      ...'0123456789.%', ...CHINESE_NUMERAL_CHARS, ...APPROX_TABLE.flatMap((m) => [...m.marker]), ...vocab.unitChars, CHENG.word, '分', '之',
    ]);
    test = (c) => chars.has(c);
    figureChars.set(vocab, test);
  }
  return test;
}

/** The clause right before `at`, at most `max` characters, not crossing punctuation or quotes. */
function clauseBefore(s: string, at: number, max: number): string {
  let i = at;
  while (i > 0 && at - i < max && !CLAUSE_BREAK.test(s[i - 1]!)) i--;
  return s.slice(i, at);
}

function afterSpaces(s: string, at: number): string {
  return s.slice(at).replace(/^\s+/, '');
}

/** Why a scanned figure is not one, or undefined if it is. */
function rejected(s: string, scan: Scan, multipleMarkers: boolean): string | undefined {
  if (multipleMarkers) return 'two markers';
  const lead = s[scan.start - 1] ?? '';
  const next = s[scan.end] ?? '';
  const num = scan.number;
  if (/[\d.]/.test(lead) || LATIN.test(lead) || /[-/:：+×~～]/.test(lead) || lead === '第') return 'joined to something before';
  if (num.kind === 'chinese' && lead && CHINESE_NUMERAL_CHARS.includes(lead)) return 'inside a longer numeral';
  if (LATIN.test(next) || /[+×]/.test(next)) return 'a name or a spec';
  if (/[-/:：.]/.test(next) && /\d/.test(s[scan.end + 1] ?? '')) return 'a date, time or version';
  const rest = afterSpaces(s, scan.end);
  if (scan.shape === 'range' && !scan.unitWord) return 'a range of dates or names';
  // 3个月, 1个多月, 两个半月: a time span, whatever stands between the count word and the time word.
  if (DURATION_WORDS.some((w) => rest.replace(/^[多余半]/, '').startsWith(w)) && scan.unitWord) return 'a time span';
  const clause = clauseBefore(s, scan.start, 8);
  // 诈骗电话12.6万个 counts calls; a telephone number has no unit.
  if (!scan.unitWord && PHONE_WORDS.some((w) => clause.includes(w))) return 'a telephone number';
  if (!scan.unitWord && scan.shape === 'plain') {
    if (NOT_COUNT_WORDS.some((w) => rest.startsWith(w))) return 'a date, an age or a rank';
    // Without a unit, only a count word right after makes it a figure: 2万多农户, 8500多分.
    if (!CJK.test(rest[0] ?? '')) return 'no unit and no count word';
    if (num.kind === 'arabic' && !num.digits.includes('.') && num.digits.length >= 7 && !scan.prefix) return 'a long code';
  }
  if (num.kind === 'chinese' || scan.shape === 'fraction') {
    // lead and next are '' at either end of the text, which every string includes.
    if (lead && OPENING_QUOTES.includes(lead)) return 'a slogan';
    if (next && CHINESE_NUMERAL_CHARS.includes(next) && next !== '万' && next !== '亿') return 'a slogan';
    if (!scan.unitWord && scan.shape === 'plain' && scan.markers.length === 0) return 'a numeral without a unit';
    if (num.value === 1 && !scan.prefix && scan.markers.length === 0 && scan.shape === 'plain') return 'an article';
  }
  return undefined;
}

/** Where a figure may begin: a digit, a numeral (百 of 百分之 included), the first character of a marker. */
const STARTS = new Set<string>([...'0123456789', ...CHINESE_NUMERAL_CHARS, ...APPROX_TABLE.map((m) => m.marker[0]!)]);
const mayStart = (c: string): boolean => STARTS.has(c);

/** Every figure in running text, in order, with offsets into `text`. */
export function findFigures(text: string, vocab: FigureVocabulary): FoundFigure[] {
  const folded = foldFigureText(text, { isFigureChar: figureCharsOf(vocab) });
  const s = folded.text;
  const out: FoundFigure[] = [];
  let i = 0;
  while (i < s.length) {
    if (!mayStart(s[i]!)) {
      i++;
      continue;
    }
    // The longest reading decides: if it is a date or a time span (3个月), a shorter one (3) is no figure either.
    const best = scanAt(s, i, vocab, { signed: false, bareMagnitude: false }).sort((a, b) => b.end - a.end)[0];
    if (!best || best.end <= i || rejected(s, best, best.markers.length > 1)) {
      i++;
      continue;
    }
    const span = originalSpan(folded, best.start, best.end);
    const after = afterSpaces(s, best.end).replace(/\s+/g, '').slice(0, 8);
    out.push({ ...figureFromScan(best, text.slice(span.start, span.end)), start: span.start, end: span.end, after });
    i = best.end;
  }
  return out;
}
