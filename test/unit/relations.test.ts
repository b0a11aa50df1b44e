/** Relations between figures hold within the rounding of the printed figures, and approximate markers widen them. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCatalog, buildRegistry } from '../../src/lib/catalog.ts';
import { validateReport } from '../../src/lib/validate/report.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { orgRegistrySchema } from '../../src/schemas/org.ts';
import { siteConfigSchema } from '../../src/schemas/site.ts';

const ctx = {
  site: siteConfigSchema.parse(parse(readFileSync('content/site.yaml', 'utf8'))),
  catalog: buildCatalog(catalogSchema.parse(parse(readFileSync('content/metrics.yaml', 'utf8')))),
  registry: buildRegistry(orgRegistrySchema.parse(parse(readFileSync('content/orgs.yaml', 'utf8')))),
  now: new Date('2026-01-01'),
};

function report(metrics: [string, string, string?][], body: string): string[] {
  const text = `---
title: 松滋农商银行关系检查用例
summary: 用于检查数字之间关系的报告，正文与数字一致。
org: 松滋农商银行
date: 2025-04-25
themes: [普惠金融]
metrics:
${metrics.map(([k, v, unit]) => `  - key: ${k}\n    value: "${v}"\n${unit ? `    unit: ${unit}\n` : ''}    asOf: 2025-03-31`).join('\n')}
---
${body}
`;
  return validateReport(text, 'reports/x.md', ctx).problems.map((p) => p.code);
}

describe('balance, increase and growth', () => {
  it('accept figures that agree after rounding (16.43亿元 at 9.32% ⇒ start ≈ 176.3亿元)', () => {
    expect(report([['deposit_balance', '192.72亿元'], ['deposit_increase', '16.43亿元'], ['deposit_growth', '9.32%']], '存款余额192.72亿元，净增16.43亿元，增幅9.32%。')).toEqual([]);
  });

  it('reject a balance that makes the growth rate impossible', () => {
    expect(report([['deposit_balance', '200.00亿元'], ['deposit_increase', '16.43亿元'], ['deposit_growth', '9.32%']], '存款余额200.00亿元，净增16.43亿元，增幅9.32%。')).toEqual(['relation-balance-change']);
  });

  it('reject an increase larger than the balance', () => {
    expect(report([['loan_balance', '5.2亿元'], ['loan_increase', '7.73亿元']], '贷款余额5.2亿元，净增7.73亿元。')).toEqual(['relation-balance-change']);
  });
});

describe('how a figure may be written', () => {
  it('the multiplier in the value and the counted thing in unit (2万多 + 户) make one figure', () => {
    expect(report([['households_served', '2万多', '户']], '带动2万多农户增收。')).toEqual([]);
    expect(report([['households_served', '2万多', '万户']], '带动2万多农户增收。')).toEqual([]);
    expect(report([['households_served', '3万多', '户']], '带动2万多农户增收。')).toEqual(['presence-missing']);
  });
});

describe('rate = part ÷ whole', () => {
  it('an approximate part widens the check (130余 of 202 covers 64.85%)', () => {
    expect(report([['participants', '130余人'], ['eligible_total', '202人'], ['participation_rate', '64.85%']], '202人中130余人参加，参与率为64.85%。')).toEqual([]);
  });

  it('but not beyond what the marker allows', () => {
    expect(report([['participants', '130余人'], ['eligible_total', '202人'], ['participation_rate', '75%']], '202人中130余人参加，参与率为75%。')).toEqual(['relation-ratio']);
  });
});

describe('value and unit written apart', () => {
  it('reads a marker written in the unit field (120 + 余名) as the printed 120余名', () => {
    expect(report([['people_trained', '120', '余名']], '120余名学生参加。')).toEqual([]);
    expect(report([['financing_provided', '超2100', '亿元']], '提供资金支持超2100亿元。')).toEqual([]);
  });
});
