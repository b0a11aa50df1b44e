/** Chinese numerals as articles print them: 四, 十二, 两千, 一百零五, 一万二千, 三亿五千万. */
import { CHINESE_BIG_UNITS, CHINESE_DIGITS, CHINESE_SMALL_UNITS } from './words.ts';

export const CHINESE_NUMERAL_CHARS = `${Object.keys(CHINESE_DIGITS).join('')}${Object.keys(CHINESE_SMALL_UNITS).join('')}${Object.keys(CHINESE_BIG_UNITS).join('')}`;

/** What a numeral starts with: a digit, or 十 (十二); 百 and 千 alone are magnitudes (上百, 数千). */
export const CHINESE_NUMERAL_STARTS = `${Object.keys(CHINESE_DIGITS).join('')}${Object.keys(CHINESE_SMALL_UNITS).filter((u) => CHINESE_SMALL_UNITS[u] === 10).join('')}`;

/** Below 一万: 一百二十 → 120, 十二 → 12, 两 → 2, 一百零五 → 105. */
function parseSection(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in CHINESE_DIGITS) {
      // Two digits in a row (五四) is a name or a date, not a number; 零 may stand between (一百零五).
      if (digit !== undefined && digit !== 0 && CHINESE_DIGITS[ch] !== 0) return undefined;
      digit = CHINESE_DIGITS[ch]!;
    } else if (ch in CHINESE_SMALL_UNITS) {
      const unit = CHINESE_SMALL_UNITS[ch]!;
      // Units must fall (一千二百), and only 十 may stand without a digit (十二 = 12, 百 alone is a magnitude).
      if (unit >= lastUnit) return undefined;
      if (digit === undefined && (unit !== 10 || total !== 0)) return undefined;
      if (digit === 0) return undefined;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

/**
 * A whole Chinese numeral, 万 and 亿 included: 一万二千 → 12000, 三亿五千万 → 350000000. Undefined when the
 * characters do not form a number (五四, 百, 千家).
 */
export function parseChineseNumber(s: string): number | undefined {
  if (!s || ![...s].every((c) => CHINESE_NUMERAL_CHARS.includes(c))) return undefined;
  let rest = s;
  let total = 0;
  for (const [big, value] of Object.entries(CHINESE_BIG_UNITS).sort((a, b) => b[1] - a[1])) {
    const at = rest.indexOf(big);
    if (at < 0) continue;
    const head = rest.slice(0, at);
    const n = parseSection(head);
    if (n === undefined || rest.indexOf(big, at + 1) >= 0) return undefined;
    total += n * value;
    rest = rest.slice(at + 1);
    // 一万零五百: 零 only marks a gap.
    if (rest.startsWith('零') || rest.startsWith('〇')) rest = rest.slice(1);
  }
  if (!rest) return total;
  const n = parseSection(rest);
  return n === undefined ? undefined : total + n;
}
