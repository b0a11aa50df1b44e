import { describe, expect, it } from 'vitest';
import { latestYear, orgSeries, ranking, rankingGroups, rankingsByKey, relatedReports, themeCountsByYear, yearlyTotals } from '../../src/lib/aggregate.ts';
import type { Catalog, Report, ResolvedMetric } from '../../src/lib/model.ts';
import type { MetricDefinition } from '../../src/schemas/catalog.ts';
import type { Org } from '../../src/schemas/org.ts';
import { catalogIssues } from '../../src/lib/catalog.ts';
import { figureVocabulary, parseFigure } from '../../src/lib/figures/index.ts';
import { loadContent } from '../helpers/content.ts';

// Small hand-made reports: every expected number below is worked out from these lines, not read back from code.
const { model } = await loadContent({ contentDir: 'test/fixtures/content' });
const catalog: Catalog = model.catalog;

const MULT: Record<string, number> = { 亿: 1e8, 万: 1e4 };

function org(id: string, name = `${id}农商银行`, province = '山西'): Org {
  return { id, name, aliases: [], region: { province }, type: '农商银行' } as Org;
}

let index = 0;

/** A figure of a catalog metric as written: fig('deposit_increase', 5.37, '亿元', '2025-06-30'). */
function fig(key: string, value: number, unit: string, asOf: string, approx?: string): ResolvedMetric {
  const definition = catalog.byKey.get(key) as MetricDefinition;
  const prefix = Object.keys(MULT).find((p) => unit.startsWith(p) && unit.length > p.length);
  const multiplier = prefix ? MULT[prefix]! : 1;
  const baseUnit = prefix ? unit.slice(prefix.length) : unit;
  const base = value * multiplier;
  return {
    key, label: definition.label, definition, dimension: definition.dimension, text: `${value}${approx ?? ''}${unit}`, form: 'number', value, unit,
    ...(approx ? { approx } : {}), decimals: 2, base, baseUnit, multiplier, interval: [base, base], asOf, asOfLabel: asOf, derived: false, index: index++,
  };
}

/** A figure of a catalog metric read from its printed text, as the check reads it: printed('volunteers', '120余名', '2025-06-30'). */
function printed(key: string, text: string, asOf: string): ResolvedMetric {
  const r = parseFigure(text, figureVocabulary(catalog.baseUnits));
  if (!r.ok) throw new Error(r.reason);
  const { figure: f } = r;
  const definition = catalog.byKey.get(key) as MetricDefinition;
  return {
    key, label: definition.label, definition, dimension: definition.dimension, text, form: f.form, value: f.value, unit: f.unit,
    ...(f.approx ? { approx: f.approx } : {}), decimals: f.decimals, base: f.base, baseUnit: f.baseUnit, multiplier: f.multiplier,
    interval: f.interval, asOf, asOfLabel: asOf, derived: false, index: index++,
  };
}

/** A figure of the report's own (no key): a segment, programme or period. */
function own(label: string, value: number, unit: string, asOf: string, scope?: string): ResolvedMetric {
  const { key: _k, definition: _d, ...rest } = fig('loan_balance', value, unit, asOf);
  return { ...rest, label, dimension: 'money', ...(scope ? { scope } : {}) };
}

let n = 0;
function report(o: Org, date: string, metrics: ResolvedMetric[], themes: string[] = ['党建引领']): Report {
  n += 1;
  return {
    slug: `${o.id}-${date}-${n}`, file: `reports/${o.id}-${n}.md`, title: `${o.name}${date}`, summary: '摘要', org: o, date,
    year: Number(date.slice(0, 4)), authors: [], themes, draft: false, published: true, metrics, chartsInBody: false, text: '',
  };
}

const a = org('a', '甲农商银行');
const b = org('b', '乙农商银行');
const c = org('c', '丙农商银行');

describe('yearly totals', () => {
  const reports = [
    // 甲 reports the year-to-date increase twice in 2025: only the later one counts.
    report(a, '2025-04-20', [fig('deposit_increase', 3.42, '亿元', '2025-03-31')]),
    report(a, '2025-07-15', [fig('deposit_increase', 5.37, '亿元', '2025-06-30')]),
    // 乙 writes it in 万元: converted to 元 before adding.
    report(b, '2025-07-10', [fig('deposit_increase', 12000, '万元', '2025-06-30')]),
    // Last year's figure stays out of this year's total.
    report(c, '2025-01-20', [fig('deposit_increase', 6.4, '亿元', '2024-12-31')]),
    // People in 人 and 名 are one total; 余 and 近 make it approximate.
    report(a, '2025-07-15', [fig('volunteers', 80, '人', '2025-06-30', '余')]),
    report(b, '2025-07-10', [fig('volunteers', 142, '名', '2025-06-30')]),
    report(c, '2025-07-01', [fig('volunteers', 20, '人', '2025-06-30', '近')]),
    // A stock (balance) is never totalled.
    report(a, '2025-07-15', [fig('deposit_balance', 91.77, '亿元', '2025-06-30')]),
  ];

  it('counts a year-to-date flow once per organisation, from its latest as-of date, in base units', () => {
    const t = yearlyTotals(reports, catalog, 2025).find((x) => x.definition.key === 'deposit_increase')!;
    expect(t.base).toBe(5.37e8 + 1.2e8);
    expect(t.baseUnit).toBe('元');
    expect(t.orgs).toBe(2);
    expect(t.sources).toHaveLength(2);
    expect(t.exact).toBe(true);
    expect(t.text).toBe('6.57亿元');
    expect(yearlyTotals(reports, catalog, 2024).find((x) => x.definition.key === 'deposit_increase')!.base).toBe(6.4e8);
  });

  it('adds up people counted in 人 and 名 as one total, approximate once a figure is', () => {
    const v = yearlyTotals(reports, catalog, 2025).filter((x) => x.definition.key === 'volunteers');
    expect(v.map((t) => [t.baseUnit, t.base, t.exact, t.text])).toEqual([['人', 242, false, '约242人']]);
  });

  it('totals only metrics the catalog marks total: true', () => {
    const keys = yearlyTotals(reports, catalog, 2025).map((t) => t.definition.key);
    expect(keys).not.toContain('deposit_balance');
    expect(keys.every((k) => catalog.byKey.get(k)?.total === true)).toBe(true);
  });

  it('finds the latest year with figures', () => {
    expect(latestYear(reports)).toBe(2025);
    expect(latestYear(reports.slice(3, 4))).toBe(2024);
    expect(latestYear([])).toBeUndefined();
  });
});

describe('a figure a report quotes about someone else (context)', () => {
  // The check refuses `context` with a key; the totals, rankings and series hold even if one got through, so a
  // province-wide increase quoted in 甲's report is never 甲's.
  const quoted = (m: ResolvedMetric): ResolvedMetric => ({ ...m, label: `全省农商银行${m.label}`, context: true });
  const reports = [
    // Quoted first: of two figures of one key and date the first is the metric, so the quote would take its place.
    report(a, '2025-07-15', [quoted(fig('deposit_increase', 1200, '亿元', '2025-06-30')), fig('deposit_increase', 5.37, '亿元', '2025-06-30')]),
    report(b, '2025-07-10', [quoted(fig('volunteers', 9000, '人', '2025-06-30')), fig('deposit_balance', 80.1, '亿元', '2025-06-30')]),
    report(c, '2025-07-01', [quoted(fig('deposit_balance', 21000, '亿元', '2025-06-30'))]),
  ];

  it('is never added to the year’s totals', () => {
    const totals = yearlyTotals(reports, catalog, 2025);
    expect(totals.map((t) => [t.definition.key, t.text, t.orgs])).toEqual([['deposit_increase', '5.37亿元', 1]]);
  });

  it('is ranked nowhere and on no organisation’s line', () => {
    expect(ranking(reports, 'deposit_balance').map((e) => [e.report.org.id, e.metric.text])).toEqual([['b', '80.1亿元']]);
    expect([...rankingsByKey(reports).keys()].sort()).toEqual(['deposit_balance', 'deposit_increase']);
    expect([...orgSeries(reports, 'c').keys()]).toEqual([]);
    expect(orgSeries(reports, 'a').get('deposit_increase')!.map((p) => p.metric.text)).toEqual(['5.37亿元']);
  });
});

describe('totals say only what the printed figures allow', () => {
  const volunteers = (rs: Report[]) => yearlyTotals(rs, catalog, 2025).filter((t) => t.definition.key === 'volunteers');
  const deposits = (rs: Report[]) => yearlyTotals(rs, catalog, 2025).find((t) => t.definition.key === 'deposit_increase')!;

  it('a sum with a figure carrying a marker says 约, whatever the marker', () => {
    for (const marked of ['120余名', '120多名', '超120名', '近120名', '约120名', '120名以上', '120名左右']) {
      const [t, ...rest] = volunteers([report(a, '2025-07-01', [printed('volunteers', marked, '2025-06-30')]), report(b, '2025-07-01', [printed('volunteers', '80名', '2025-06-30')])]);
      expect(rest, marked).toEqual([]);
      expect([t!.base, t!.exact, t!.text], marked).toEqual([200, false, '约200人']);
    }
  });

  it('a range counts as its lower end and makes the sum approximate', () => {
    const [t] = volunteers([report(a, '2025-07-01', [printed('volunteers', '100至120名', '2025-06-30')]), report(b, '2025-07-01', [printed('volunteers', '80名', '2025-06-30')])]);
    expect([t!.base, t!.text]).toEqual([180, '约180人']);
  });

  it('数百 counts as at least two hundred, never as one', () => {
    const [t] = volunteers([report(a, '2025-07-01', [printed('volunteers', '数百名', '2025-06-30')]), report(b, '2025-07-01', [printed('volunteers', '80名', '2025-06-30')])]);
    expect([t!.base, t!.text]).toEqual([280, '约280人']);
  });

  it('an exact sum shows every digit it has, never rounded as if exact', () => {
    // 700万元 + 33.1万元 = 733.1万元: shown in 万 without decimals it would read 733万元.
    const t = deposits([report(a, '2025-07-01', [printed('deposit_increase', '700万元', '2025-06-30')]), report(b, '2025-07-01', [printed('deposit_increase', '33.1万元', '2025-06-30')])]);
    expect([t.base, t.exact, t.text]).toEqual([7331000, true, '733.1万元']);
  });

  it('an exact sum whose digits do not fit says 约', () => {
    // 12,345,678元 in 万 needs four decimals: shown as 1,235万元 it is rounded, so it says so.
    const t = deposits([report(a, '2025-07-01', [printed('deposit_increase', '1000万元', '2025-06-30')]), report(b, '2025-07-01', [printed('deposit_increase', '2,345,678元', '2025-06-30')])]);
    expect([t.base, t.exact, t.text]).toEqual([12345678, true, '约1,235万元']);
  });

  it('one figure is shown as its report prints it', () => {
    for (const only of ['120余名', '超六十人', '1,392.1万元', '733.1万元', '3至5亿元']) {
      const key = /元$/.test(only) ? 'deposit_increase' : 'volunteers';
      const [t] = yearlyTotals([report(a, '2025-07-01', [printed(key, only, '2025-06-30')])], catalog, 2025);
      expect(t!.text, only).toBe(only);
    }
  });

  it('人, 名 and 位 are one total; 人次 counts something else and stays apart', () => {
    const rs = [
      report(a, '2025-07-01', [printed('volunteers', '80人', '2025-06-30')]),
      report(b, '2025-07-01', [printed('volunteers', '142名', '2025-06-30')]),
      report(c, '2025-07-01', [printed('volunteers', '3位', '2025-06-30')]),
      report(org('d'), '2025-07-01', [printed('volunteers', '500人次', '2025-06-30')]),
    ];
    expect(volunteers(rs).map((t) => [t.baseUnit, t.base, t.orgs, t.text])).toEqual([['人', 225, 3, '225人'], ['人次', 500, 1, '500人次']]);
  });

  it('an organisation that wrote 名 in one report and 人 in a later one counts once, from the later', () => {
    const rs = [report(a, '2025-04-01', [printed('volunteers', '60名', '2025-03-31')]), report(a, '2025-07-01', [printed('volunteers', '90人', '2025-06-30')])];
    expect(volunteers(rs).map((t) => [t.base, t.orgs, t.text])).toEqual([[90, 1, '90人']]);
  });

  it('the catalog says which units are alike, and refuses a group it cannot add up', () => {
    expect(catalog.alikeUnit.get('名')).toBe('人');
    expect(catalog.alikeUnit.has('人次')).toBe(false);
    const data = { dimensions: { people: { label: '人数', units: ['人', '名'], alike: [['人', '名'], ['名', '户']] } }, metrics: [], relations: [], bands: {} };
    const issues = catalogIssues(data as unknown as Parameters<typeof catalogIssues>[0]);
    expect(issues).toContain('量纲 people 的 alike 里的单位 户 不在它的 units 中');
    expect(issues).toContain('单位 名 在量纲 people 的 alike 里出现了不止一次');
  });
});

describe('rankings', () => {
  const reports = [
    report(a, '2025-04-20', [fig('deposit_balance', 300, '亿元', '2025-03-31')]),
    // 甲's later figure is smaller: the ranking uses the latest, not the largest.
    report(a, '2025-07-15', [fig('deposit_balance', 90, '亿元', '2025-06-30')]),
    // 1,500,000万元 = 150亿元: ahead of 甲 once converted.
    report(b, '2025-07-10', [fig('deposit_balance', 1500000, '万元', '2025-06-30')]),
    report(c, '2025-07-01', [fig('deposit_balance', 120, '亿元', '2025-03-31')]),
  ];

  it('ranks each organisation by its latest figure, converted to base units', () => {
    const r = ranking(reports, 'deposit_balance');
    expect(r.map((e) => e.report.org.id)).toEqual(['b', 'c', 'a']);
    expect(r[2]!.metric.value).toBe(90);
  });

  it('puts the smallest first when the catalog says lower is better', () => {
    const lower = { ...catalog.byKey.get('deposit_balance')!, better: 'lower' as const };
    const withLower = (m: ResolvedMetric): ResolvedMetric => ({ ...m, definition: lower });
    const rs = reports.map((r) => ({ ...r, metrics: r.metrics.map(withLower) }));
    expect(ranking(rs, 'deposit_balance').map((e) => e.report.org.id)).toEqual(['a', 'c', 'b']);
  });

  it('never compares figures in different base units: each unit is its own group, the largest first', () => {
    const rs = [
      report(a, '2025-07-01', [fig('volunteers', 80, '人', '2025-06-30')]),
      report(b, '2025-07-01', [fig('volunteers', 500, '名', '2025-06-30')]),
      report(c, '2025-07-01', [fig('volunteers', 90, '人', '2025-06-30')]),
    ];
    const groups = rankingGroups(rs, 'volunteers');
    expect(groups.map((g) => g.unit)).toEqual(['人', '名']);
    expect(groups[0]!.entries.map((e) => e.report.org.id)).toEqual(['c', 'a']);
    expect(ranking(rs, 'volunteers').some((e) => e.metric.baseUnit === '名')).toBe(false);
    expect(ranking(rs, 'no_such_metric')).toEqual([]);
  });

  it('ranks every metric in one pass exactly as one metric at a time', () => {
    const rs = [
      report(a, '2025-07-01', [fig('volunteers', 80, '人', '2025-06-30'), fig('deposit_balance', 12, '亿元', '2025-06-30')]),
      report(b, '2025-07-01', [fig('volunteers', 500, '名', '2025-06-30'), fig('deposit_balance', 30, '亿元', '2025-06-30')]),
      report(c, '2025-08-01', [fig('volunteers', 90, '人', '2025-06-30'), fig('volunteers', 95, '人', '2025-07-31')]),
    ];
    const all = rankingsByKey(rs);
    expect([...all.keys()].sort()).toEqual(['deposit_balance', 'volunteers']);
    for (const key of all.keys()) expect(all.get(key)).toEqual(rankingGroups(rs, key));
    expect(all.get('volunteers')![0]!.entries.find((e) => e.report.org.id === 'c')!.metric.base).toBe(95);
  });
});

describe('figures of a report’s own are never added up, ranked or drawn over time', () => {
  // 甲 prints ten loan amounts at one date: only its bank-wide balance is the metric.
  const reports = [
    report(a, '2025-04-20', [
      fig('loan_balance', 326.9, '亿元', '2025-03-31'),
      own('累计投放个人经营贷款', 30, '亿元', '2025-03-31', '近3年'),
      own('累计发放扶贫贷款', 40, '亿元', '2025-03-31', '2019年以来'),
      own('支持高速公路建设', 15.4, '亿元', '2025-03-31', '2019年以来'),
      own('投放“裕农快贷”', 8400, '万元', '2025-03-31', '今年一季度'),
    ]),
    report(b, '2025-04-21', [own('实体贷款余额', 999, '亿元', '2025-03-31')]),
    report(c, '2025-04-22', [fig('loan_balance', 105.15, '亿元', '2025-03-31'), fig('loan_increase', 3.93, '亿元', '2025-03-31')]),
  ];

  it('a scoped figure is absent from the bank-wide ranking, even when larger', () => {
    const r = ranking(reports, 'loan_balance');
    expect(r.map((e) => [e.report.org.id, e.metric.text])).toEqual([['a', '326.9亿元'], ['c', '105.15亿元']]);
  });

  it('and from the yearly totals and the latest year', () => {
    const totals = yearlyTotals(reports, catalog, 2025);
    expect(totals.map((t) => [t.definition.key, t.base])).toEqual([['loan_increase', 3.93e8]]);
    expect(latestYear([reports[1]!])).toBeUndefined();
  });

  it('and from the organisation’s series', () => {
    expect([...orgSeries(reports, 'a').keys()]).toEqual(['loan_balance']);
    expect(orgSeries(reports, 'b').size).toBe(0);
  });

  it('of two figures keyed to one metric and date in one report, the first is the metric', () => {
    const twice = [report(b, '2025-04-21', [fig('loan_balance', 120, '亿元', '2025-03-31'), { ...fig('loan_balance', 999, '亿元', '2025-03-31'), label: '另一个数' }])];
    expect(ranking(twice, 'loan_balance').map((e) => e.metric.base)).toEqual([120e8]);
    expect(orgSeries(twice, 'b').get('loan_balance')!.map((p) => p.base)).toEqual([120e8]);
  });
});

describe('series, theme counts and related reports', () => {
  it('gives one point per as-of date, oldest first, the later report winning a repeated date', () => {
    const rs = [
      report(a, '2025-07-15', [fig('deposit_balance', 91.77, '亿元', '2025-06-30')]),
      report(a, '2025-04-20', [fig('deposit_balance', 89.82, '亿元', '2025-03-31')]),
      // A correction published later for the same date replaces the first figure.
      report(a, '2025-08-01', [fig('deposit_balance', 91.8, '亿元', '2025-06-30')]),
      report(b, '2025-07-10', [fig('deposit_balance', 150, '亿元', '2025-06-30')]),
    ];
    const s = orgSeries(rs, 'a').get('deposit_balance')!;
    expect(s.map((p) => p.asOf)).toEqual(['2025-03-31', '2025-06-30']);
    expect(s.map((p) => p.base)).toEqual([89.82e8, 91.8e8]);
    expect(orgSeries(rs, 'c').size).toBe(0);
  });

  it('draws a line through one unit only (the latest figure’s)', () => {
    const rs = [
      report(a, '2025-04-20', [fig('volunteers', 40, '名', '2025-03-31')]),
      report(a, '2025-07-15', [fig('volunteers', 60, '人', '2025-06-30')]),
      report(a, '2025-10-15', [fig('volunteers', 70, '人', '2025-09-30')]),
    ];
    expect(orgSeries(rs, 'a').get('volunteers')!.map((p) => p.base)).toEqual([60, 70]);
  });

  it('counts reports per theme and year', () => {
    const rs = [report(a, '2024-03-01', [], ['普惠金融']), report(a, '2025-03-01', [], ['普惠金融', '反诈宣传']), report(b, '2025-05-01', [], ['反诈宣传'])];
    const t = themeCountsByYear(rs, ['普惠金融', '反诈宣传', '清廉金融']);
    expect(t.years).toEqual([2024, 2025]);
    expect(t.counts).toEqual([[1, 1], [0, 2], [0, 0]]);
  });

  it('relates reports by what they share (organisation counts as two themes), newest first on a tie, at most four, never itself', () => {
    const me = report(a, '2025-03-01', [], ['普惠金融', '反诈宣传']);
    const sameOrg = report(a, '2024-01-01', [], ['清廉金融']);
    const twoThemes = report(b, '2025-01-01', [], ['普惠金融', '反诈宣传']);
    const oneThemeNew = report(c, '2025-02-01', [], ['普惠金融']);
    const oneThemeOld = report(c, '2023-02-01', [], ['反诈宣传']);
    const oneThemeOlder = report(b, '2022-02-01', [], ['反诈宣传']);
    const unrelated = report(b, '2025-02-02', [], ['清廉金融']);
    const all = [me, sameOrg, twoThemes, oneThemeNew, oneThemeOld, oneThemeOlder, unrelated];
    expect(relatedReports(me, all)).toEqual([twoThemes, sameOrg, oneThemeNew, oneThemeOld]);
    expect(relatedReports(me, all, 2)).toEqual([twoThemes, sameOrg]);
  });
});

describe('the bundled samples', () => {
  const published = model.reports.filter((r) => r.published);

  it('count 示例农商银行’s 2024 deposit increase once (its year-end figure)', () => {
    const dep = yearlyTotals(published, catalog, 2024).find((t) => t.definition.key === 'deposit_increase')!;
    // 示例农商银行 reported 2.86, 4.12, 5.05 and 6.40亿元 during 2024: the year's figure is the last one.
    expect(dep.base).toBe(640000000);
    expect(dep.orgs).toBe(1);
  });

  it('keep 实体贷款余额 (a segment) out of the 各项贷款余额 ranking', () => {
    const texts = ranking(published, 'loan_balance').map((e) => e.metric.text);
    expect(texts).not.toContain('105.15亿元');
    expect(texts).not.toContain('31.98亿元');
    expect(published.find((r) => r.slug === 'jiexiu-2025q1')!.metrics.map((m) => m.text)).toContain('105.15亿元');
  });

  it('hold two reports that never reach the site (a draft and an embargoed one)', () => {
    expect(model.reports.length - published.length).toBe(2);
    expect(published.some((r) => r.draft)).toBe(false);
  });
});
