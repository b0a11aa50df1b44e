/** Figures in running text as newspapers and Word print them, found at their place in the original text. */
import { describe, expect, it } from 'vitest';
import { compactFigureText, figureKey, findFigures } from '../../src/lib/figures/index.ts';
import { vocab } from './support/figure-catalog.ts';

const texts = (t: string) => findFigures(t, vocab).map((f) => f.text);

describe('offsets are in the original text', () => {
  it('slicing the original at start/end gives the figure’s text, spaces and line breaks included', () => {
    const t = '截至 3 月末，该行各项存款余额\n216.66 亿元，较年初增加 1\n2.64亿元；涉及金额1,392.1\n万元，共计１３１５人次。';
    const found = findFigures(t, vocab);
    expect(found.map((f) => f.text)).toEqual(['216.66 亿元', '1\n2.64亿元', '1,392.1\n万元', '１３１５人次']);
    for (const f of found) expect(t.slice(f.start, f.end)).toBe(f.text);
    expect(found.map((f) => f.base)).toEqual([21666000000, 1264000000, 13921000, 1315]);
  });

  it('offsets stay right after full-width characters and dropped separators earlier in the text', () => {
    const t = '２０２５年，累计１，２００户；　共 9.32%';
    const found = findFigures(t, vocab);
    expect(found.map((f) => [f.text, f.start])).toEqual([['１，２００户', 8], ['9.32%', 18]]);
    expect(found.map((f) => t.slice(f.start, f.end))).toEqual(['１，２００户', '9.32%']);
  });
});

describe('at either end of the text', () => {
  it('finds a figure in Chinese numerals that starts or ends the text', () => {
    expect(texts('近九成')).toEqual(['近九成']);
    expect(texts('该行贷款覆盖辖内近九成')).toEqual(['近九成']);
    expect(texts('三分之一的网点完成改造')).toEqual(['三分之一']);
  });
});

describe('spaces and line breaks inside a figure', () => {
  it('joins a number wrapped across lines by a newspaper column', () => {
    expect(texts('推送廉政提醒 5\n76条，服务覆盖县域 9\n0%以上经营主体').map(compactFigureText)).toEqual(['576条', '90%以上']);
  });

  it('joins the unit or the marker on the next line', () => {
    expect(texts('贷款净增 7.73亿\n元；比全员平均高 10%\n以上；送发288\n封')).toEqual(['7.73亿\n元', '10%\n以上', '288\n封']);
  });

  it('keeps two numbers on one line apart, and never joins across a blank line', () => {
    expect(texts('第一组 5 6个')).toEqual(['6个']);
    expect(texts('增长到5\n\n6个网点')).toEqual(['6个']);
  });

  it('reads a marker set apart by a space', () => {
    expect(texts('120 余名学生、超 60户、约 3.5亿元')).toEqual(['120 余名', '超 60户', '约 3.5亿元']);
  });
});

describe('number forms in running text', () => {
  it('reads a pasted paragraph', () => {
    const paragraph = `该行依法起诉96笔不良贷款，涉及金额1392.1 万元。此次活动共走访干部员工
288人，推送廉政提醒 576条。反诈课堂里，120 余名学生认真聆听，带动2万多农户增收。存款比年初净增 16.43 亿元，增幅
9.32%；参与率为64.85%，资金支持超2100亿元，服务超7000户，个人存款同比增长近30%，共计1315人次。`;
    expect(texts(paragraph).map(compactFigureText)).toEqual([
      '96笔', '1392.1万元', '288人', '576条', '120余名', '2万多', '16.43亿元', '9.32%', '64.85%', '超2100亿元', '超7000户', '近30%', '1315人次',
    ]);
  });

  it('reads the forms real articles use', () => {
    const t = '累计发放扶贫贷款40余亿元，投放经营快贷8400余万元，承保14万余亩，创建上万个，数百名志愿者，约百万元，'
      + '超六成客户，三分之一，收益提高100倍以上，占比提高2个百分点，四个县区，两千余人，一百多户，3至5个，10—15万元，3-5家。';
    expect(texts(t)).toEqual([
      '40余亿元', '8400余万元', '14万余亩', '上万个', '数百名', '约百万元', '超六成', '三分之一', '100倍以上', '2个百分点', '四个', '两千余人',
      '一百多户', '3至5个', '10—15万元', '3-5家',
    ]);
  });

  it('reads counts glued together and keeps the count word after them', () => {
    const found = findFigures('帮扶396户1480人，120余名学生，带动2万多农户增收', vocab);
    expect(found.map((f) => [f.text, f.after.slice(0, 2)])).toEqual([['396户', '14'], ['1480人', '，1'], ['120余名', '学生'], ['2万多', '农户']]);
    expect(found[3]!.baseUnit).toBe('');
  });

  it('reads the units the vocabulary has, and only those', () => {
    // 吨 is not in this vocabulary: 30 is read as a bare number followed by a count word.
    expect(findFigures('承保12万亩，运输30吨', vocab).map((f) => [f.text, f.baseUnit])).toEqual([['12万亩', '亩'], ['30', '']]);
  });
});

describe('what is not a figure', () => {
  it.each([
    ['dates and years', '2025年3月末、2025 年、2023-8-1、7月1日、5-12月、去年5月-12月、2021、2022年'],
    ['anniversaries, ages, ordinals', '建党105周年、年龄最小的只有 7岁、第六届、排名第1、第一季度'],
    ['time spans', '24小时实时监测、15 分钟服务圈、连续 7 年、3个月、5个工作日、数十年来、近3年'],
    ['telephone numbers and codes', '服务热线 96888、联系电话0354-7223456、编号 12345678'],
    ['names and specs', '6+X、113+N、1对N、5G网络、1000M宽带、1.2T存储、G20'],
    ['slogans in quotes and articles', '“四个一”、“两张皮”、“三会一课”、一面旗帜、一个孩子、一起'],
    ['numerals that count nothing', '党的二十大、十分重要、千家万户、春风万里'],
  ])('%s', (_, text) => {
    expect(texts(text)).toEqual([]);
  });

  it('finds rules and per-unit figures as printed: what they claim is for the claim reader to say', () => {
    expect(texts('每周至少1次、每户可获得5万元')).toEqual(['1次', '5万元']);
  });

  it('a rule word governs only its own clause', () => {
    expect(texts('参加“每月一会”共计1315人次')).toEqual(['1315人次']);
  });
});

describe('the key two printings of one figure share', () => {
  it('tolerates spaces, line breaks, full-width digits and thousands separators', () => {
    for (const t of ['1,392.1 万元', '1392.1\n万元', '１３９２.１万元', '1，392.1万元']) expect(figureKey(t)).toBe('1392.1万元');
  });

  it('does not hide a different printing', () => {
    expect(figureKey('12.60亿元')).not.toBe(figureKey('12.6亿元'));
    expect(figureKey('1.2亿元')).not.toBe(figureKey('12000万元'));
    expect(figureKey('120余名')).not.toBe(figureKey('120多名'));
  });
});
