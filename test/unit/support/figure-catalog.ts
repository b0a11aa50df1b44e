/**
 * A small catalog, site and registry written out here, so figure tests depend on neither the shipped
 * content/ files nor their changes. Units are data: this catalog deliberately has 亩 and 倍, to show that a
 * unit the code has never heard of reads once the catalog lists it.
 */
import { parse } from 'yaml';
import { buildCatalog, buildRegistry } from '../../../src/lib/catalog.ts';
import { figureVocabulary } from '../../../src/lib/figures/index.ts';
import { validateReport } from '../../../src/lib/validate/report.ts';
import { catalogSchema } from '../../../src/schemas/catalog.ts';
import { orgRegistrySchema } from '../../../src/schemas/org.ts';
import { siteConfigSchema } from '../../../src/schemas/site.ts';

export const CATALOG_YAML = `
dimensions:
  money: { label: 金额, units: [元] }
  percent: { label: 比率, units: ['%'] }
  points: { label: 百分点, units: [个百分点, 百分点] }
  people: { label: 人数, units: [人, 名, 位, 人次] }
  households: { label: 户数, units: [户, 家] }
  cases: { label: 笔数, units: [笔, 件] }
  items: { label: 个数, units: [个, 条, 项, 封] }
  events: { label: 次数, units: [次, 场] }
  area: { label: 面积, units: [亩, 公顷] }
  multiple: { label: 倍数, units: [倍] }
metrics:
  - { key: deposit_balance, label: 各项存款余额, dimension: money, kind: stock }
  - { key: deposit_increase, label: 存款较年初增加, dimension: money, kind: flow, negative: true }
  - { key: deposit_growth, label: 存款较年初增幅, dimension: percent, kind: rate, negative: true }
  - { key: loan_balance, label: 各项贷款余额, dimension: money, kind: stock }
  - { key: loan_increase, label: 贷款较年初增加, dimension: money, kind: flow, negative: true }
  - { key: financing_provided, label: 提供资金支持, dimension: money, kind: flow }
  - { key: participants, label: 参与人数, dimension: people, kind: flow }
  - { key: eligible_total, label: 应参与总数, dimension: people, kind: stock }
  - { key: participation_rate, label: 参与率, dimension: percent, kind: rate }
  - { key: people_trained, label: 培训教育人数, dimension: people, kind: flow }
  - { key: households_served, label: 服务农户, dimension: households, kind: flow }
  - { key: farmland_insured, label: 承保农田, dimension: area, kind: flow }
  - { key: issues_resolved, label: 解决问题诉求, dimension: items, kind: flow }
  - { key: events_held, label: 开展活动, dimension: events, kind: flow, total: true }
  - { key: agri_loan_balance, label: 涉农贷款余额, scopes: [涉农, 涉农贷款], dimension: money, kind: stock }
  - { key: poverty_loan_issued, label: 发放扶贫贷款, scopes: [扶贫贷款, 扶贫], dimension: money, kind: flow, total: true }
  - { key: rate_change, label: 不良率变化, dimension: points, kind: rate, negative: true }
relations:
  - { type: balance_change, balance: deposit_balance, increase: deposit_increase, rate: deposit_growth }
  - { type: balance_change, balance: loan_balance, increase: loan_increase }
  - { type: ratio, rate: participation_rate, part: participants, whole: eligible_total }
  - { type: part_of, part: participants, whole: eligible_total }
`;

export const catalog = buildCatalog(catalogSchema.parse(parse(CATALOG_YAML)));

export const vocab = figureVocabulary(catalog.baseUnits);

const ctx = {
  site: siteConfigSchema.parse({ themes: [{ name: '普惠金融' }] }),
  catalog,
  registry: buildRegistry(orgRegistrySchema.parse({ orgs: [{ id: 'songzi', name: '松滋农商银行', region: { province: '湖北' } }] })),
  now: new Date('2026-01-01T00:00:00+08:00'),
};

/**
 * One figure of a frontmatter list: [key, text] for a catalog metric, [null, text, { label }] for a figure of
 * the report's own; the third element adds fields (label, scope, asOf, featured, note, derived). asOf defaults
 * to 2025-03-31.
 */
export type MetricLine = [key: string | null, text: string, fields?: Record<string, string | number | boolean>];

function yamlScalar(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The metrics block of a frontmatter, as an author writes it. */
export function metricsYaml(metrics: MetricLine[]): string {
  return metrics
    .map(([key, text, fields = {}]) => {
      const all: Record<string, string | number | boolean> = { ...(key ? { key } : {}), asOf: '2025-03-31', ...fields };
      return [`  - text: ${yamlScalar(text)}`, ...Object.entries(all).map(([k, v]) => `    ${k}: ${k === 'asOf' ? v : yamlScalar(v)}`)].join('\n');
    })
    .join('\n');
}

/** A whole report with this metrics block (YAML, as written) and this body, validated. */
export function checkSource(metricsBlock: string, body: string) {
  const text = `---
title: 松滋农商银行数字检查用例
summary: 用于检查数字写法、出处与关系的报告。
org: 松滋农商银行
date: 2025-04-25
themes: [普惠金融]
metrics:
${metricsBlock}
---
${body}
`;
  return validateReport(text, 'reports/x.md', ctx);
}

/** A whole report with these figures and this body, validated. */
export function checkReport(metrics: MetricLine[], body: string) {
  return checkSource(metricsYaml(metrics), body);
}

/** The problem codes of a report. */
export function codes(metrics: MetricLine[], body: string): string[] {
  return checkReport(metrics, body).problems.map((p) => p.code);
}
