/**
 * Figures read from an article: what counts as one, whose it is, what it counts, its metric only when the
 * context says it is the org-wide metric, its scope and its as-of date.
 */
import { describe, expect, it } from 'vitest';
import { importText } from './import-support.ts';
import { articlePeriod, articleYear } from '../../src/lib/import/asof.ts';

const texts = (s: string) => importText(s)[0]!.figures.map((f) => f.text);

describe('what is a figure', () => {
  it('keeps amounts, counts and rates as printed, markers and all', () => {
    const [a] = importText('截至3月末，该行各项存款余额216.66亿元，较年初增加12.64亿元，带动2万多农户增收，120 余名学生参加，服务覆盖县域90%以上经营主体，信贷投放超全县三分之一。 王某');
    expect(a!.figures.map((f) => [f.text, f.value, f.unit, f.approx])).toEqual([
      ['216.66亿元', 216.66, '亿元', null],
      ['12.64亿元', 12.64, '亿元', null],
      ['2万多', 2, '万', '多'],
      ['120余名', 120, '名', '余'],
      ['90%以上', 90, '%', '以上'],
      ['三分之一', expect.closeTo(33.33, 1), '%', null],
    ]);
  });

  it('leaves out dates, ordinals, frequencies, rules, targets, telephone numbers, specs and enumerations', () => {
    expect(texts([
      '2025年4月，该行举办第六届演讲比赛，每周至少开展1次宣讲，考评得分必须在70分及以上，',
      '星级支部分别控制在支部总数的5%以内，力争全年新增贷款50亿元以上。咨询电话0354-1234567，',
      '开通5G网络和1000M宽带，从五个层面进行考核，推行三项制度，坚决落实中央八项规定精神，共走访农户380户。',
    ].join(''))).toEqual(['380户']);
  });

  it('sets aside what the article quotes about others, and says why', () => {
    const [a] = importText('数据显示，截至2024年末，全国涉农贷款余额已超过59万亿元，同比增长9.6%。据县公安局通报，全县诈骗案件下降31.6%。截至6月末，该行涉农贷款余额98.7亿元。');
    expect(a!.figures.map((f) => f.text)).toEqual(['98.7亿元']);
    expect(a!.setAside.map((f) => f.text)).toEqual(['超过59万亿元', '9.6%', '31.6%']);
    expect(a!.setAside[0]!.reason).toContain('全国');
  });

  it('keeps a share of the county and a count across it as the org\'s own', () => {
    expect(texts('该行信贷投放总量超全县三分之一，实现全县190个行政村党建联建全覆盖。')).toEqual(['三分之一', '190个']);
  });
});

describe('labels, metrics and scopes', () => {
  it('names the catalog metric when the context says it is the org-wide one', () => {
    const [a] = importText('截至3月末，介休农商银行各项存款余额216.66亿元，较年初增加12.64亿元；实体贷款余额105.15亿元，较年初增加3.93亿元。该行依法起诉96笔不良贷款，涉及金额1392.1万元。');
    expect(a!.figures.map((f) => [f.text, f.key])).toEqual([
      ['216.66亿元', 'deposit_balance'],
      ['12.64亿元', 'deposit_increase'],
      ['105.15亿元', 'entity_loan_balance'],
      ['3.93亿元', 'entity_loan_increase'],
      ['96笔', 'bad_loans_sued'],
      ['1392.1万元', 'bad_loans_sued_amount'],
    ]);
    expect(a!.figures[0]!.label).toBe('各项存款余额');
    expect(a!.figures.filter((f) => f.featured).length).toBeGreaterThan(0);
  });

  it('gives a scope instead of a metric to a period, a product, a segment or a sub-branch', () => {
    const [a] = importText([
      '近3年来，毕节建行累计投放个人经营贷款30余亿元。2019年以来，该行累计发放扶贫贷款40余亿元。',
      '该行投放“裕农快贷”8400余万元。',
      '第一次走进临湘支行，党建辅导员深感责任重大。2023年上半年支行个人存款同比增长超20%。',
    ].join('\n'));
    expect(a!.figures.map((f) => [f.text, f.key, f.scope])).toEqual([
      ['30余亿元', null, '近3年'],
      ['40余亿元', null, '2019年以来'],
      ['8400余万元', null, '裕农快贷'],
      ['超20%', null, '临湘支行'],
    ]);
  });

  it('does not take a generic alias (涉及金额) for a metric the sentence is not about', () => {
    const [a] = importText('今年以来，该行成功堵截可疑交易15笔，涉及金额1260万元。');
    expect(a!.figures.map((f) => f.key)).toEqual([null, null]);
  });

  it('gives each figure the date its claim reads, never after publication', () => {
    const [a] = importText('2025-04-22\n截至3月末，该行存款216.66亿元；今年以来累计清收1.35亿元；2023年上半年增长10.2%；去年5月-12月参加1315人次；2025年全年新增贷款20亿元。');
    expect(a!.figures.map((f) => [f.text, f.asOf])).toEqual([
      ['216.66亿元', '2025-03'],
      ['1.35亿元', '2025-04-22'],
      ['10.2%', '2023-H1'],
      ['1315人次', '2024-12'],
      ['20亿元', '2025-04-22'],
    ]);
  });
});

describe('read as the claims the check reads', () => {
  const article = (body: string) => importText(`介休农商银行党建赋能\n2025-04-22\n${body}`)[0]!;

  it('writes a key only where the check accepts the claim: a cumulative total is a scope, this year’s total the metric', () => {
    const a = article('该行累计发放贷款100亿元。今年以来，该行累计发放贷款12亿元。');
    expect(a.figures.map((f) => [f.text, f.key, f.scope ?? null])).toEqual([
      ['100亿元', null, '累计'],
      ['12亿元', 'loan_issued', null],
    ]);
  });

  it('dates a figure by its sentence: a scope since a year and up to now at publication, never the scope’s first year', () => {
    const a = article('2019年以来，该行累计发放扶贫贷款40余亿元。截至3月末，该行各项存款余额216.66亿元。');
    expect(a.figures.map((f) => [f.text, f.scope ?? null, f.asOf, f.asOfUnsure ?? null])).toEqual([
      ['40余亿元', '2019年以来', '2025-04-22', null],
      ['216.66亿元', null, '2025-03', null],
    ]);
  });

  it('dates a figure whose sentence and paragraph say no date at publication, for the writer to confirm', () => {
    const [f] = article('该行开展金融知识宣传活动36场。').figures;
    expect(f!.asOf).toBe('2025-04-22');
    expect(f!.asOfUnsure).toContain('没说截至日期');
  });

  it('sets aside plans and rules with the word that says so, and someone else’s figure with whose it is', () => {
    const a = article([
      '根据《2025—2027年发展规划》，到2027年末，该行各项存款余额力争达到300亿元。',
      '该行客户经理每周至少开展1次宣讲。',
      '据人民银行统计，全国普惠小微贷款余额36.1万亿元。',
    ].join('\n'));
    expect(a.figures).toEqual([]);
    expect(a.setAside.map((s) => [s.text, s.kind])).toEqual([['300亿元', 'plan'], ['1次', 'rule'], ['36.1万亿元', 'other']]);
    expect(a.setAside[0]!.reason).toContain('到2027年末');
    expect(a.setAside[1]!.reason).toContain('至少');
    expect(a.setAside[2]!.reason).toContain('全国');
  });

  it('keeps a per-unit figure without a key, its label saying 每 or 户均', () => {
    const a = article('该行推行整村授信，户均授信12.6万元，为每户授信30万元。');
    expect(a.figures.map((f) => [f.text, f.key])).toEqual([['12.6万元', null], ['30万元', null]]);
    expect(a.figures.every((f) => /每|户均/.test(f.label ?? ''))).toBe(true);
  });

  it('reads 该行 after another bank’s name as that bank', () => {
    const a = article('今年以来，宁波甬城农商银行坚持“小额、分散”的定位。截至3月末，该行普惠型小微企业贷款余额286.4亿元。');
    expect(a.figures).toEqual([]);
    expect(a.setAside[0]!.reason).toContain('宁波甬城农商银行');
  });
});

describe('the year and period of an article without a publication date', () => {
  const text = '2025年是《2025—2027年发展规划》的开局之年。截至2025年3月末，该行存款96.38亿元。到2027年末，存款力争达到130亿元。';

  it('is the latest year it prints that is not a plan’s, and the latest day its figures stand at', () => {
    expect(articleYear(text, undefined)).toBe(2025);
    expect(articleYear(text, '2024-12-30')).toBe(2024);
    expect(articlePeriod(text, 2025)).toBe('2025-03');
  });
});
