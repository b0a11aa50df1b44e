import { describe, expect, it } from 'vitest';
import { orgSeries, ranking, themeCountsByYear } from '../../src/lib/aggregate.ts';
import { comparisonChart, rankingChart, themeChart, trendChart, type ChartSpec } from '../../src/charts/configs.ts';
import { seriesColors, toConfig } from '../../src/charts/chartjs.ts';
import { formatFigure } from '../../src/lib/numbers.ts';
import { loadContent } from '../helpers/content.ts';

const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
const published = model.reports.filter((r) => r.published);

interface Scale { stacked?: boolean; ticks: { callback?: (v: number) => string; autoSkip?: boolean } }
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
const tooltip = (cfg: Built, value: number, axis: 'x' | 'y', label = 'x') => cfg.options.plugins.tooltip.callbacks.label({ dataset: { label }, parsed: { [axis]: value } });

describe('chart specs from data', () => {
  it('a trend: one point per as-of date, printed figures in the description and table, base unit for the axis', () => {
    const spec = trendChart('各项存款余额', orgSeries(published, 'shili').get('deposit_balance')!, formatFigure);
    expect(spec.type).toBe('line');
    expect(spec.labels).toHaveLength(6);
    expect(spec.table.rows[0]).toEqual(['2024年3月末', '82.86亿元']);
    expect(spec.description).toContain('2025年6月末91.77亿元');
    expect(spec.format.unit).toBe('元');
    expect(spec.datasets[0]!.data[0]).toBe(82.86e8);
  });

  it('a ranking: horizontal bars in ranking order with places in the table', () => {
    const entries = ranking(published, 'deposit_balance');
    const spec = rankingChart('各项存款余额', entries, formatFigure);
    expect(spec.horizontal).toBe(true);
    expect(spec.datasets[0]!.data).toEqual(entries.map((e) => e.metric.base));
    expect(spec.table.rows.map((r) => r[0])).toEqual(entries.map((_, i) => String(i + 1)));
    expect(spec.description).toContain(`第1名${entries[0]!.report.org.name}`);
  });

  it('a comparison needs two figures of one base unit', () => {
    const jiexiu = published.find((r) => r.slug === 'jiexiu-2025q1')!;
    const money = jiexiu.metrics.filter((m) => m.baseUnit === '元');
    const spec = comparisonChart('对比', money, formatFigure)!;
    expect(spec.labels).toEqual(money.map((m) => m.label));
    expect(spec.table.rows.map((r) => r[1])).toEqual(money.map(formatFigure));
    expect(comparisonChart('对比', money.slice(0, 1), formatFigure)).toBeUndefined();
    const hunan = published.find((r) => r.slug === 'hunan-boc-2023-fudaoyuan')!;
    expect(new Set(hunan.metrics.map((m) => m.baseUnit)).size).toBeGreaterThan(1);
    expect(comparisonChart('对比', hunan.metrics, formatFigure)).toBeUndefined();
  });

  it('theme counts: one stacked bar per theme with reports, most reported first, newest year first', () => {
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

  it('specs survive JSON (they travel to the browser in a data attribute)', () => {
    const spec = rankingChart('各项存款余额', ranking(published, 'deposit_balance'), formatFigure);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('Chart.js configuration', () => {
  const money = rankingChart('各项存款余额', ranking(published, 'deposit_balance'), formatFigure);

  it('axis ticks and tooltips use Chinese units', () => {
    const cfg = build(money);
    const tick = cfg.options.scales.x!.ticks.callback!;
    expect(tick(120000000)).toBe('1.2亿');
    expect(tick(35800000)).toBe('3,580万');
    expect(tooltip(cfg, 21666000000, 'x', '各项存款余额')).toBe('各项存款余额：216.66亿元');
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

  it('bars run sideways for rankings, never skip a name, and stack when asked', () => {
    const cfg = build(money);
    expect(cfg.options.indexAxis).toBe('y');
    expect(cfg.options.scales.y!.ticks.autoSkip).toBe(false);
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
});
