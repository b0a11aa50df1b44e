/**
 * The figures of a report as real articles print them: the printed text is the figure (never rebuilt), any
 * number of figures of one kind and date told apart by label and scope, a key only for the organisation's own
 * metric, forms that are not one number kept off rankings, the old value/unit/approx form refused with the
 * text to write, and one rule for the figures that lead.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { reportCardData } from '../../src/cards/data.ts';
import { catalogIssues } from '../../src/lib/catalog.ts';
import { leadFigures, listFigures, panelFigures } from '../../src/lib/featured.ts';
import { figureCaption, isCatalogFigure } from '../../src/lib/figures/catalog-figures.ts';
import type { ResolvedMetric } from '../../src/lib/model.ts';
import { figureDisplayParts } from '../../src/lib/figures/index.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { loadContent } from '../helpers/content.ts';
import { CATALOG_YAML, checkReport, checkSource, codes } from './support/figure-catalog.ts';

const resolved = (lines: Parameters<typeof checkReport>[0], body: string) => {
  const r = checkReport(lines, body);
  expect(r.problems.map((p) => p.code)).toEqual([]);
  return r.report!.metrics;
};

describe('a figure is its printed text', () => {
  it.each([
    ['40余亿元', '40余亿元'],
    ['40亿余元', '40亿余元'],
    ['超六成', '覆盖超六成行政村'],
    ['近180万户', '服务近180万户'],
    ['2.71万亿元', '贷款2.71万亿元'],
    ['100倍以上', '增长100倍以上'],
    ['3至5场', '各开展3至5场'],
    ['12.60亿元', '提供资金支持12.60亿元'],
    ['1,392.1万元', '涉及金额1,392.1万元'],
  ])('%s is kept as written, and its parts slice it back whole', (text, body) => {
    const [m] = resolved([[null, text, { label: '一个数字' }]], `${body}。`);
    expect(m!.text).toBe(text);
    const p = figureDisplayParts(m!.text);
    expect(`${p.before}${p.number}${p.after}`).toBe(text);
  });

  it('a YAML number keeps its printed digits: text: 12.60 is not 12.6 (and has no unit)', () => {
    const r = checkSource('  - text: 12.60\n    label: 增幅\n    asOf: 2025-03-31', '增幅12.60。');
    expect(r.problems.map((p) => [p.code, p.what])).toEqual([['metric-unit-missing', '“增幅”写的是 12.60，没有单位。']]);
  });

  it('40余亿元 and 40亿余元 stand for different amounts', () => {
    const [a] = resolved([[null, '40余亿元', { label: '甲' }]], '40余亿元。');
    const [b] = resolved([[null, '40亿余元', { label: '甲' }]], '40亿余元。');
    expect(a!.interval).toEqual([40e8, 50e8]);
    expect(b!.interval).toEqual([40e8, 41e8]);
  });
});

describe('the old form (value, unit, approx) is refused with the text to write', () => {
  it('quotes the body’s printing: value 40 + 亿元 + 余 is written 40余亿元 where the body says so', () => {
    const r = checkSource('  - key: financing_provided\n    value: 40\n    unit: 亿元\n    approx: 余\n    asOf: 2025-03-31', '\n2019年以来累计提供资金支持40余亿元。');
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect([p!.code, p!.field, p!.line]).toEqual(['metric-old-form', 'metrics[0].value', 9]);
    expect(p!.fix).toBe('把 value、unit、approx 三行换成一行 text: 40余亿元——正文第 15 行印的就是“40余亿元”，请对照确认。');
  });

  it('without the figure in the body, quotes the parts put together and says to check', () => {
    const [p] = checkSource('  - key: people_trained\n    value: 120\n    unit: 名\n    asOf: 2025-03-31', '学生参加。').problems;
    expect(p!.code).toBe('metric-old-form');
    expect(p!.fix).toContain('text: 120名');
    expect(p!.fix).toContain('正文里没有找到这个数字');
  });

  it('a unit beside a text is refused too, and nothing else is said about that figure', () => {
    const r = checkSource('  - text: 216.66亿元\n    unit: 亿元\n    key: deposit_balance\n    asOf: 2025-03-31', '存款余额216.66亿元。');
    expect(r.problems.map((p) => [p.code, p.fix])).toEqual([['metric-old-form', '删掉 unit 这一行：text 已经是整个数字。']]);
  });

  it('other problems of the report are still reported in the same run', () => {
    const r = checkSource('  - key: people_trained\n    value: 120\n    unit: 名\n    asOf: 2025-03-31\n  - text: 30亿元\n    key: deposit_balance\n    asOf: 2025-03-31', '120名学生。');
    expect(r.problems.map((p) => p.code)).toEqual(['metric-old-form', 'presence-missing']);
  });
});

describe('many figures per report', () => {
  const body = '截至3月末，各项贷款余额326.9亿元，涉农贷款余额126.4亿元。近3年累计投放个人经营贷款30余亿元；2019年以来累计发放扶贫贷款40余亿元，支持高速公路建设15.4亿元；今年一季度投放“裕农快贷”8400余万元；为龙头企业提供授信4.6亿元；个人住房贷款余额210.5亿元，小微企业贷款余额52.3亿元，消费贷款余额18.7亿元。';
  const ten: Parameters<typeof checkReport>[0] = [
    ['loan_balance', '326.9亿元'],
    ['agri_loan_balance', '126.4亿元'],
    [null, '30余亿元', { label: '累计投放个人经营贷款', scope: '近3年' }],
    [null, '40余亿元', { label: '累计发放扶贫贷款', scope: '2019年以来' }],
    [null, '15.4亿元', { label: '支持高速公路建设', scope: '2019年以来' }],
    [null, '8400余万元', { label: '投放“裕农快贷”', scope: '今年一季度' }],
    [null, '4.6亿元', { label: '为龙头企业提供授信' }],
    [null, '210.5亿元', { label: '个人住房贷款余额' }],
    [null, '52.3亿元', { label: '小微企业贷款余额' }],
    [null, '18.7亿元', { label: '消费贷款余额' }],
  ];

  it('ten loan amounts at one date pass, each as printed', () => {
    const ms = resolved(ten, body);
    expect(ms).toHaveLength(10);
    expect(new Set(ms.map((m) => m.asOf))).toEqual(new Set(['2025-03-31']));
    expect(ms.map((m) => m.text)).toEqual(ten.map((l) => l[1]));
    expect(ms.every((m) => m.dimension === 'money')).toBe(true);
    expect(ms.filter(isCatalogFigure).map((m) => m.key)).toEqual(['loan_balance', 'agri_loan_balance']);
  });

  it('the same label twice at one date: the same text is a duplicate, another text a conflict', () => {
    expect(codes([[null, '15.4亿元', { label: '支持高速公路建设' }], [null, '15.4亿元', { label: '支持高速公路建设' }]], '支持高速公路建设15.4亿元。')).toEqual(['metric-duplicate']);
    expect(codes([[null, '15.4亿元', { label: '支持高速公路建设' }], [null, '4.6亿元', { label: '支持高速公路建设' }]], '支持高速公路建设15.4亿元，又4.6亿元。')).toEqual(['metric-conflict']);
    // Told apart by scope, they are two figures.
    expect(codes([[null, '15.4亿元', { label: '支持高速公路建设', scope: '2019年以来' }], [null, '4.6亿元', { label: '支持高速公路建设', scope: '今年' }]], '支持高速公路建设15.4亿元，今年4.6亿元。')).toEqual([]);
  });

  it('a catalog metric written twice under its own name is a duplicate', () => {
    expect(codes([['deposit_balance', '216.66亿元'], [null, '216.66亿元', { label: '各项存款余额' }]], '存款余额216.66亿元。')).toEqual(['metric-duplicate']);
  });
});

describe('figures of the report’s own (no key)', () => {
  it('take their dimension from their unit', () => {
    const ms = resolved([[null, '近1.8万户', { label: '支持农户' }], [null, '146名', { label: '党员金融助理' }], [null, '近九成', { label: '覆盖行政村' }], [null, '14万余亩', { label: '承保农田' }]], '支持农户近1.8万户，党员金融助理146名，覆盖近九成行政村，承保农田14万余亩。');
    expect(ms.map((m) => [m.dimension, m.baseUnit])).toEqual([['households', '户'], ['people', '名'], ['percent', '%'], ['area', '亩']]);
    expect(ms.every((m) => m.key === undefined && m.definition === undefined)).toBe(true);
  });

  it('need a label, and a unit the catalog knows', () => {
    expect(codes([[null, '15.4亿元']], '15.4亿元。')).toEqual(['metric-label-missing']);
    expect(codes([[null, '15.4亿斤', { label: '粮食' }]], '15.4亿斤。')).toEqual(['metric-text']);
    expect(codes([[null, '15', { label: '项目' }]], '15个项目。')).toEqual(['metric-unit-missing']);
  });

  it('may be a range or a change of a rate, which a key may not be for a balance or an amount', () => {
    expect(codes([[null, '3至5场', { label: '宣传活动' }], [null, '2个百分点', { label: '不良率下降' }]], '宣传活动3至5场，不良率下降2个百分点。')).toEqual([]);
    expect(codes([['events_held', '3至5场']], '开展活动3至5场。')).toEqual(['metric-form']);
    expect(codes([['deposit_increase', '2个百分点']], '增加2个百分点。')).toEqual(['metric-form']);
    // A rate metric whose unit is the change of a rate takes it.
    expect(codes([['rate_change', '2个百分点']], '不良率下降2个百分点。')).toEqual([]);
    const [p] = checkReport([['events_held', '3至5场']], '开展活动3至5场。').problems;
    expect(p!.why).toContain('区间没法排名和相加');
  });

  it('are shown with their scope when the label does not say it', () => {
    expect(figureCaption({ label: '累计投放个人经营贷款', scope: '近3年' })).toBe('累计投放个人经营贷款（近3年）');
    expect(figureCaption({ label: '近3年累计投放个人经营贷款', scope: '近3年' })).toBe('近3年累计投放个人经营贷款');
    expect(figureCaption({ label: '各项贷款余额' })).toBe('各项贷款余额');
  });
});

describe('a key with a scope', () => {
  it('is accepted when the catalog metric is itself of that scope', () => {
    const [m] = resolved([['poverty_loan_issued', '40余亿元', { label: '发放扶贫贷款', scope: '扶贫贷款' }]], '今年以来发放扶贫贷款40余亿元。');
    expect([m!.key, m!.scope, m!.label]).toEqual(['poverty_loan_issued', '扶贫贷款', '发放扶贫贷款']);
  });

  it('is refused otherwise, naming the metric of that scope when the catalog has one', () => {
    const [p] = checkReport([['loan_balance', '58.2亿元', { scope: '涉农' }]], '涉农贷款余额58.2亿元。').problems;
    expect([p!.code, p!.field]).toEqual(['metric-scope', 'metrics[0].scope']);
    expect(p!.fix).toContain('key: agri_loan_balance');
    const [q] = checkReport([['loan_balance', '30余亿元', { scope: '近3年', label: '累计投放个人贷款' }]], '近3年累计投放个人贷款30余亿元。').problems;
    expect([q!.code, q!.fix.startsWith('删掉 key')]).toEqual(['metric-scope', true]);
  });

  it('the catalog refuses one scope word for two metrics of one dimension and kind', () => {
    const data = catalogSchema.parse(parse(CATALOG_YAML.replace('- { key: loan_balance, label: 各项贷款余额,', '- { key: loan_balance, label: 各项贷款余额, scopes: [涉农],')));
    expect(catalogIssues(data)).toEqual(['口径“涉农”同时属于同类指标 loan_balance 和 agri_loan_balance']);
    expect(catalogIssues(catalogSchema.parse(parse(readFileSync('content/metrics.yaml', 'utf8').replace(/^#.*$/gm, ''))))).toEqual([]);
  });
});

describe('featured figures and the default rule', () => {
  const body = '存款余额216.66亿元，较年初增加12.64亿元，贷款余额105.15亿元；志愿者120余名；培训学生3000人；近3年投放个人贷款30余亿元；服务点覆盖近九成行政村。';
  const lines: Parameters<typeof checkReport>[0] = [
    [null, '近九成', { label: '服务点覆盖行政村' }],
    ['people_trained', '3000人'],
    [null, '30余亿元', { label: '投放个人贷款', scope: '近3年' }],
    ['deposit_increase', '12.64亿元'],
    ['loan_balance', '105.15亿元'],
    ['deposit_balance', '216.66亿元'],
  ];

  it('default: money balances largest first, then amounts, then counts; the report’s own figures after; at most N', () => {
    const ms = resolved(lines, body);
    expect(leadFigures(ms).map((m) => m.text)).toEqual(['216.66亿元', '105.15亿元', '12.64亿元', '3000人']);
    expect(leadFigures(ms, 6).map((m) => m.text)).toEqual(['216.66亿元', '105.15亿元', '12.64亿元', '3000人', '30余亿元', '近九成']);
    expect(leadFigures(ms, 2)).toHaveLength(2);
  });

  it('featured figures lead in their order; the default rule fills the rest', () => {
    const ms = resolved([[null, '近九成', { label: '服务点覆盖行政村', featured: 2 }], ['people_trained', '3000人', { featured: 1 }], ...lines.slice(2)], body);
    expect(leadFigures(ms).map((m) => m.text)).toEqual(['3000人', '近九成', '216.66亿元', '105.15亿元']);
    // Across reports (an organisation's card) featured is not used.
    expect(leadFigures(ms, 4, { featured: false }).map((m) => m.text)).toEqual(['216.66亿元', '105.15亿元', '12.64亿元', '3000人']);
  });

  it('only the latest date of a figure leads; derived figures come last', () => {
    const ms = resolved([['deposit_balance', '200.1亿元', { asOf: '2024-12-31' }], ['deposit_balance', '216.66亿元'], ['people_trained', '3000人', { derived: true, note: '各场人数相加' }], ['participants', '120余人']], '年初存款余额200.1亿元，3月末216.66亿元；参与120余人。');
    expect(leadFigures(ms).map((m) => m.text)).toEqual(['216.66亿元', '120余人', '3000人']);
  });

  it('a list entry shows the first three lead figures, the same for every list the report is in', () => {
    const ms = resolved(lines, body);
    expect(listFigures(ms).map((m) => m.text)).toEqual(['216.66亿元', '105.15亿元', '12.64亿元']);
    expect(listFigures(ms)).toBe(listFigures(ms));
    const featured = resolved([[null, '近九成', { label: '服务点覆盖行政村', featured: 1 }], ...lines.slice(1)], body);
    expect(listFigures(featured).map((m) => m.text)).toEqual(['近九成', '216.66亿元', '105.15亿元']);
  });

  it('the report panel shows the lead figures first, then every other figure in the report’s order', () => {
    const ms = resolved(lines, body);
    const { lead, rest } = panelFigures(ms);
    expect([...lead, ...rest].map((m) => m.text).sort()).toEqual(ms.map((m) => m.text).sort());
    expect(rest.map((m) => m.text)).toEqual(['近九成', '30余亿元']);
  });
});

describe('card data', () => {
  it('each figure of a card and its parts are the printed text of its report, led by the default rule', async () => {
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const r = model.reports.find((x) => x.slug === 'yanshi-2025q1-xiangcun')!;
    const card = reportCardData(r, model);
    expect(card.summary).toBe(r.summary);
    expect(card.figures.map((f) => f.text)).toEqual(['326.9亿元', '126.4亿元', '51.26亿元', '18.7亿元', '14.45亿元', '40余亿元']);
    for (const f of card.figures) {
      expect(`${f.prefix}${f.number}${f.unit}`).toBe(f.text);
      expect(r.text.replace(/\s+/g, '')).toContain(f.text);
    }
    expect(card.figures.map((f) => f.label)).toContain('累计发放扶贫贷款（2019年以来）');
  });

  it('an organisation card names the report each figure comes from', async () => {
    const { orgCardData } = await import('../../src/cards/data.ts');
    const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
    const published = model.reports.filter((r) => r.published);
    const org = model.registry.byId.get('yanshi')!;
    const card = orgCardData(org, published, model)!;
    const titles = new Set(published.filter((r) => r.org.id === 'yanshi').map((r) => r.title));
    for (const f of card.figures) expect(titles.has(f.from!)).toBe(true);
    const byText = (m: ResolvedMetric) => m.text;
    expect(card.figures.map((f) => f.text)).toContain(published.filter((r) => r.org.id === 'yanshi').flatMap((r) => r.metrics).map(byText).find((t) => t === '338.62亿元'));
  });
});
