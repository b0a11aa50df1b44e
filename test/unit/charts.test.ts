/**
 * Charts: which figures may share a chart (unit, scope, magnitude, meaning), short titles, printed figures in
 * tables and tooltips, the Chart.js configuration, and every tick label inside the canvas at 390 px in
 * Chromium (the same client script the site ships, bundled with esbuild).
 */
import { build as bundle } from 'esbuild';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ranking, themeCountsByYear, type RankEntry } from '../../src/lib/aggregate.ts';
import {
  MAX_RATIO, MAX_TITLE, chartTitle, comparableMagnitudes, comparisonChart, orgTrendCharts, orgTrendSeries, rankingChart,
  reportCharts, themeChart, trendChart, type ChartSpec,
} from '../../src/charts/configs.ts';
import { chartHeight, seriesColors, toConfig, wrapLabel } from '../../src/charts/chartjs.ts';
import type { Report, ResolvedMetric } from '../../src/lib/model.ts';
import { loadContent } from '../helpers/content.ts';
import { launch } from '../../tools/browser.ts';

const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
const published = model.reports.filter((r) => r.published);
const relations = model.catalog.relations;
const report = (slug: string) => model.reports.find((r) => r.slug === slug)!;

interface Scale { stacked?: boolean; beginAtZero?: boolean; ticks: { callback?: (v: number) => string | string[]; autoSkip?: boolean; maxRotation?: number } }
interface Built {
  type: string;
  data: { labels: string[]; datasets: { label: string; data: number[]; backgroundColor: string }[] };
  options: {
    indexAxis: string;
    animation: unknown;
    scales: Record<string, Scale>;
    plugins: { legend?: unknown; tooltip: { callbacks: { label: (ctx: unknown) => string } } };
  };
}
const build = (spec: ChartSpec, opts: Parameters<typeof toConfig>[1] = { animate: true }) => toConfig(spec, opts) as unknown as Built;
const tooltip = (cfg: Built, value: number, axis: 'x' | 'y', label = 'x', dataIndex = 0) =>
  cfg.options.plugins.tooltip.callbacks.label({ dataset: { label }, parsed: { [axis]: value }, datasetIndex: 0, dataIndex });

/** A figure as the model resolves it, for inline cases the fixtures do not have. */
function figure(key: string, text: string, base: number, asOf: string, extra: Partial<ResolvedMetric> & { scope?: string } = {}): ResolvedMetric {
  const definition = model.catalog.byKey.get(key)!;
  const baseUnit = extra.baseUnit ?? (definition.dimension === 'money' ? '元' : definition.dimension === 'percent' ? '%' : '人');
  const m = {
    key, label: definition.label, definition, dimension: definition.dimension, text, form: 'number', value: base, unit: baseUnit, decimals: 0,
    base, baseUnit, multiplier: 1, interval: [base, base], asOf, asOfLabel: `${asOf}末`, derived: false, index: 0, ...extra,
  };
  return m as unknown as ResolvedMetric;
}
function withMetrics(slug: string, metrics: ResolvedMetric[], over: Partial<Report> = {}): Report {
  return { ...report(slug), metrics, ...over };
}

/** Every chart the fixture site draws from figures. */
function allFigureCharts(): ChartSpec[] {
  const orgs = new Set(published.map((r) => r.org.id));
  return [
    ...published.flatMap((r) => reportCharts(r, relations, published)),
    ...[...orgs].flatMap((id) => orgTrendCharts(published, id).map((c) => c.spec)),
    ...model.catalog.metrics.map((m) => rankingChart(m.label, ranking(published, m.key))).filter((c): c is ChartSpec => !!c),
  ];
}

describe('what may share a chart', () => {
  it('magnitudes: at most MAX_RATIO apart on a linear axis, none zero, a decrease counted by size', () => {
    expect(MAX_RATIO).toBe(50);
    expect(comparableMagnitudes([216.66e8, 12.64e8])).toBe(true);
    expect(comparableMagnitudes([1, 50])).toBe(true);
    expect(comparableMagnitudes([1, 50.5])).toBe(false);
    expect(comparableMagnitudes([2100e8, 7e7])).toBe(false);
    expect(comparableMagnitudes([0, 5])).toBe(false);
    expect(comparableMagnitudes([100e8, -3e8])).toBe(true);
    expect(comparableMagnitudes([])).toBe(false);
  });

  it('titles fit MAX_TITLE characters, falling back to shorter wordings and finally an ellipsis', () => {
    expect(chartTitle('各项存款余额与增量', '余额与增量')).toBe('各项存款余额与增量');
    expect(chartTitle('财政住建等部门及企业入驻账户变化趋势', '财政住建等部门及企业入驻账户变化')).toBe('财政住建等部门及企业入驻账户变化');
    const cut = chartTitle('一二三四五六七八九十一二三四五六七八九十');
    expect([...cut]).toHaveLength(MAX_TITLE);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('every chart of the fixture site: a short title that lists nothing, one base unit, values within MAX_RATIO', () => {
    const charts = allFigureCharts();
    expect(charts.length).toBeGreaterThan(20);
    for (const c of charts) {
      expect([...c.title].length, c.title).toBeLessThanOrEqual(MAX_TITLE);
      expect(c.title, c.title).not.toMatch(/[、，,]/);
      const values = c.datasets.flatMap((d) => d.data);
      expect(comparableMagnitudes(values), `${c.title}: ${values.join(' ')}`).toBe(true);
      expect(c.table.rows.length).toBeGreaterThan(0);
    }
  });
});

describe('a report’s own charts', () => {
  it('a balance with its increase, same date: titled by the balance, the table shows the printed figures', () => {
    const jiexiu = report('jiexiu-2025q1');
    const charts = reportCharts(jiexiu, relations, published);
    expect(charts.map((c) => c.title)).toEqual(['各项存款余额与增量', '实体贷款余额与增量']);
    const deposit = charts[0]!;
    expect(deposit.labels).toEqual(['各项存款余额', '存款较年初增加']);
    expect(deposit.table.rows.map((r) => r[1])).toEqual(['216.66亿元', '12.64亿元']);
    expect(deposit.datasets[0]!.texts).toEqual(['216.66亿元', '12.64亿元']);
    expect(deposit.note).toBe('截至2025年3月末');
    expect(deposit.format.unit).toBe('元');
  });

  it('a report’s own balance and increase are paired by name; figures that merely share a unit get no chart', () => {
    const yicheng = report('yicheng-2025q1');
    // 起诉不良贷款金额 and 风险资产清降 are money at one date too, but nothing joins them to anything.
    const charts = reportCharts(yicheng, relations, published);
    expect(charts.map((c) => c.title)).toEqual(['实体贷款余额与增量']);
    expect(charts[0]!.labels).toEqual(['实体贷款余额', '实体贷款净增']);
    const people = withMetrics('yangli-2024', [figure('people_trained', '8210人', 8210, '2024-12-31'), figure('volunteers', '175人', 175, '2024-12-31')], { org: { ...report('yangli-2024').org, id: 'nobody' } });
    expect(reportCharts(people, relations, [])).toEqual([]);
  });

  it('an increase too small beside its balance is not drawn with it', () => {
    const m = [figure('deposit_balance', '338.62亿元', 338.62e8, '2025-06-30'), figure('deposit_increase', '0.5亿元', 0.5e8, '2025-06-30')];
    expect(reportCharts(withMetrics('jiexiu-2025q1', m), relations, [])).toEqual([]);
    const close = [m[0]!, figure('deposit_increase', '12.64亿元', 12.64e8, '2025-06-30')];
    expect(reportCharts(withMetrics('jiexiu-2025q1', close), relations, []).map((c) => c.title)).toEqual(['各项存款余额与增量']);
  });

  it('a balance and an increase of different dates or different scopes are not paired', () => {
    const dates = [figure('deposit_balance', '216.66亿元', 216.66e8, '2025-03-31'), figure('deposit_increase', '12.64亿元', 12.64e8, '2024-12-31')];
    expect(reportCharts(withMetrics('jiexiu-2025q1', dates), relations, [])).toEqual([]);
    const scopes = [
      figure('loan_balance', '40余亿元', 40e8, '2025-03-31', { scope: '扶贫贷款' }),
      figure('loan_increase', '3.2亿元', 3.2e8, '2025-03-31'),
    ];
    expect(reportCharts(withMetrics('jiexiu-2025q1', scopes), relations, [])).toEqual([]);
  });

  it('a whole with its parts (part_of and ratio relations), in people of one unit', () => {
    const charts = reportCharts(report('hunan-boc-2023-fudaoyuan'), relations, published);
    expect(charts.map((c) => c.title)).toEqual(['党建辅导员总数及其中部分']);
    expect(charts[0]!.labels).toEqual(['党建辅导员总数', '参加联学共建的辅导员', '完成蹲点体验的辅导员']);
    expect(charts[0]!.table.rows.map((r) => r[1])).toEqual(['202位', '131位', '191位']);
    const one = reportCharts(report('yanshi-2025q1'), relations, published)[0]!;
    expect(one.title).toBe('普惠小微贷款余额与各项贷款余额');
  });

  it('a part too small beside its whole is left out, and the chart says so', () => {
    const m = [
      figure('loan_balance', '338.62亿元', 338.62e8, '2025-06-30'),
      figure('inclusive_loan_balance', '55.38亿元', 55.38e8, '2025-06-30'),
      figure('agri_loan_balance', '5000万元', 0.5e8, '2025-06-30'),
    ];
    const [c] = reportCharts(withMetrics('yanshi-2025q1', m), relations, []);
    expect(c!.labels).toEqual(['各项贷款余额', '普惠小微贷款余额']);
    expect(c!.note).toContain('另有 1 项');
  });

  it('the same metric over time for the organisation, when this report is a point of it', () => {
    const charts = reportCharts(report('shili-2025q2'), relations, published);
    const trend = charts.find((c) => c.title === '各项存款余额变化')!;
    expect(trend.type).toBe('line');
    expect(trend.labels).toHaveLength(6);
    expect(trend.table.rows.at(-1)!.slice(0, 2)).toEqual(['2025年6月末', '91.77亿元']);
    expect(charts.filter((c) => c.type === 'line')).toHaveLength(2);
    // A draft's figures are in no published series: it gets its own charts only.
    const draft = report('shili-draft-2025q3');
    expect(reportCharts(draft, relations, published).every((c) => c.type === 'bar')).toBe(true);
  });

  it('figures quoted about someone else (context) are drawn in no chart: neither paired by name nor by the catalog', () => {
    const quoted = (m: ResolvedMetric, label: string) => ({ ...m, key: undefined, definition: undefined, label, context: true }) as unknown as ResolvedMetric;
    // The province's balance and increase pair by name exactly as a report's own figures do.
    const province = [
      quoted(figure('deposit_balance', '1.2万亿元', 1.2e12, '2025-03-31'), '全省农商银行各项存款余额'),
      quoted(figure('deposit_increase', '860亿元', 860e8, '2025-03-31'), '全省农商银行各项存款较年初增加'),
    ];
    expect(reportCharts(withMetrics('jiexiu-2025q1', province), relations, [])).toEqual([]);
    // Beside the bank's own pair: only the bank's chart, and nothing of the province in it.
    const both = [...report('jiexiu-2025q1').metrics, ...province];
    const charts = reportCharts(withMetrics('jiexiu-2025q1', both), relations, []);
    expect(charts.map((c) => c.title)).toEqual(['各项存款余额与增量', '实体贷款余额与增量']);
    expect(JSON.stringify(charts)).not.toContain('全省');
  });
});

describe('organisation trends', () => {
  const org = report('shili-2024q1').org;
  const at = (slug: string, date: string, metrics: ResolvedMetric[]): Report => ({ ...report('shili-2024q1'), slug, date, metrics, org });

  it('a line joins only the same metric, scope and unit; a report’s own figures are on no line', () => {
    const reports = [
      at('a', '2025-01-10', [figure('loan_balance', '53.42亿元', 53.42e8, '2024-12-31'), figure('volunteers', '46人', 46, '2024-12-31')]),
      at('b', '2025-04-10', [
        figure('loan_balance', '57.45亿元', 57.45e8, '2025-03-31'),
        figure('volunteers', '52名', 52, '2025-03-31', { baseUnit: '名' }),
        figure('inclusive_loan_balance', '51.26亿元', 51.26e8, '2025-03-31'),
      ]),
      at('c', '2025-07-10', [
        // A figure of the report's own (no key) and a narrower scope of the metric: neither continues the line.
        { ...figure('loan_balance', '31.98亿元', 31.98e8, '2025-06-30', { label: '实体贷款余额' }), key: undefined, definition: undefined } as unknown as ResolvedMetric,
        figure('loan_balance', '40余亿元', 40e8, '2025-06-30', { scope: '扶贫贷款' }),
        figure('loan_balance', '58.58亿元', 58.58e8, '2025-06-30'),
        // The metric's own scope, as the catalog lists it: the same line.
        figure('inclusive_loan_balance', '55.38亿元', 55.38e8, '2025-06-30', { scope: model.catalog.byKey.get('inclusive_loan_balance')!.scopes?.[0] ?? '' }),
      ]),
    ];
    const series = orgTrendSeries(reports, org.id);
    const loans = series.filter((s) => s.key === 'loan_balance');
    expect(loans.map((s) => [s.scope, s.points.map((p) => p.metric.text)])).toEqual([
      ['', ['53.42亿元', '57.45亿元', '58.58亿元']],
      ['扶贫贷款', ['40余亿元']],
    ]);
    expect(series.find((s) => s.key === 'inclusive_loan_balance')!.points.map((p) => p.metric.text)).toEqual(['51.26亿元', '55.38亿元']);
    expect(series.filter((s) => s.key === 'volunteers').map((s) => s.baseUnit)).toEqual(['人', '名']);
    const charts = orgTrendCharts(reports, org.id);
    expect(charts.map((c) => c.spec.title)).toEqual(['各项贷款余额变化趋势', '普惠小微贷款余额变化趋势']);
    expect(charts[0]!.spec.table.rows.map((r) => r[1])).toEqual(['53.42亿元', '57.45亿元', '58.58亿元']);
  });

  it('a figure quoted about someone else (context) is on no line, even with a key (the check refuses that)', () => {
    const reports = [
      at('a', '2025-01-10', [figure('loan_balance', '53.42亿元', 53.42e8, '2024-12-31')]),
      at('b', '2025-04-10', [figure('loan_balance', '57.45亿元', 57.45e8, '2025-03-31')]),
      at('c', '2025-07-10', [{ ...figure('loan_balance', '60.2亿元', 60.2e8, '2025-06-30'), label: '全市农商银行各项贷款余额', context: true }]),
    ];
    expect(orgTrendSeries(reports, org.id).map((s) => s.points.map((p) => p.metric.text))).toEqual([['53.42亿元', '57.45亿元']]);
    expect(JSON.stringify(orgTrendCharts(reports, org.id))).not.toContain('60.2亿元');
  });

  it('values too far apart for one axis get no line', () => {
    const reports = [
      at('a', '2025-01-10', [figure('people_trained', '12人', 12, '2024-12-31')]),
      at('b', '2025-04-10', [figure('people_trained', '3000人', 3000, '2025-03-31')]),
    ];
    expect(orgTrendCharts(reports, org.id)).toEqual([]);
  });

  it('a trend from the fixtures: one point per as-of date, printed figures in the description and table', () => {
    const s = orgTrendSeries(published, 'shili').find((x) => x.key === 'deposit_balance' && x.scope === '')!;
    const spec = trendChart(s.label, s.points);
    expect(spec.title).toBe('各项存款余额变化趋势');
    expect(spec.labels).toHaveLength(6);
    expect(spec.table.rows[0]!.slice(0, 2)).toEqual(['2024年3月末', '82.86亿元']);
    expect(spec.description).toContain('2025年6月末91.77亿元');
    expect(spec.datasets[0]!.data[0]).toBe(82.86e8);
  });
});

describe('rankings', () => {
  const base = ranking(published, 'deposit_balance');
  const entry = (e: RankEntry, text: string, value: number, name: string): RankEntry => ({
    report: { ...e.report, org: { ...e.report.org, id: name, name, short: name } },
    metric: { ...e.metric, text, base: value },
  });

  it('horizontal bars in ranking order, places in the table, printed figures', () => {
    const spec = rankingChart('各项存款余额', base)!;
    expect(spec.horizontal).toBe(true);
    expect(spec.datasets[0]!.data).toEqual(base.map((e) => e.metric.base));
    expect(spec.table.rows.map((r) => r[0])).toEqual(base.map((_, i) => String(i + 1)));
    expect(spec.table.rows.map((r) => r[2])).toEqual(base.map((e) => e.metric.text));
    expect(spec.description).toContain(`第1名${base[0]!.report.org.name}`);
  });

  it('organisations thousands of times smaller than the first are left to the table', () => {
    const e0 = base[0]!;
    const entries = [entry(e0, '超2100亿元', 2100e8, '甲'), entry(e0, '216.66亿元', 216.66e8, '乙'), entry(e0, '7000万元', 0.7e8, '丙')];
    const spec = rankingChart('各项存款余额', entries)!;
    expect(spec.labels).toEqual(['甲', '乙']);
    expect(spec.note).toContain('全部 3 家');
    // Lower is better: the band is measured from the first, the smallest.
    const lower = rankingChart('x', [entry(e0, '1%', 1, '甲'), entry(e0, '30%', 30, '乙'), entry(e0, '90%', 90, '丙')])!;
    expect(lower.labels).toEqual(['甲', '乙']);
    expect(rankingChart('x', [entries[0]!, entries[2]!])).toBeUndefined();
  });

  it('specs survive JSON (they travel to the browser in a data attribute)', () => {
    const spec = rankingChart('各项存款余额', base)!;
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('theme chart', () => {
  it('one stacked bar per theme with reports, most reported first, newest year first', () => {
    const spec = themeChart({ years: [2024, 2025], themes: ['普惠金融', '反诈宣传', '清廉金融'], counts: [[1, 1], [0, 3], [0, 0]] });
    expect(spec.stacked).toBe(true);
    expect(spec.labels).toEqual(['反诈宣传', '普惠金融']);
    expect(spec.datasets.map((d) => d.label)).toEqual(['2025年', '2024年']);
    expect(spec.datasets[0]!.data).toEqual([3, 1]);
    expect(spec.table.head).toEqual(['主题', '2024年', '2025年']);
    expect(spec.table.rows).toEqual([['反诈宣传', '0', '3'], ['普惠金融', '1', '1']]);
    const real = themeChart(themeCountsByYear(published, model.site.themes.map((t) => t.name)));
    const total = real.datasets.reduce((s, d) => s + d.data.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(published.reduce((s, r) => s + r.themes.length, 0));
  });
});

describe('category names beside bars', () => {
  it('break into balanced lines of at most 8 characters, never one character alone', () => {
    expect(wrapLabel('各项存款余额')).toBe('各项存款余额');
    expect(wrapLabel('财政住建等部门及企业入驻账户')).toEqual(['财政住建等部门', '及企业入驻账户']);
    expect(wrapLabel('辅导员参加每月一会人')).toEqual(['辅导员参加', '每月一会人']);
    for (const label of ['一二三四五六七八九', '浙江农商联合银行辖内某某县农村商业银行', '服务2000户以上小微企业的普惠贷款']) {
      const lines = wrapLabel(label);
      expect(Array.isArray(lines), label).toBe(true);
      for (const l of lines as string[]) expect([...l].length, l).toBeLessThanOrEqual(8);
      expect([...(lines as string[]).at(-1)!].length, label).toBeGreaterThan(1);
    }
    // Digits stay together.
    expect((wrapLabel('服务2000户以上小微企业的普惠贷款') as string[]).some((l) => l.includes('2000'))).toBe(true);
  });

  it('a date splits after its year; a very long name ends in an ellipsis after three lines', () => {
    expect(wrapLabel('2022年12月31日')).toEqual(['2022年', '12月31日']);
    expect(wrapLabel('2024年3月末')).toBe('2024年3月末');
    const long = wrapLabel('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十') as string[];
    expect(long).toHaveLength(3);
    expect(long[2]!.endsWith('…')).toBe(true);
  });

  it('the chart grows with wrapped names', () => {
    const one = chartHeight({ labels: ['甲', '乙'], horizontal: true, datasets: [{ label: '', data: [1, 2] }] });
    const two = chartHeight({ labels: ['财政住建等部门及企业入驻账户', '浙江农商联合银行辖内某某县农村商业银行'], horizontal: true, datasets: [{ label: '', data: [1, 2] }] });
    expect(two).toBeGreaterThan(one);
  });
});

describe('Chart.js configuration', () => {
  const money = rankingChart('各项存款余额', ranking(published, 'deposit_balance'))!;

  it('axis ticks use Chinese units; tooltips show the figure as printed', () => {
    const cfg = build(money);
    const tick = cfg.options.scales.x!.ticks.callback!;
    expect(tick(120000000)).toBe('1.2亿');
    expect(tick(35800000)).toBe('3,580万');
    expect(tooltip(cfg, 21666000000, 'x', '各项存款余额')).toBe(`各项存款余额：${money.datasets[0]!.texts![0]}`);
    const approx = build({ ...money, datasets: [{ label: '提供资金支持', data: [2100e8], texts: ['超2100亿元'] }] });
    expect(tooltip(approx, 2100e8, 'x', '提供资金支持')).toBe('提供资金支持：超2100亿元');
    const bare = build({ ...money, datasets: [{ label: 'x', data: [21666000000] }] });
    expect(tooltip(bare, 21666000000, 'x', '各项存款余额')).toBe('各项存款余额：216.66亿元');
  });

  it('percent, people and report counts keep their units', () => {
    const base: ChartSpec = { title: 't', type: 'line', labels: ['a'], datasets: [{ label: 'x', data: [1] }], format: { unit: '%' }, description: 'd', table: { caption: 'c', head: [], rows: [] } };
    expect(build(base).options.scales.y!.ticks.callback!(9.32)).toBe('9.32%');
    expect(build({ ...base, format: { unit: '人' } }).options.scales.y!.ticks.callback!(25000)).toBe('2.5万人');
    expect(tooltip(build({ ...base, format: { unit: '篇' } }), 3, 'y')).toBe('x：3篇');
  });

  it('does not animate for print or reduced motion', () => {
    expect(build(money, { animate: false }).options.animation).toBe(false);
    expect(build(money, { animate: true }).options.animation).toBeUndefined();
  });

  it('bars run sideways for rankings, never skip or rotate a name, wrap long names, and stack when asked', () => {
    const cfg = build(money);
    expect(cfg.options.indexAxis).toBe('y');
    expect(cfg.options.scales.y!.ticks.autoSkip).toBe(false);
    expect(cfg.options.scales.y!.ticks.maxRotation).toBe(0);
    expect(cfg.options.scales.x!.ticks.maxRotation).toBe(0);
    const long = build({ ...money, labels: ['财政住建等部门及企业入驻账户'] });
    expect(long.options.scales.y!.ticks.callback!(0)).toEqual(['财政住建等部门', '及企业入驻账户']);
    const themes = build(themeChart({ years: [2024, 2025], themes: ['普惠金融'], counts: [[1, 2]] }));
    expect(themes.options.scales.x!.stacked).toBe(true);
    expect(themes.options.scales.y!.stacked).toBe(true);
    // The legend is HTML on the page; the Legend plugin is not registered, so the config must not rely on it.
    expect(themes.options.plugins.legend).toBeUndefined();
  });

  it('colours datasets with the site’s brand colours first, as the HTML legend does', () => {
    const colors = seriesColors(2, '#123456', '#abcdef');
    expect(colors).toEqual(['#123456', '#abcdef']);
    const cfg = build(themeChart({ years: [2024, 2025], themes: ['普惠金融'], counts: [[1, 2]] }), { animate: true, colors });
    expect(cfg.data.datasets.map((d) => d.backgroundColor)).toEqual(colors);
    expect(new Set(seriesColors(10)).size).toBe(8);
    expect(seriesColors(10)[8]).toBe(seriesColors(10)[0]);
  });

  it('a report whose .mdx body draws its own comparison is marked, so its page adds no chart of the same figures', () => {
    expect(report('yanshi-2025h1-mdx').chartsInBody).toBe(true);
    expect(report('jiexiu-2025q1').chartsInBody).toBe(false);
  });

  it('an author’s comparison (<MetricChart>) needs two figures of one base unit', () => {
    const jiexiu = report('jiexiu-2025q1');
    const spec = comparisonChart('存贷款余额', jiexiu.metrics.filter((m) => m.baseUnit === '元'))!;
    expect(spec.table.rows.map((r) => r[1])).toEqual(jiexiu.metrics.map((m) => m.text));
    expect(comparisonChart('x', jiexiu.metrics.slice(0, 1))).toBeUndefined();
    expect(comparisonChart('x', report('hunan-boc-2023-fudaoyuan').metrics)).toBeUndefined();
  });
});

/** Charts that push the axes: long names, money from 万 to 万亿, many dates, percents, people. */
function stressCharts(): ChartSpec[] {
  const e0 = ranking(published, 'deposit_balance')[0]!;
  const names = ['浙江农商联合银行辖内某某县农村商业银行', '中国银行湖南省分行', '介休农商银行', '松滋农商银行营业部', '示例农商行', '江华瑶族自治县支行'];
  const entries: RankEntry[] = Array.from({ length: 20 }, (_, i) => ({
    report: { ...e0.report, org: { ...e0.report.org, id: `o${i}`, name: names[i % names.length]!, short: undefined } },
    metric: { ...e0.metric, text: 'x', base: 1.86e12 - i * 0.03e12 },
  }));
  const dates = Array.from({ length: 12 }, (_, i) => `${2023 + Math.floor(i / 4)}年${(i % 4) * 3 + 3}月末`);
  const line = (unit: string, data: number[]): ChartSpec => ({
    title: 't', type: 'line', labels: dates, datasets: [{ label: 'x', data }], format: { unit }, description: 'd', table: { caption: 'c', head: [], rows: [] },
  });
  return [
    rankingChart('各项存款余额', entries)!,
    line('元', dates.map((_, i) => 35_800_000 + i * 9_000_000)),
    line('%', dates.map((_, i) => 64.85 + i)),
    line('人', dates.map((_, i) => 18_000 + i * 2500)),
    { ...reportCharts(report('yicheng-2025q1'), relations, published)[0]!, labels: ['财政住建等部门及企业入驻账户', '服务2000户以上小微企业的普惠贷款'] },
    themeChart(themeCountsByYear(published, model.site.themes.map((t) => t.name))),
  ];
}

describe('in Chromium at 390 × 844', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('no tick label is cut or overlaps its neighbour; bars keep room to be read', async () => {
    const bundled = await bundle({
      stdin: {
        contents: "import { Chart } from 'chart.js'; import './src/charts/client.ts'; (window as unknown as { Chart: typeof Chart }).Chart = Chart;",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
    });
    const specs = [...allFigureCharts(), ...stressCharts()];
    // The site's stylesheet and the markup Chart.astro writes, one chart under another.
    const css = readFileSync('src/styles/global.css', 'utf8');
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><style>${css}</style></head>
      <body><main class="wrap">${specs
        .map((s) => `<figure class="chart"><div class="chart-area" style="height:${chartHeight(s)}px"><canvas data-chart='${JSON.stringify(s).replace(/'/g, '&#39;')}' data-colors='[]'></canvas></div></figure>`)
        .join('')}</main><script>${bundled.outputFiles[0]!.text}</script></body></html>`;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent(html, { waitUntil: 'load' });
    const problems = await page.evaluate(() => {
      interface Item { label: string | string[]; font: { string: string; lineHeight: number }; options: { translation: [number, number]; textAlign: string; rotation: number } }
      interface Scale { id: string; axis: string; getLabelItems: () => Item[] }
      interface ChartLike { width: number; height: number; chartArea: { left: number; right: number }; scales: Record<string, Scale>; canvas: HTMLCanvasElement }
      const Chart = (window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => ChartLike | undefined } }).Chart;
      const out: string[] = [];
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')];
      for (const canvas of canvases) {
        const chart = Chart.getChart(canvas);
        const title = (JSON.parse(canvas.dataset.chart!) as { title: string }).title;
        if (!chart) {
          out.push(`${title}：没有画出`);
          continue;
        }
        const ctx = canvas.getContext('2d')!;
        if (chart.chartArea.right - chart.chartArea.left < 120) out.push(`${title}：绘图区只有 ${chart.chartArea.right - chart.chartArea.left}px`);
        for (const scale of Object.values(chart.scales)) {
          const boxes: { a: number; b: number; text: string }[] = [];
          for (const it of scale.getLabelItems()) {
            const lines = Array.isArray(it.label) ? it.label : [it.label];
            ctx.font = it.font.string;
            const w = Math.max(...lines.map((l) => ctx.measureText(l).width));
            const [x, y] = it.options.translation;
            const left = it.options.textAlign === 'right' ? x - w : it.options.textAlign === 'center' ? x - w / 2 : x;
            const text = lines.join('');
            if (it.options.rotation !== 0) out.push(`${title} ${scale.id}「${text}」倾斜`);
            if (left < -0.5 || left + w > chart.width + 0.5) out.push(`${title} ${scale.id}「${text}」横向超出画布：${left.toFixed(1)}–${(left + w).toFixed(1)} / ${chart.width}`);
            if (y < 0 || y > chart.height) out.push(`${title} ${scale.id}「${text}」纵向超出画布`);
            const h = lines.length * it.font.lineHeight;
            boxes.push(scale.axis === 'y' ? { a: y - h / 2, b: y + h / 2, text } : { a: left, b: left + w, text });
          }
          boxes.sort((p, q) => p.a - q.a);
          for (let i = 1; i < boxes.length; i++) {
            if (boxes[i]!.a < boxes[i - 1]!.b - 0.5) out.push(`${title} ${scale.id}「${boxes[i - 1]!.text}」与「${boxes[i]!.text}」重叠`);
          }
        }
      }
      return { out, count: canvases.length };
    });
    await context.close();
    expect(errors).toEqual([]);
    expect(problems.count).toBe(specs.length);
    expect(problems.out).toEqual([]);
  }, 60_000);
});
