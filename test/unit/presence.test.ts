/**
 * A frontmatter figure must be in the body as printed. Tolerated: spaces and a line break inside the figure,
 * full-width digits, thousands separators, a count word after the number. Not tolerated: another marker, a
 * moved marker, other decimals, a rewritten unit.
 */
import { describe, expect, it } from 'vitest';
import { checkPresence } from '../../src/lib/validate/presence.ts';
import { catalog, checkReport, codes } from './support/figure-catalog.ts';

function presence(metrics: Parameters<typeof checkReport>[0], body: string) {
  return checkReport(metrics, body).problems.filter((p) => p.code.startsWith('presence-'));
}

describe('found as printed', () => {
  it('a figure of the report’s own is held to the body like a catalog one', () => {
    expect(codes([[null, '15.4亿元', { label: '支持高速公路建设' }]], '支持高速公路建设15.4亿元。')).toEqual([]);
    expect(codes([[null, '15.4亿元', { label: '支持高速公路建设' }]], '支持高速公路建设15亿元。')).toEqual(['presence-missing']);
  });

  it('forms beyond the simple ones are found as printed: 超六成, 上万个, 3至5个, 2个百分点, 100倍以上', () => {
    expect(codes([[null, '超六成', { label: '覆盖行政村' }], [null, '上万个', { label: '服务点' }], [null, '3至5场', { label: '每季活动' }], [null, '2个百分点', { label: '不良率下降' }], [null, '100倍以上', { label: '增长' }]],
      '覆盖超六成行政村，建成上万个服务点，各网点开展3至5场活动，不良率下降2个百分点，增长100倍以上。')).toEqual([]);
  });

  it.each([
    ['spaces from PDF text', '216.66亿元', '存款余额 216.66 亿元。'],
    ['a line break inside the figure', '216.66亿元', '存款余额216.66\n亿元。'],
    ['a column break inside the digits', '12.64亿元', '存款余额 1\n2.64亿元。'],
    ['full-width digits', '216.66亿元', '存款余额２１６.６６亿元。'],
    ['thousands separators', '1392.1万元', '涉及金额1,392.1万元。'],
    ['full-width digits in the frontmatter', '２１６.６６亿元', '存款余额216.66亿元。'],
  ])('tolerates %s', (_, value, body) => {
    expect(codes([['deposit_balance', value]], body)).toEqual([]);
  });

  it('reads a count word after the number: 2万多农户 counts 户', () => {
    expect(codes([['households_served', '2万多户']], '带动2万多农户增收。')).toEqual([]);
  });

  it('but a count word never stands in for money or a percent', () => {
    expect(codes([['deposit_balance', '30亿元']], '单列30亿专项额度，元旦前到位。')).toEqual(['presence-missing']);
  });

  it('reads units the catalog lists, and nothing else makes them readable', () => {
    expect(codes([['farmland_insured', '14万余亩']], '承保农田14万余亩。')).toEqual([]);
  });
});

describe('a different printing is an error that quotes the body', () => {
  it('余 in the frontmatter where the body says 多', () => {
    const [p, ...rest] = presence([['people_trained', '120余名']], '反诈课堂上，120多名学生认真听讲。');
    expect(rest).toEqual([]);
    expect(p!.code).toBe('presence-approx');
    expect(p!.what).toBe('这里写的是“120余名”，正文里是“120多名”。');
    expect(p!.fix).toBe('照正文写：text: 120多名。');
  });

  it('余 for 多 in a figure of the report’s own, with a prefix: 40余亿元 where the body says 40多亿元', () => {
    const [p] = presence([[null, '40余亿元', { label: '累计发放扶贫贷款', scope: '2019年以来' }]], '2019年以来，累计发放扶贫贷款40多亿元。');
    expect([p!.code, p!.field, p!.what, p!.fix]).toEqual(['presence-approx', 'metrics[0].text', '这里写的是“40余亿元”，正文里是“40多亿元”。', '照正文写：text: 40多亿元。']);
  });

  it('a marker dropped', () => {
    const [p] = presence([['people_trained', '120名']], '反诈课堂上，120 余名学生认真听讲。');
    expect([p!.code, p!.what, p!.fix]).toEqual(['presence-approx', '正文里是“120余名”（约数），这里写成了确数“120名”。', '照正文写：text: 120余名。']);
  });

  it('a marker moved: 14万余元 is not 14余万元', () => {
    const [p] = presence([['financing_provided', '14万余元']], '提供资金支持14余万元。');
    expect([p!.code, p!.what, p!.fix]).toEqual(['presence-approx', '这里写的是“14万余元”，正文里是“14余万元”。', '照正文写：text: 14余万元。']);
  });

  it('a marker dropped after the prefix: 40亿元 where the body says 40余亿元', () => {
    const [p] = presence([['financing_provided', '40亿元']], '累计发放贷款40余亿元。');
    expect(p!.fix).toBe('照正文写：text: 40余亿元。');
  });

  it('a marker added that the body does not have', () => {
    const [p] = presence([['people_trained', '120余名']], '120名学生参加。');
    expect([p!.code, p!.what, p!.fix]).toEqual(['presence-approx', '这里写的是约数“120余名”，正文里是确数“120名”。', '照正文写：text: 120名。']);
  });

  it('a rewritten unit: 12000万元 is not how the body prints 1.2亿元', () => {
    const [p] = presence([['financing_provided', '12000万元']], '提供资金支持1.2亿元。');
    expect([p!.code, p!.what, p!.fix]).toEqual(['presence-form', '这里写的是“12000万元”，正文里印的是“1.2亿元”。', '照正文写：text: 1.2亿元。']);
  });

  it('other decimals: 12.6亿元 is not how the body prints 12.60亿元', () => {
    expect(codes([['financing_provided', '12.6亿元']], '提供资金支持12.60亿元。')).toEqual(['presence-form']);
  });

  it('a line break inside the body’s figure is not quoted', () => {
    const [p] = presence([['people_trained', '120余名']], '共有120多\n名学生。');
    expect(p!.what).toBe('这里写的是“120余名”，正文里是“120多名”。');
  });
});

describe('not found', () => {
  it('names the figures of the same unit nearest in size', () => {
    const [p] = presence([['deposit_balance', '216.68亿元']], '存款余额216.66亿元，贷款余额105.15 亿元，净增12.64亿元，另有500万元。');
    expect(p!.code).toBe('presence-missing');
    expect(p!.what).toBe('“各项存款余额”写的是 216.68亿元，正文里找不到这个数字。正文里同单位的数字有：“216.66亿元”、“105.15亿元”、“12.64亿元”。');
  });

  it('says when the digits are there in another unit', () => {
    const [p] = presence([['people_trained', '120名']], '走访120户。');
    expect(p!.fix).toBe('核对单位：正文是“120户”，这里写的是“120名”；照正文写 text: 120户，或换成正文里真正的那个数字。');
  });

  it('does not look for derived figures', () => {
    const metrics = checkReport([['deposit_balance', '216.66亿元']], '存款余额216.66亿元。');
    const m = { ...metrics.report!.metrics[0]!, derived: true, text: '999亿元' };
    expect(checkPresence([m], '正文', { file: 'x.md', baseUnits: catalog.baseUnits, locate: () => undefined })).toEqual([]);
  });

  it('reads the body as given: an MDX component is not a figure', () => {
    // A .md body: the component is not expanded (and is itself an error), so the figure is not in the text.
    expect(presence([['deposit_balance', '216.66亿元']], '存款余额<Figure metric="deposit_balance" />。').map((p) => p.code)).toEqual(['presence-missing']);
  });
});
