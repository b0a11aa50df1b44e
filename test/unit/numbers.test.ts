/** One printed figure: what it says, the interval it stands for, and how its text is split for display. */
import { describe, expect, it } from 'vitest';
import {
  convert, figureDisplayParts, figureVocabulary, formatCompact, formatNumber, parseChineseNumber,
  parseFigure, splitUnit, withApprox, type Figure,
} from '../../src/lib/figures/index.ts';
import { vocab } from './support/figure-catalog.ts';

function fig(s: string, v = vocab): Figure {
  const r = parseFigure(s, v);
  if (!r.ok) throw new Error(r.reason);
  return r.figure;
}

/** Just what a reader learns from the figure, for compact expectations. */
function reading(s: string) {
  const f = fig(s);
  return { form: f.form, value: f.value, unit: f.unit, base: f.base, baseUnit: f.baseUnit, approx: f.approx, interval: f.interval };
}

describe('Arabic figures', () => {
  it.each([
    ['216.66亿元', 216.66, 2, '亿元', '亿', 1e8, '元', 21666000000],
    ['1392.1 万元', 1392.1, 1, '万元', '万', 1e4, '元', 13921000],
    ['2.71万亿元', 2.71, 2, '万亿元', '万亿', 1e12, '元', 2710000000000],
    ['９.３２％', 9.32, 2, '%', '', 1, '%', 9.32],
    ['２１６.６６亿元', 216.66, 2, '亿元', '亿', 1e8, '元', 21666000000],
    ['1,392.1万元', 1392.1, 1, '万元', '万', 1e4, '元', 13921000],
    ['1，392.1万元', 1392.1, 1, '万元', '万', 1e4, '元', 13921000],
    ['12,000万元', 12000, 0, '万元', '万', 1e4, '元', 120000000],
    ['1315人次', 1315, 0, '人次', '', 1, '人次', 1315],
    ['-3.2亿元', -3.2, 1, '亿元', '亿', 1e8, '元', -320000000],
    ['5千元', 5, 0, '千元', '千', 1e3, '元', 5000],
    ['288', 288, 0, '', '', 1, '', 288],
  ])('%s', (text, value, decimals, unit, prefix, multiplier, baseUnit, base) => {
    const f = fig(text);
    expect([f.value, f.decimals, f.unit, f.prefix, f.multiplier, f.baseUnit, f.base]).toEqual([value, decimals, unit, prefix, multiplier, baseUnit, base]);
    expect(f.form).toBe(unit === '%' ? 'percent' : 'number');
  });

  it('keeps the text as printed, only trimmed', () => {
    expect(fig('  1,392.1 万元 ').text).toBe('1,392.1 万元');
    expect(fig('９.３２％').text).toBe('９.３２％');
  });

  it('an exact figure stands for what rounds to it', () => {
    expect(fig('216.66亿元').interval).toEqual([21665500000, 21666500000]);
    // A whole count ending in a non-zero digit is the count itself (131 of 202 people is exactly 64.85 %); a
    // round one (120人, 12000人) may have been rounded to its last non-zero digit.
    expect(fig('288人').interval).toEqual([288, 288]);
    expect(fig('120人').interval).toEqual([119.5, 120.5]);
    expect(fig('12.60亿元').interval).toEqual([1259500000, 1260500000]);
  });
});

describe('approximate markers, in every position', () => {
  it.each([
    // before the number
    ['超60户', '超', 'before', [60, 70]],
    ['超过2100亿元', '超过', 'before', [2100e8, 2200e8]],
    ['逾300人', '逾', 'before', [300, 400]],
    ['近180万户', '近', 'before', [170e4, 180e4]],
    ['将近30%', '将近', 'before', [27, 30]],
    ['接近90%', '接近', 'before', [81, 90]],
    ['约3.5亿元', '约', 'before', [332500000, 367500000]],
    ['约100人', '约', 'before', [95, 105]],
    // between the number and the unit
    ['120余名', '余', 'after-number', [120, 130]],
    ['50多名', '多', 'after-number', [50, 60]],
    ['40余亿元', '余', 'after-number', [40e8, 50e8]],
    ['8400余万元', '余', 'after-number', [8400e4, 8500e4]],
    ['40亿余元', '余', 'after-prefix', [40e8, 41e8]],
    ['14万余亩', '余', 'after-prefix', [14e4, 15e4]],
    ['2万多户', '多', 'after-prefix', [2e4, 3e4]],
    // after the unit
    ['90%以上', '以上', 'after-unit', [90, 100]],
    ['7000户以上', '以上', 'after-unit', [7000, 8000]],
    ['100人左右', '左右', 'after-unit', [95, 105]],
  ] as const)('%s', (text, marker, position, interval) => {
    const f = fig(text);
    expect([f.approx, f.approxPosition]).toEqual([marker, position]);
    expect(f.interval[0]).toBeCloseTo(interval[0], 6);
    expect(f.interval[1]).toBeCloseTo(interval[1], 6);
  });

  it('40余亿元 and 40亿余元 are different statements', () => {
    expect(fig('40余亿元').interval).not.toEqual(fig('40亿余元').interval);
    expect(fig('40余亿元').base).toBe(fig('40亿余元').base);
  });

  it('refuses two markers on one figure', () => {
    expect(parseFigure('超120余名', vocab)).toEqual({ ok: false, reason: '“超120余名”里有两个约数标记（超、余），只保留一个' });
  });
});

describe('Chinese numerals', () => {
  it.each([
    ['四个', 4, '个', [4, 4]],
    ['十二名', 12, '名', [12, 12]],
    ['两户', 2, '户', [2, 2]],
    ['一百二十名', 120, '名', [119.5, 120.5]],
    ['一百零五名', 105, '名', [105, 105]],
    ['一万二千人', 12000, '人', [11999.5, 12000.5]],
    // Number before 余/多 sets the step: 两千余 is 2000 to 3000, 一百多 is 100 to 200.
    ['两千余人', 2000, '人', [2000, 3000]],
    ['一百多户', 100, '户', [100, 200]],
    ['十余个', 10, '个', [10, 20]],
  ] as const)('%s', (text, value, unit, interval) => {
    const f = fig(text);
    expect([f.value, f.unit, f.interval]).toEqual([value, unit, interval]);
  });

  it('reads a trailing 万 or 亿 as the unit prefix, as after digits', () => {
    expect(reading('十二万元')).toMatchObject({ value: 12, unit: '万元', base: 120000 });
    expect(reading('三万余元')).toMatchObject({ value: 3, unit: '万元', base: 30000, interval: [30000, 40000] });
    expect(reading('三亿五千万元')).toMatchObject({ value: 350000000, unit: '元' });
  });

  it('reads whole numerals and refuses what is not one', () => {
    expect(['一万二千', '三亿五千万', '二十', '十', '一万零五百'].map(parseChineseNumber)).toEqual([12000, 350000000, 20, 10, 10500]);
    expect(['五四', '百', '千家', '十十', ''].map(parseChineseNumber)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(parseFigure('五四名', vocab).ok).toBe(false);
  });
});

describe('magnitudes without a number', () => {
  it.each([
    // 上万 = [1万, 2万]: reached ten thousand, short of twice it (beyond that one says 数万 or 两万多).
    ['上万个', '上', [1e4, 2e4]],
    ['上百万', '上', [1e6, 2e6]],
    // 数百 = [200, 1000], 几十 = [20, 100], 数十万 = [20万, 100万]: "a few" is two to nine of the magnitude.
    ['数百名', '数', [200, 1000]],
    ['几十个', '几', [20, 100]],
    ['数十万元', '数', [2e5, 1e6]],
    // 近万 = [9000, 1万], 约百万 = 100万 ± 5 %, 超百万 = [100万, 200万].
    ['近万人', '近', [9000, 1e4]],
    ['约百万元', '约', [950000, 1050000]],
    ['超百万户', '超', [1e6, 2e6]],
  ] as const)('%s', (text, marker, interval) => {
    const f = fig(text);
    expect(f.approx).toBe(marker);
    expect(f.value).toBe(1);
    expect(f.interval).toEqual(interval);
  });

  it('a bare 百万 or 千万 is one of it, precise to a tenth', () => {
    expect(reading('百万元')).toMatchObject({ base: 1e6, unit: '百万元', interval: [950000, 1050000] });
    expect(reading('千万元')).toMatchObject({ base: 1e7, baseUnit: '元' });
  });
});

describe('rates, multiples and their changes', () => {
  it('成 is a tenth: 超六成 = (60 %, 70 %], 六成 = [55 %, 65 %]', () => {
    expect(reading('超六成')).toEqual({ form: 'cheng', value: 6, unit: '成', base: 60, baseUnit: '%', approx: '超', interval: [60, 70] });
    expect(reading('六成').interval).toEqual([55, 65]);
    expect(reading('近三成').interval).toEqual([27, 30]);
  });

  it('成 needs a percent in the vocabulary to mean anything', () => {
    expect(parseFigure('六成', figureVocabulary(['人'])).ok).toBe(false);
  });

  it('倍 is a multiple: 100倍以上 = [100, 200]', () => {
    expect(reading('100倍以上')).toMatchObject({ form: 'multiple', unit: '倍', baseUnit: '倍', interval: [100, 200] });
  });

  it('个百分点 is a change of a rate, not a rate', () => {
    expect(reading('2个百分点')).toMatchObject({ form: 'percentage-points', unit: '个百分点', baseUnit: '个百分点', base: 2, interval: [1.5, 2.5] });
    expect(reading('2.5百分点')).toMatchObject({ form: 'percentage-points', unit: '百分点' });
    expect(reading('两个百分点')).toMatchObject({ value: 2, unit: '个百分点' });
  });

  it('百分之三十 is 30 %', () => {
    expect(reading('百分之三十')).toMatchObject({ form: 'percent', base: 30, baseUnit: '%', interval: [29.5, 30.5] });
    expect(reading('百分之百')).toMatchObject({ base: 100 });
  });

  it('三分之一 is a round share, 33.3 % ± 5 %; 近 takes up to a tenth off it', () => {
    const third = fig('三分之一');
    expect(third.form).toBe('fraction');
    expect(third.base * 3).toBeCloseTo(100, 10);
    expect(third.interval[0]).toBeCloseTo(31.667, 3);
    expect(third.interval[1]).toBeCloseTo(35, 10);
    const nearly = fig('近三分之一');
    expect(nearly.interval[0]).toBeCloseTo(30, 10);
    expect(nearly.interval[1]).toBeCloseTo(33.333, 3);
    expect(fig('三分之二以上').interval[0]).toBeCloseTo(66.667, 3);
  });
});

describe('ranges', () => {
  it.each([
    ['3至5个', 3, 5, '个', [2.5, 5.5]],
    ['3-5家', 3, 5, '家', [2.5, 5.5]],
    ['10—15万元', 10, 15, '万元', [95000, 155000]],
    ['10万至15万元', 10, 15, '万元', [95000, 155000]],
    ['三至五场', 3, 5, '场', [2.5, 5.5]],
  ] as const)('%s', (text, from, to, unit, interval) => {
    const f = fig(text);
    expect([f.form, f.value, f.to?.value, f.unit, f.interval]).toEqual(['range', from, to, unit, interval]);
  });

  it('is not a range when the ends run backwards', () => {
    expect(parseFigure('5-3个', vocab).ok).toBe(false);
  });
});

describe('units are the vocabulary’s', () => {
  it('reads a unit only when the vocabulary lists it', () => {
    expect(fig('14万余亩').baseUnit).toBe('亩');
    expect(parseFigure('14万余亩', figureVocabulary(['元'])).ok).toBe(false);
    expect(parseFigure('12户', figureVocabulary(['元'])).ok).toBe(false);
    expect(parseFigure('12万元', figureVocabulary(['元'])).ok).toBe(true);
  });

  it('the longest unit wins: 人次 over 人, 个百分点 over 个', () => {
    expect(fig('1315人次').unit).toBe('人次');
    expect(fig('2个百分点').unit).toBe('个百分点');
  });

  it('splits prefixes from base units of the vocabulary', () => {
    expect(splitUnit('亿元', vocab)).toEqual({ multiplier: 1e8, prefix: '亿', base: '元' });
    expect(splitUnit('万亿元', vocab)).toEqual({ multiplier: 1e12, prefix: '万亿', base: '元' });
    expect(splitUnit('万亩', vocab)).toEqual({ multiplier: 1e4, prefix: '万', base: '亩' });
    expect(splitUnit('%', vocab)).toEqual({ multiplier: 1, prefix: '', base: '%' });
    expect(splitUnit('人次', vocab)).toEqual({ multiplier: 1, prefix: '', base: '人次' });
    expect(splitUnit('万%', vocab)).toBeNull();
    expect(splitUnit('斤', vocab)).toBeNull();
  });

  it('converts exactly between prefixes', () => {
    expect(convert(1.2, '亿元', '万元', vocab)).toBe(12000);
    expect(convert(3746.03, '万元', '亿元', vocab)).toBe(0.374603);
    expect(() => convert(1, '亿元', '户', vocab)).toThrow(/无法把/);
  });
});

describe('what is not one figure, said in Chinese', () => {
  it.each([
    ['', '没有写数字'],
    ['abc', '“abc”里没有数字'],
    ['12亿元13亿元', '“12亿元13亿元”里有不止一个数字，一项只能写一个数字'],
    ['1.2.3亿元', '“1.2.3亿元”里有两个小数点'],
    ['12斤', '不认识的单位“斤”，可用的单位有：个百分点、百分点、人次、公顷、元、人、名、位、户、家、笔、件、个、条、项、封、次、场、亩、倍、%（可加 万、亿 等前缀，如 万元、亿元）'],
  ])('%j', (text, reason) => {
    expect(parseFigure(text, vocab)).toEqual({ ok: false, reason });
  });

  it('refuses numbers that are not finite', () => {
    expect(parseFigure(Number.NaN, vocab).ok).toBe(false);
    expect(parseFigure(Number.POSITIVE_INFINITY, vocab).ok).toBe(false);
  });
});

describe('display: slices of the printed text, never a recomposition', () => {
  it.each([
    ['40余亿元', '', '40', '余亿元'],
    ['40亿余元', '', '40', '亿余元'],
    ['14万余亩', '', '14', '万余亩'],
    ['超六成', '超', '六', '成'],
    ['近180万户', '近', '180', '万户'],
    ['2.71万亿元', '', '2.71', '万亿元'],
    ['100倍以上', '', '100', '倍以上'],
    ['上万个', '上', '万', '个'],
    ['数百名', '数', '百', '名'],
    ['两千余人', '', '两千', '余人'],
    ['3至5个', '', '3至5', '个'],
    ['三分之一', '', '三分之一', ''],
    ['百分之三十', '百分之', '三十', ''],
    ['1,392.1 万元', '', '1,392.1', ' 万元'],
    ['超过 2100亿元', '超过 ', '2100', '亿元'],
  ])('%s', (text, before, number, after) => {
    const p = figureDisplayParts(text);
    expect(p).toEqual({ before, number, after });
    expect(`${p.before}${p.number}${p.after}`).toBe(text);
  });
});

describe('putting a marker written apart into the figure', () => {
  it('places it where the table says: before, after the prefix or number, after the unit', () => {
    expect(withApprox('60户', '超', vocab)).toBe('超60户');
    expect(withApprox('120名', '余', vocab)).toBe('120余名');
    expect(withApprox('14万元', '余', vocab)).toBe('14万余元');
    expect(withApprox('90%', '以上', vocab)).toBe('90%以上');
    expect(withApprox('1,392.1 万元', '余', vocab)).toBe('1,392.1 万余元');
  });

  it('does not add a second marker or mark what is not one figure', () => {
    expect(withApprox('超60户', '余', vocab)).toBeUndefined();
    expect(withApprox('3至5个', '约', vocab)).toBeUndefined();
    expect(withApprox('12斤', '约', vocab)).toBeUndefined();
  });
});

describe('formatting base values (axes and sums, which no article printed)', () => {
  it('makes base values compact', () => {
    expect(formatCompact(126400000, '元')).toBe('1.26亿元');
    expect(formatCompact(35800000, '元')).toBe('3,580万元');
    expect(formatCompact(1.2e12, '元')).toBe('1.2万亿元');
    expect(formatCompact(288, '人')).toBe('288人');
    expect(formatCompact(120000000)).toBe('1.2亿');
    expect(formatCompact(9.32, '%')).toBe('9.32%');
  });

  it('moves to the next tier when rounding reaches it', () => {
    expect(formatCompact(99999999, '元')).toBe('1亿元');
    expect(formatCompact(99995000)).toBe('1亿');
    expect(formatCompact(9999, '元')).toBe('9,999元');
  });

  it('groups thousands the zh-CN way', () => {
    expect(formatNumber(3580)).toBe('3,580');
    expect(formatNumber(3580, { grouping: false })).toBe('3580');
    expect(formatNumber(1.5, { decimals: 2 })).toBe('1.50');
  });
});
