import { describe, expect, it } from 'vitest';
import { latestYear, orgSeries, ranking, relatedReports, themeCountsByYear, yearlyTotals } from '../../src/lib/aggregate.ts';
import { rankingChart, themeChart, trendChart, comparisonChart } from '../../src/charts/configs.ts';
import { toConfig } from '../../src/charts/chartjs.ts';
import { formatFigure } from '../../src/lib/numbers.ts';
import { loadContentSync } from '../../src/node/content.ts';

const { model } = loadContentSync({ contentDir: 'content' });
const published = model.reports.filter((r) => r.published);

describe('aggregations over the samples', () => {
  it('yearly totals count a year-to-date flow once per organisation (its latest quarter)', () => {
    const totals = yearlyTotals(published, model.catalog, 2024);
    const dep = totals.find((t) => t.definition.key === 'deposit_increase')!;
    // 示例农商银行 reported 2.86, 4.12, 5.05 and 6.40亿元 during 2024: the year's figure is the last one.
    expect(dep.base).toBe(640000000);
    expect(dep.reports).toBe(1);
    expect(latestYear(published)).toBe(2025);
  });

  it('ranks organisations by their latest figure', () => {
    const r = ranking(published, 'deposit_balance');
    expect(r.map((e) => e.report.org.id)).toEqual(['jiexiu', 'shili']);
    expect(r[1]!.metric.asOf).toBe('2025-06-30');
  });

  it('builds one series point per as-of date, oldest first', () => {
    const s = orgSeries(published, 'shili').get('deposit_balance')!;
    expect(s.map((p) => p.asOf)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31', '2025-06-30']);
  });

  it('never includes drafts or embargoed reports when given published ones', () => {
    expect(published.some((r) => r.title.includes('草稿样例') || r.title.includes('禁发样例'))).toBe(false);
    expect(model.reports.length - published.length).toBe(2);
  });

  it('relates reports by organisation first', () => {
    const r = published.find((x) => x.slug === 'shili-2025q1')!;
    expect(relatedReports(r, published)[0]!.org.id).toBe('shili');
  });
});

describe('chart configurations', () => {
  it('a trend has Chinese labels, an aria description and a table with the printed figures', () => {
    const spec = trendChart('各项存款余额', orgSeries(published, 'shili').get('deposit_balance')!, formatFigure);
    expect(spec.type).toBe('line');
    expect(spec.table.rows[0]).toEqual(['2024年3月末', '82.86亿元']);
    expect(spec.description).toContain('2025年6月末91.77亿元');
    expect(spec.format.unit).toBe('元');
  });

  it('axis ticks and tooltips use Chinese units', () => {
    const spec = rankingChart('各项存款余额', ranking(published, 'deposit_balance'), formatFigure);
    const cfg = toConfig(spec, { animate: false }) as unknown as { options: { scales: Record<string, { ticks: { callback: (v: number) => string } }>; animation: unknown } };
    expect(cfg.options.animation).toBe(false);
    expect(cfg.options.scales.x!.ticks.callback(120000000)).toBe('1.2亿');
    expect(cfg.options.scales.x!.ticks.callback(35800000)).toBe('3,580万');
  });

  it('compares only figures of one unit', () => {
    const j = published.find((r) => r.slug === 'hunan-boc-2023-fudaoyuan')!;
    expect(comparisonChart('x', j.metrics, formatFigure)).toBeUndefined();
    expect(themeChart(themeCountsByYear(published, ['普惠金融', '反诈宣传'])).datasets).toHaveLength(2);
  });
});
