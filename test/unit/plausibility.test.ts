/**
 * What cannot be is an error: a share over 100 % (the metric's limit, or a share word in an unkeyed figure's
 * label), an amount outside the band of the organisation's level, named with the likely 万/亿 slip. The bands
 * and share words are the tests' frozen copy of the catalog (test/fixtures/content/metrics.yaml).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog, buildRegistry, catalogIssues, orgLevel } from '../../src/lib/catalog.ts';
import { validateReport } from '../../src/lib/validate/report.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { orgRegistrySchema, orgSchema } from '../../src/schemas/org.ts';
import { siteConfigSchema } from '../../src/schemas/site.ts';
import { metricsYaml, type MetricLine } from './support/figure-catalog.ts';

const catalogText = readFileSync('test/fixtures/content/metrics.yaml', 'utf8');
const catalogData = catalogSchema.parse(parse(catalogText));
const catalog = buildCatalog(catalogData);

const registry = buildRegistry(orgRegistrySchema.parse({
  orgs: [
    { id: 'county', name: '县域农商银行', region: { province: '山西' } },
    { id: 'city-rural', name: '市区农商银行', level: '市级', region: { province: '浙江' } },
    { id: 'city', name: '某行某市分行', type: '分行', region: { province: '湖南' } },
    { id: 'province', name: '某行某省分行', type: '省分行', region: { province: '湖南' } },
    { id: 'head', name: '某银行', type: '其他', level: '总行', region: { province: '北京' } },
    { id: 'other', name: '某金融服务公司', type: '其他', region: { province: '北京' } },
  ],
}));

const ctx = { site: siteConfigSchema.parse({ themes: [{ name: '普惠金融' }] }), catalog, registry, now: new Date('2026-01-01T00:00:00+08:00') };

function check(org: string, metrics: MetricLine[], body: string) {
  const text = `---
title: 规模与比率检查用例
summary: 用于检查数字与机构规模、比率上限的报告。
org: ${org}
date: 2025-04-25
themes: [普惠金融]
metrics:
${metricsYaml(metrics)}
---
${body}
`;
  return validateReport(text, 'reports/x.md', ctx).problems;
}

const codes = (org: string, metrics: MetricLine[], body: string) => check(org, metrics, body).map((p) => p.code);

describe('the level of an organisation', () => {
  it('follows its type unless written: 农商银行 county, 分行 city, 省分行 province, 其他 none', () => {
    const level = (o: object) => orgLevel(orgSchema.parse({ id: 'x', name: '某机构', region: { province: '山西' }, ...o }));
    expect([level({}), level({ type: '村镇银行' }), level({ type: '支行' }), level({ type: '网点' })]).toEqual(['县级', '县级', '县级', '县级']);
    expect([level({ type: '分行' }), level({ type: '省分行' }), level({ type: '联社' }), level({ type: '其他' })]).toEqual(['市级', '省级', '省级', undefined]);
    expect(level({ level: '市级' })).toBe('市级');
    expect(level({ type: '联社', level: '县级' })).toBe('县级');
  });

  it('refuses a level that is not one of the four', () => {
    expect(orgSchema.safeParse({ id: 'x', name: '某机构', region: { province: '山西' }, level: '地市级' }).success).toBe(false);
  });
});

describe('amounts by the band of the organisation’s level', () => {
  const deposits = (text: string): MetricLine[] => [['deposit_balance', text]];

  it('a county rural bank with 各项存款余额1.2万亿元 is refused, a head office with it is not', () => {
    expect(codes('县域农商银行', deposits('1.2万亿元'), '各项存款余额1.2万亿元。')).toEqual(['metric-implausible']);
    expect(codes('某银行', deposits('1.2万亿元'), '各项存款余额1.2万亿元。')).toEqual([]);
    expect(codes('某行某省分行', deposits('1.2万亿元'), '各项存款余额1.2万亿元。')).toEqual([]);
  });

  it('names the band in 亿元 and 216.66万元 as 亿 written 万, with the text to write', () => {
    const [p] = check('县域农商银行', deposits('216.66万元'), '各项存款余额216.66万元。');
    expect(p!.code).toBe('metric-implausible');
    expect(p!.severity).toBe('error');
    expect(p!.field).toBe('metrics[0].text');
    expect(p!.what).toBe('县域农商银行是县级机构，“各项存款余额”写的是 216.66万元；县级机构的这个数字一般在 5,000万元 到 5,000亿元。');
    expect(p!.fix).toMatch(/^多半是把“亿”写成了“万”：正文印的若是 216.66亿元，写 text: 216.66亿元/);
  });

  it('names 万 written 亿 when the figure ÷ 1万 lands in the band', () => {
    const [p] = check('县域农商银行', [['risk_assets_reduced', '3746.03亿元']], '风险资产清降3746.03亿元。');
    expect(p!.code).toBe('metric-implausible');
    expect(p!.fix).toMatch(/^多半是把“万”写成了“亿”：正文印的若是 3746.03万元，写 text: 3746.03万元/);
  });

  it('says to check the organisation and the figure when no slip of 万 and 亿 explains it', () => {
    const [p] = check('县域农商银行', deposits('3万亿元'), '各项存款余额3万亿元。');
    // 3万亿 ÷ 1万 = 3亿 is in the county band: read as 亿 written 万亿, or someone else's figure.
    expect(p!.fix).toMatch(/^多半是把“亿”写成了“万亿”：正文印的若是 3亿元，写 text: 3亿元。否则核对机构和数字：数字若是上级机构、全省、全国/);
    const [q] = check('县域农商银行', deposits('6000万亿元'), '各项存款余额6000万亿元。');
    expect(q!.fix).toMatch(/^核对机构和数字：org 写的是县域农商银行（县级）/);
  });

  it('an explicit level changes the band: a city-level rural bank may hold 6000亿元', () => {
    expect(codes('县域农商银行', deposits('6000亿元'), '各项存款余额6000亿元。')).toEqual(['metric-implausible']);
    expect(codes('市区农商银行', deposits('6000亿元'), '各项存款余额6000亿元。')).toEqual([]);
  });

  it('a city branch: 326.9亿元 of loans passes, 326.9万元 does not', () => {
    expect(codes('某行某市分行', [['loan_balance', '326.9亿元']], '各项贷款余额326.9亿元。')).toEqual([]);
    expect(codes('某行某市分行', [['loan_balance', '326.9万元']], '各项贷款余额326.9万元。')).toEqual(['metric-implausible']);
  });

  it('a decrease is as large as an increase: −3万亿元 at a county bank is refused, −3亿元 is not', () => {
    const decrease = (text: string): MetricLine[] => [['deposit_increase', text, { derived: true, note: '正文写的是较年初减少' }]];
    expect(codes('县域农商银行', decrease('-3万亿元'), '存款较年初减少。')).toEqual(['metric-implausible']);
    expect(codes('县域农商银行', decrease('-3亿元'), '存款较年初减少。')).toEqual([]);
  });

  it('judges the interval a marker gives: 近5000万元 reaches into the county band', () => {
    expect(codes('县域农商银行', deposits('近5000万元'), '各项存款余额近5000万元。')).toEqual([]);
  });

  it('without a level (其他) only the common range applies, as a warning', () => {
    expect(codes('某金融服务公司', deposits('1.2万亿元'), '各项存款余额1.2万亿元。')).toEqual([]);
    expect(codes('某金融服务公司', deposits('100万亿元'), '各项存款余额100万亿元。')).toEqual(['metric-range']);
  });

  it('a figure without a key has no band (it may be a project, a period, a part)', () => {
    expect(codes('县域农商银行', [[null, '1.2万亿元', { label: '支持铁路建设', scope: '2019年以来' }]], '2019年以来，该行支持铁路建设1.2万亿元。')).toEqual([]);
  });
});

describe('hard limits', () => {
  it('a keyed coverage rate over 100 % is an error, 100 % is not', () => {
    expect(codes('县域农商银行', [['coverage_rate', '115%']], '覆盖率115%。')).toEqual(['metric-limit']);
    expect(codes('县域农商银行', [['coverage_rate', '100%']], '覆盖率100%。')).toEqual([]);
    expect(codes('县域农商银行', [['npl_ratio', '101.2%']], '不良贷款率101.2%。')).toEqual(['metric-limit']);
  });

  it('says why and what to write', () => {
    const [p] = check('县域农商银行', [['completion_rate', '115%']], '完成率115%。');
    expect(p!.what).toBe('“完成率”是 115%，超过了 100%。');
    expect(p!.why).toContain('比率不可能超过100%');
    expect(p!.fix).toContain('删掉 key');
  });

  it('a provision coverage of 250 % is what it usually is', () => {
    expect(codes('县域农商银行', [['provision_coverage', '250.6%']], '拨备覆盖率250.6%。')).toEqual([]);
  });

  it('an unkeyed percent whose label says it is a share is held to 100 %', () => {
    expect(codes('县域农商银行', [[null, '112%', { label: '涉农贷款占比' }]], '涉农贷款占比112%。')).toEqual(['metric-limit']);
    expect(codes('县域农商银行', [[null, '101%', { label: '客户满意度' }]], '客户满意度101%。')).toEqual(['metric-limit']);
    expect(codes('县域农商银行', [[null, '98.6%', { label: '客户满意度' }]], '客户满意度98.6%。')).toEqual([]);
  });

  it('a share word with an exception word may exceed 100 %: a task, a plan, a growth, a provision coverage', () => {
    expect(codes('县域农商银行', [[null, '112%', { label: '存款任务完成率' }]], '存款任务完成率112%。')).toEqual([]);
    expect(codes('县域农商银行', [[null, '130%', { label: '普惠贷款占比增长' }]], '普惠贷款占比增长130%。')).toEqual([]);
    expect(codes('县域农商银行', [[null, '250%', { label: '拨备覆盖率' }]], '拨备覆盖率250%。')).toEqual([]);
  });

  it('an unkeyed label naming a catalog metric takes that metric’s limit', () => {
    expect(codes('县域农商银行', [[null, '120%', { label: '资本充足率' }]], '资本充足率120%。')).toEqual(['metric-limit']);
  });

  it('a count is no share, whatever its label', () => {
    expect(codes('县域农商银行', [[null, '190个', { label: '党建联建覆盖率' }]], '党建联建覆盖率190个。')).toEqual([]);
  });
});

describe('the catalog’s bounds', () => {
  it('the tests’ catalog has no issues, and every money balance or amount in it has a band', () => {
    expect(catalogIssues(catalogData)).toEqual([]);
    for (const m of catalogData.metrics) if (m.dimension === 'money' && m.kind !== 'rate') expect(m.band, m.key).toBeDefined();
  });

  it('refuses a band set that does not exist and a money amount left without one', () => {
    const data = catalogSchema.parse(parse(catalogText.replace('    band: recovery\n', '    band: recoveries\n').replace('    band: intercepted\n', '')));
    expect(catalogIssues(data)).toEqual([
      expect.stringMatching(/^指标 \w+ 的 band recoveries 不在 bands 中$/),
      '指标 fraud_funds_intercepted 没有 band：金额类的其他指标都有按机构层级的合理区间',
    ]);
  });

  it('a slip of 万 for 亿 from inside a balance band always lands outside it (the band spans at most 1万 times)', () => {
    for (const level of ['县级', '市级', '省级', '总行'] as const) {
      const [lo, hi] = catalogData.bands.balance![level]!;
      expect(hi / lo, level).toBeLessThanOrEqual(1e4);
    }
  });
});
