/**
 * The words Chinese figures are printed with, each kind in one table: approximate markers, unit prefixes,
 * Chinese numerals and the unit words that give a figure its own form. The parser, the finder, the schema
 * enum of `approx` and the relation checks all derive from these tables, so they cannot disagree.
 *
 * Units themselves (元, 户, 亩 …) are not here: they are data in the metric catalog (content/metrics.yaml)
 * and reach the parser as a `FigureVocabulary`.
 */

/** What an approximate marker says about the true value. */
export type ApproxKind =
  /** at least the printed figure, less than its next step: 120余名, 超60户, 90%以上, 上万 */
  | 'more'
  /** a little under the printed figure: 近30%, 近万人 */
  | 'nearly'
  /** either side of the printed figure: 约3.5亿元, 100人左右 */
  | 'about'
  /** a few of a magnitude: 数百名, 几十个 */
  | 'several';

/**
 * Where a marker stands:
 * - before: before the number (超60户, 近180万户), also before a bare magnitude (近万人, 约百万元);
 * - between: after the number (120余名, 40余亿元) or after the unit prefix (14万余元, 40亿余元);
 * - after: after the unit (90%以上, 100人左右);
 * - magnitude: only before a bare magnitude, never before digits (上万个, 数百名).
 */
export type MarkerPosition = 'before' | 'between' | 'after' | 'magnitude';

export interface ApproxMarker {
  marker: string;
  kind: ApproxKind;
  /** In words, for messages to authors. */
  meaning: string;
  positions: readonly MarkerPosition[];
}

/** Every approximate marker real articles print. */
export const APPROX_TABLE = [
  { marker: '超', kind: 'more', meaning: '超过', positions: ['before'] },
  { marker: '超过', kind: 'more', meaning: '超过', positions: ['before'] },
  { marker: '逾', kind: 'more', meaning: '超过', positions: ['before'] },
  { marker: '近', kind: 'nearly', meaning: '接近', positions: ['before'] },
  { marker: '将近', kind: 'nearly', meaning: '接近', positions: ['before'] },
  { marker: '接近', kind: 'nearly', meaning: '接近', positions: ['before'] },
  { marker: '约', kind: 'about', meaning: '大约', positions: ['before'] },
  { marker: '大约', kind: 'about', meaning: '大约', positions: ['before'] },
  { marker: '余', kind: 'more', meaning: '多于', positions: ['between'] },
  { marker: '多', kind: 'more', meaning: '多于', positions: ['between'] },
  { marker: '以上', kind: 'more', meaning: '不少于', positions: ['after'] },
  { marker: '左右', kind: 'about', meaning: '大约', positions: ['after'] },
  // 上万 = [1万, 2万]: past the magnitude but short of twice it (beyond that articles say 数万 or 两万多).
  { marker: '上', kind: 'more', meaning: '达到', positions: ['magnitude'] },
  // 数百 = [200, 1000], 几十 = [20, 100]: "a few" starts at two of the magnitude.
  { marker: '数', kind: 'several', meaning: '若干', positions: ['magnitude'] },
  { marker: '几', kind: 'several', meaning: '若干', positions: ['magnitude'] },
] as const satisfies readonly ApproxMarker[];

export type ApproxMarkerText = (typeof APPROX_TABLE)[number]['marker'];

/** marker → kind, for code that only needs the meaning. */
export const APPROX_MARKERS: Readonly<Record<string, ApproxKind>> = Object.fromEntries(APPROX_TABLE.map((m) => [m.marker, m.kind]));

const byMarker = new Map<string, ApproxMarker>(APPROX_TABLE.map((m) => [m.marker, m]));

export function approxMarker(marker: string): ApproxMarker | undefined {
  return byMarker.get(marker);
}

/** Markers that may take a position, longest first so 超过 wins over 超. */
export function markersAt(position: MarkerPosition): string[] {
  return APPROX_TABLE.filter((m) => (m.positions as readonly MarkerPosition[]).includes(position))
    .map((m) => m.marker as string)
    .sort((a, b) => b.length - a.length);
}

/**
 * Unit prefixes (亿元 = 亿 + 元). After Arabic digits any of them may stand (5千元, 1.2亿元); alone, with a
 * marker, they are a bare magnitude (上万, 近百万, 数十).
 */
export const UNIT_PREFIXES = [
  { prefix: '十', multiplier: 1e1 },
  { prefix: '百', multiplier: 1e2 },
  { prefix: '千', multiplier: 1e3 },
  { prefix: '万', multiplier: 1e4 },
  { prefix: '十万', multiplier: 1e5 },
  { prefix: '百万', multiplier: 1e6 },
  { prefix: '千万', multiplier: 1e7 },
  { prefix: '亿', multiplier: 1e8 },
  { prefix: '十亿', multiplier: 1e9 },
  { prefix: '百亿', multiplier: 1e10 },
  { prefix: '千亿', multiplier: 1e11 },
  { prefix: '万亿', multiplier: 1e12 },
] as const;

export type UnitPrefix = '' | (typeof UNIT_PREFIXES)[number]['prefix'];

/** Prefixes longest first, so 万亿 wins over 万. */
export const PREFIXES_LONGEST_FIRST: readonly { prefix: UnitPrefix; multiplier: number }[] = [...UNIT_PREFIXES].sort((a, b) => b.prefix.length - a.prefix.length);

/**
 * Chinese numerals. 万 and 亿 may stand inside a numeral (一万二千) or end it as a prefix (十二万元 = 12 + 万元),
 * as they do after Arabic digits.
 */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
export const CHINESE_SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
export const CHINESE_BIG_UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

/** What a figure is, by the word that follows (or surrounds) its number. */
export type FigureForm =
  | 'number'
  /** 9.32%, 百分之三十 */
  | 'percent'
  /** 提高2个百分点: a change of a rate, not a rate */
  | 'percentage-points'
  /** 100倍以上 */
  | 'multiple'
  /** 超六成 = over 60 % */
  | 'cheng'
  /** 三分之一 */
  | 'fraction'
  /** 3至5个, 10—15万元 */
  | 'range';

/**
 * Unit words that make a figure a form of its own. Whether an article may use them for a metric is still the
 * catalog's business: they are recognised only when the catalog lists them.
 */
export const UNIT_FORMS: Readonly<Record<string, FigureForm>> = {
  '%': 'percent',
  个百分点: 'percentage-points',
  百分点: 'percentage-points',
  倍: 'multiple',
};

/** 成 is a tenth: 六成 = 60 %. It is read only when the catalog has a percent unit for it to mean. */
export const CHENG = { word: '成', baseUnit: '%', multiplier: 10 } as const;

/** The words of a percent and of a fraction, around Chinese numerals: 百分之三十 = 30 %, 三分之一 = a third. */
export const FRACTION_WORDS = { perCent: '百分之', of: '分之' } as const;

/** Signs a figure written on its own may start with (-3.2亿元), and what each means: a minus is typed three ways. */
export const SIGNS: Readonly<Record<string, '-' | '+'>> = { '-': '-', '+': '+', '−': '-', '－': '-' };

/** Written between the two ends of a range: 3至5个, 10—15万元, 3-5家, 3~5次. */
export const RANGE_SEPARATORS = ['——', '至', '到', '—', '–', '－', '-', '~', '～', '〜'] as const;

/**
 * Words that make a number a date, a time span, an age or a rank rather than a counted figure (2025年, 3月末,
 * 105周年, 7岁, 24小时, 15分钟, 6层, 科创50强).
 */
export const NOT_COUNT_WORDS = [
  '周年', '年', '月', '日', '号', '时', '点', '岁', '届', '季度', '代', '级', '星', '版', '楼', '层', '栋', '路',
  '小时', '分钟', '秒', '周', '天', '对', '强',
] as const;

/** After a counted figure, a time word makes it a duration: 3个月, 5个工作日. */
export const DURATION_WORDS = ['月', '季度', '工作日', '小时', '星期'] as const;

/** Words shortly before a number that make it a telephone or account number. */
export const PHONE_WORDS = ['电话', '热线', '手机', '拨打', '号码', '账号'] as const;

/**
 * The units figures are counted in, as the catalog lists them. Built once per catalog and passed to
 * `parseFigure` and `findFigures`; adding a unit to content/metrics.yaml is all it takes to read it.
 */
export interface FigureVocabulary {
  /** Base units, longest first so 人次 wins over 人 and 个百分点 over 个. */
  readonly units: readonly string[];
  readonly unitSet: ReadonlySet<string>;
  /** Every character of every unit: a space between two of them may be a PDF line break inside a figure. */
  readonly unitChars: ReadonlySet<string>;
}

const vocabularies = new WeakMap<readonly string[], FigureVocabulary>();

/** The vocabulary of a list of base units (the catalog's `baseUnits`); cached per list. */
export function figureVocabulary(units: readonly string[]): FigureVocabulary {
  const cached = vocabularies.get(units);
  if (cached) return cached;
  const sorted = [...new Set(units.map((u) => u.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  const vocab: FigureVocabulary = { units: sorted, unitSet: new Set(sorted), unitChars: new Set(sorted.join('')) };
  vocabularies.set(units, vocab);
  return vocab;
}
