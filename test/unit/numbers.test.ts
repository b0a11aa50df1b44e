import { describe, expect, it } from 'vitest';
import {
  convert, extractFigures, figureInterval, figureParts, formatCompact, formatFigure, formatNumber,
  normalizeFigureText, parseFigure, sameFigure, splitUnit, type Figure,
} from '../../src/lib/numbers.ts';

function fig(s: string): Figure {
  const r = parseFigure(s);
  if (!r.ok) throw new Error(r.reason);
  return r.figure;
}

describe('parseFigure', () => {
  it.each([
    ['216.66亿元', 216.66, '亿元', 21666000000, 2, undefined],
    ['1392.1 万元', 1392.1, '万元', 13921000, 1, undefined],
    ['2.71万亿元', 2.71, '万亿元', 2710000000000, 2, undefined],
    ['50余名', 50, '名', 50, 0, '余'],
    ['超60户', 60, '户', 60, 0, '超'],
    ['近180万户', 180, '万户', 1800000, 0, '近'],
    ['14 万余元', 14, '万元', 140000, 0, '余'],
    ['9.32%', 9.32, '%', 9.32, 2, undefined],
    ['９.３２％', 9.32, '%', 9.32, 2, undefined],
    ['２１６.６６亿元', 216.66, '亿元', 21666000000, 2, undefined],
    ['1,392.1万元', 1392.1, '万元', 13921000, 1, undefined],
    ['1，392.1万元', 1392.1, '万元', 13921000, 1, undefined],
    ['120 余名', 120, '名', 120, 0, '余'],
    ['2万多户', 2, '万户', 20000, 0, '多'],
    ['超过2100亿元', 2100, '亿元', 210000000000, 0, '超过'],
    ['7000户以上', 7000, '户', 7000, 0, '以上'],
    ['90%以上', 90, '%', 90, 0, '以上'],
    ['约3.5亿元', 3.5, '亿元', 350000000, 1, '约'],
    ['288', 288, '', 288, 0, undefined],
    ['-3.2亿元', -3.2, '亿元', -320000000, 1, undefined],
    ['1315人次', 1315, '人次', 1315, 0, undefined],
    ['两户', 2, '户', 2, 0, undefined],
    ['六成', 60, '%', 60, 0, undefined],
    ['超六成', 60, '%', 60, 0, '超'],
    ['一百二十名', 120, '名', 120, 0, undefined],
    ['十二万元', 12, '万元', 120000, 0, undefined],
    ['上万个', 1, '万个', 10000, 0, '上'],
  ])('%s', (input, value, unit, base, decimals, approx) => {
    const f = fig(input);
    expect(f.value).toBe(value);
    expect(f.unit).toBe(unit);
    expect(f.base).toBe(base);
    expect(f.decimals).toBe(decimals);
    expect(f.approx).toBe(approx);
  });

  it('keeps 三分之一 as an exact fraction of a hundred', () => {
    const f = fig('三分之一');
    expect(f.unit).toBe('%');
    expect(f.base * 3).toBeCloseTo(100, 10);
  });

  it('refuses what is not one figure, saying why in Chinese', () => {
    const reasons = ['', 'abc', '12亿元13亿元', '1.2.3亿元', '12斤', '超120余名'].map((s) => {
      const r = parseFigure(s);
      return r.ok ? 'ok' : r.reason;
    });
    expect(reasons).toEqual([
      '没有写数字',
      '“abc”里没有数字',
      '“12亿元13亿元”里有不止一个数字，一项只能写一个数字',
      '“1.2.3亿元”里有两个小数点',
      '不认识的单位“斤”，可用的单位有：人次、户次、小时、元、人、名、位、户、家、笔、件、起、次、场、期、轮、个、条、项、封、份、所、支、篇、台、张、天、年、%（可加 万、亿 等前缀，如 万元、亿元）',
      '“超120余名”里有两个约数标记（超、余），只保留一个',
    ]);
    expect(parseFigure(Number.NaN).ok).toBe(false);
    expect(parseFigure(Number.POSITIVE_INFINITY).ok).toBe(false);
  });

  it('accepts only the units it is given', () => {
    expect(parseFigure('12户', { baseUnits: ['元'] }).ok).toBe(false);
    expect(parseFigure('12万元', { baseUnits: ['元'] }).ok).toBe(true);
  });
});

describe('units', () => {
  it('splits prefixes from base units', () => {
    expect(splitUnit('亿元')).toEqual({ multiplier: 1e8, prefix: '亿', base: '元' });
    expect(splitUnit('万亿元')).toEqual({ multiplier: 1e12, prefix: '万亿', base: '元' });
    expect(splitUnit('%')).toEqual({ multiplier: 1, prefix: '', base: '%' });
    expect(splitUnit('人次')).toEqual({ multiplier: 1, prefix: '', base: '人次' });
    expect(splitUnit('万%')).toBeNull();
    expect(splitUnit('斤')).toBeNull();
  });

  it('converts exactly between prefixes', () => {
    expect(convert(1.2, '亿元', '万元')).toBe(12000);
    expect(convert(3746.03, '万元', '亿元')).toBe(0.374603);
    expect(() => convert(1, '亿元', '户')).toThrow(/无法把/);
  });

  it('treats a unit rewrite as the same figure', () => {
    expect(sameFigure(fig('1.2亿元'), fig('12000万元'))).toBe(true);
    expect(sameFigure(fig('1.2亿元'), fig('1.3亿元'))).toBe(false);
    expect(sameFigure(fig('120名'), fig('120户'))).toBe(false);
  });
});

describe('intervals', () => {
  it('an exact figure is what rounds to it', () => {
    expect(figureInterval(fig('216.66亿元'))).toEqual([21665500000, 21666500000]);
  });
  it('余/多/超 run to the next step of the last significant digit', () => {
    expect(figureInterval(fig('120余名'))).toEqual([120, 130]);
    expect(figureInterval(fig('2万多户'))).toEqual([20000, 30000]);
    expect(figureInterval(fig('超2100亿元'))).toEqual([210000000000, 220000000000]);
  });
  it('近 is up to a tenth below, 约 is ±5 %', () => {
    expect(figureInterval(fig('近30%'))).toEqual([27, 30]);
    expect(figureInterval(fig('约100人'))).toEqual([95, 105]);
  });
});

describe('formatting', () => {
  it('prints figures as the press does', () => {
    expect(formatFigure({ value: 120, unit: '名', approx: '余' })).toBe('120余名');
    expect(formatFigure({ value: 60, unit: '户', approx: '超' })).toBe('超60户');
    expect(formatFigure({ value: 14, unit: '万元', approx: '余' })).toBe('14万余元');
    expect(formatFigure({ value: 12.64, unit: '亿元' })).toBe('12.64亿元');
    expect(formatFigure({ value: 12.6, unit: '亿元', decimals: 2 })).toBe('12.60亿元');
    expect(formatFigure({ value: 90, unit: '%', approx: '以上' })).toBe('90%以上');
    expect(formatFigure({ value: 1, unit: '万个', approx: '上' })).toBe('上万个');
  });

  it('round-trips every parsed figure', () => {
    for (const s of ['216.66亿元', '120余名', '超60户', '14万余元', '9.32%', '近180万户', '超过2100亿元', '7000户以上']) {
      expect(formatFigure(fig(s))).toBe(s);
    }
  });

  it('splits a figure for large display', () => {
    expect(figureParts({ value: 60, unit: '户', approx: '超' })).toEqual({ prefix: '超', number: '60', suffix: '', unit: '户' });
    expect(figureParts({ value: 14, unit: '万元', approx: '余' })).toEqual({ prefix: '', number: '14', suffix: '', unit: '万余元' });
  });

  it('makes base values compact for axes and totals', () => {
    expect(formatCompact(126400000, '元')).toBe('1.26亿元');
    expect(formatCompact(35800000, '元')).toBe('3,580万元');
    expect(formatCompact(1.2e12, '元')).toBe('1.2万亿元');
    expect(formatCompact(288, '人')).toBe('288人');
    expect(formatCompact(120000000)).toBe('1.2亿');
    expect(formatCompact(9.32, '%')).toBe('9.32%');
  });

  it('groups thousands the zh-CN way', () => {
    expect(formatNumber(3580)).toBe('3,580');
    expect(formatNumber(3580, { grouping: false })).toBe('3580');
    expect(formatNumber(1.5, { decimals: 2 })).toBe('1.50');
  });

  it('normalises pasted text', () => {
    expect(normalizeFigureText('２１６．６６％ 1，392.1　万元')).toBe('216.66% 1392.1 万元');
  });
});

describe('extractFigures', () => {
  // Text as it comes out of a newspaper PDF: spaces inside figures, a figure broken across lines.
  const paragraph = `截至 3 月末，该行各项存款余额
216.66亿元，较年初增加 12.64亿元；截至2025年第一季度，该行依法起诉96笔不良贷款，涉及金额
1392.1 万元。此次活动共走访干部员工
288人，推送廉政提醒 576条。反诈课堂里，120 余名学生认真聆听，带动2万多农户增收。存款比年初净增 16.43 亿元，增幅
9.32%；参与率为64.85%，资金支持超2100亿元，服务超7000户，个人存款同比增长近30%，共计1315人次，20 余名代表，贷款净增 7.73亿
元。`;

  it('finds every figure of a pasted paragraph', () => {
    expect(extractFigures(paragraph).map((f) => f.raw)).toEqual([
      '216.66亿元', '12.64亿元', '96笔', '1392.1万元', '288人', '576条', '120余名', '2万多', '16.43亿元', '9.32%',
      '64.85%', '超2100亿元', '超7000户', '近30%', '1315人次', '20余名', '7.73亿元',
    ]);
  });

  it('keeps the words after a figure so a caller can see what was counted', () => {
    const f = extractFigures('带动2万多农户增收')[0]!;
    expect([f.base, f.approx, f.baseUnit, f.context.slice(0, 2)]).toEqual([20000, '多', '', '农户']);
  });

  it('ignores dates, ordinals, anniversaries, product names and specs', () => {
    const text = '2025年、2025 年、2023-8-1、7月1日、3月末、5-12月、第一季度、105周年、第六届、第1名、6+X、113+N、1对N、5G、1000M、1.2T、一面旗帜、“四个一”';
    expect(extractFigures(text).map((f) => f.raw)).toEqual([]);
  });

  it('reads rule percentages and Chinese-numeral figures with a unit', () => {
    expect(extractFigures('分别控制在5%、10%、20%、25%以内；超六成客户；两户家庭').map((f) => f.raw)).toEqual(['5%', '10%', '20%', '25%', '超六成', '两户']);
  });
});

describe('edge cases from the sample pages', () => {
  it('keeps 以上 across a line break', () => {
    expect(extractFigures('认领工作目标比全员平均高 10%\n以上').map((f) => f.raw)).toEqual(['10%以上']);
  });
  it('refuses digit runs that are not Chinese numbers', () => {
    expect(parseFigure('五四名').ok).toBe(false);
    expect(fig('一百零五名').value).toBe(105);
  });
  it('moves to the next tier when rounding reaches it', () => {
    expect(formatCompact(99999999, '元')).toBe('1亿元');
    expect(formatCompact(99995000)).toBe('1亿');
    expect(formatCompact(9999, '元')).toBe('9,999元');
  });
});
