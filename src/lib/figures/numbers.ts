/**
 * Units and base values: splitting a written unit into prefix and base, converting, and formatting base values
 * for axes and totals. Pure: no I/O, usable in the browser, in scripts and in the build.
 */
import { PREFIXES_LONGEST_FIRST, type FigureVocabulary, type UnitPrefix } from './words.ts';


export interface UnitParts {
  multiplier: number;
  prefix: UnitPrefix;
  base: string;
}

/** '亿元' → {1e8,'亿','元'}; '%' → {1,'','%'}; '万户' → {1e4,'万','户'}; null when the base is not in the vocabulary. */
export function splitUnit(unit: string, vocab: FigureVocabulary): UnitParts | null {
  const u = unit.trim();
  if (vocab.unitSet.has(u)) return { multiplier: 1, prefix: '', base: u };
  for (const { prefix, multiplier } of PREFIXES_LONGEST_FIRST) {
    if (!u.startsWith(prefix)) continue;
    const rest = u.slice(prefix.length);
    // A percent has no magnitude: 万% is a typing slip, not ten thousand percent.
    if (rest !== '%' && vocab.unitSet.has(rest)) return { multiplier, prefix, base: rest };
  }
  return null;
}

/** convert(1.2, '亿元', '万元', vocab) → 12000 */
export function convert(value: number, fromUnit: string, toUnit: string, vocab: FigureVocabulary): number {
  const from = splitUnit(fromUnit, vocab);
  const to = splitUnit(toUnit, vocab);
  if (!from || !to || from.base !== to.base) throw new Error(`无法把“${fromUnit}”换算成“${toUnit}”`);
  return Number(((value * from.multiplier) / to.multiplier).toPrecision(15));
}

const formatters = new Map<string, Intl.NumberFormat>();

/** zh-CN number: 3580 → '3,580'; decimals fixes the digits after the point. */
export function formatNumber(n: number, opts: { decimals?: number; grouping?: boolean; maximumFractionDigits?: number } = {}): string {
  const key = `${opts.decimals}|${opts.grouping}|${opts.maximumFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', {
      minimumFractionDigits: opts.decimals ?? 0,
      maximumFractionDigits: opts.decimals ?? opts.maximumFractionDigits ?? 2,
      useGrouping: opts.grouping ?? true,
    });
    formatters.set(key, f);
  }
  return f.format(n);
}

/**
 * A base value made readable, for chart axes and sums, which no article printed: (126400000,'元') → '1.26亿元';
 * (35800000,'元') → '3,580万元'; (1.2e12,'元') → '1.2万亿元'; (288,'人') → '288人'; no unit → '1.2亿'.
 */
export function formatCompact(base: number, baseUnit = '', opts: { maximumFractionDigits?: number } = {}): string {
  const max = opts.maximumFractionDigits ?? 2;
  if (baseUnit === '%') return `${formatNumber(base, { maximumFractionDigits: max })}%`;
  let t = tierOf(base);
  const digitsFor = (i: number) => (i === 1 && Math.abs(base) >= 1e6 ? 0 : max);
  // Rounding can reach the next tier: 99,999,999 is 1亿, not 10,000万.
  if (t > 0 && t < 3 && Math.abs(Number((base / TIERS[t]![0]).toFixed(digitsFor(t)))) >= 1e4) t++;
  const [div, prefix] = TIERS[t]!;
  return `${formatNumber(base / div, { maximumFractionDigits: digitsFor(t) })}${prefix}${baseUnit}`;
}

const TIERS: readonly (readonly [number, string])[] = [[1, ''], [1e4, '万'], [1e8, '亿'], [1e12, '万亿']];

function tierOf(base: number): number {
  return Math.abs(base) >= 1e12 ? 3 : Math.abs(base) >= 1e8 ? 2 : Math.abs(base) >= 1e4 ? 1 : 0;
}

/**
 * A base value in the tier `formatCompact` picks, with every digit it has, or undefined when that takes more than
 * `maximumFractionDigits` (2) after the point: (7331000,'元') → '733.1万元' where formatCompact gives '733万元'.
 * For a sum that must not look more exact, or less, than it is.
 */
export function formatCompactExact(base: number, baseUnit = '', opts: { maximumFractionDigits?: number } = {}): string | undefined {
  const max = opts.maximumFractionDigits ?? 2;
  const [div, prefix] = baseUnit === '%' ? ([1, ''] as const) : TIERS[tierOf(base)]!;
  const x = base / div;
  for (let d = 0; d <= max; d++) {
    const shown = Number(x.toFixed(d));
    // A sum of printed decimals carries floating-point noise far below any printed digit; anything larger is a digit.
    if (Math.abs(shown - x) <= 1e-9 * Math.max(1, Math.abs(x))) return `${formatNumber(shown, { decimals: d })}${prefix}${baseUnit}`;
  }
  return undefined;
}
