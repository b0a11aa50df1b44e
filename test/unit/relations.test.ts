/**
 * Relations between figures hold within the intervals the printed figures stand for: rounding never raises a
 * false alarm, markers widen the check exactly as far as they say and no further.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../src/lib/catalog.ts';
import type { ResolvedMetric } from '../../src/lib/model.ts';
import { checkRelations } from '../../src/lib/validate/relations.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';
import { CATALOG_YAML, checkReport, codes } from './support/figure-catalog.ts';

describe('balance, increase and growth', () => {
  it('accept figures that agree after rounding (16.43亿元 at 9.32% ⇒ start ≈ 176.3亿元)', () => {
    expect(codes([['deposit_balance', '192.72亿元'], ['deposit_increase', '16.43亿元'], ['deposit_growth', '9.32%']], '存款余额192.72亿元，净增16.43亿元，增幅9.32%。')).toEqual([]);
  });

  it('reject a balance that makes the growth rate impossible', () => {
    expect(codes([['deposit_balance', '200.00亿元'], ['deposit_increase', '16.43亿元'], ['deposit_growth', '9.32%']], '存款余额200.00亿元，净增16.43亿元，增幅9.32%。')).toEqual(['relation-balance-change']);
  });

  it('reject an increase larger than the balance', () => {
    expect(codes([['loan_balance', '5.2亿元'], ['loan_increase', '7.73亿元']], '贷款余额5.2亿元，净增7.73亿元。')).toEqual(['relation-balance-change']);
  });

  it('quote the figures as printed', () => {
    const [p] = checkReport([['deposit_balance', '200.00亿元'], ['deposit_increase', '16.43亿元'], ['deposit_growth', '9.32%']], '存款余额200.00亿元，净增16.43亿元，增幅9.32%。').problems;
    expect(p!.what).toBe('各项存款余额200.00亿元、存款较年初增加16.43亿元，则年初余额约 183.57亿元，增幅应为 8.95%，这里写的是 9.32%。');
  });
});

describe('where a marker stands decides how far it widens', () => {
  // Start balance 100亿 and growth 45%: the increase must be about 45亿.
  const body = (inc: string) => `存款余额145亿元，较年初增加${inc}，增幅45%。`;

  it('40余亿元 (40亿 to 50亿) covers an increase of 45亿', () => {
    expect(codes([['deposit_balance', '145亿元'], ['deposit_increase', '40余亿元'], ['deposit_growth', '45%']], body('40余亿元'))).toEqual([]);
  });

  it('40亿余元 (40亿 and a little) does not', () => {
    expect(codes([['deposit_balance', '145亿元'], ['deposit_increase', '40亿余元'], ['deposit_growth', '45%']], body('40亿余元'))).toEqual(['relation-balance-change']);
  });
});

describe('rate = part ÷ whole', () => {
  it('an approximate part widens the check (130余 of 202 covers 64.85%)', () => {
    expect(codes([['participants', '130余人'], ['eligible_total', '202人'], ['participation_rate', '64.85%']], '202人中130余人参加，参与率为64.85%。')).toEqual([]);
  });

  it('but not beyond what the marker allows', () => {
    expect(codes([['participants', '130余人'], ['eligible_total', '202人'], ['participation_rate', '75%']], '202人中130余人参加，参与率为75%。')).toEqual(['relation-ratio']);
  });

  it('超 is bounded by the printed precision: 超六成 is not 75 %', () => {
    expect(codes([['participants', '150人'], ['eligible_total', '200人'], ['participation_rate', '超六成']], '200人中150人参加，参与率超六成。')).toEqual(['relation-ratio']);
    expect(codes([['participants', '130人'], ['eligible_total', '200人'], ['participation_rate', '超六成']], '200人中130人参加，参与率超六成。')).toEqual([]);
  });

  it('a part never exceeds its whole', () => {
    expect(codes([['participants', '210人'], ['eligible_total', '202人']], '202人中210人参加。')).toEqual(['relation-part-of']);
  });
});

describe('only catalog metrics are in relations', () => {
  it('a figure of the report’s own larger than the whole is no part of it', () => {
    // 15.4亿元 lent to one motorway since 2019 is not a part of today's participants or balances.
    expect(codes([['loan_balance', '5.2亿元'], [null, '15.4亿元', { label: '支持高速公路建设', scope: '2019年以来' }]], '贷款余额5.2亿元；2019年以来支持高速公路建设15.4亿元。')).toEqual([]);
  });

  it('of two figures keyed to one metric and date the first is the metric (the second is warned about)', () => {
    expect(codes([['participants', '130人'], ['participants', '999人', { label: '参与群众' }], ['eligible_total', '202人']], '202人中130人参加；参与群众999人。')).toEqual(['metric-same-key']);
  });
});

describe('a figure without a key whose label is a catalog metric’s name is held to its relations', () => {
  it('a labelled part larger than its keyed whole is refused', () => {
    expect(codes([['eligible_total', '202人'], [null, '210人', { label: '参与人数' }]], '202人中210人参加。')).toEqual(['relation-part-of']);
  });

  it('a keyed part larger than a labelled whole is refused', () => {
    expect(codes([['participants', '210人'], [null, '202人', { label: '应参与总数' }]], '应参与总数202人，210人参加。')).toEqual(['relation-part-of']);
  });

  it('the message quotes the labelled figure as written', () => {
    const [p] = checkReport([['eligible_total', '202人'], [null, '210人', { label: '参与人数' }]], '202人中210人参加。').problems;
    expect(p!.what).toBe('参与人数210人 大于 应参与总数202人。');
    expect(p!.field).toBe('metrics[1].text');
  });

  it('a scope makes it a figure of its own, in no relation', () => {
    expect(codes([['eligible_total', '202人'], [null, '210人', { label: '参与人数', scope: '近3年' }]], '202人中近3年210人参加。')).toEqual([]);
  });

  it('a unit the metric is not counted in makes it another thing', () => {
    expect(codes([['eligible_total', '202人'], [null, '210户', { label: '参与人数' }]], '202人中210户参加。')).toEqual([]);
  });

  it('a keyed figure of the same metric and date comes first', () => {
    expect(codes([['participants', '130人', { label: '参加联学的党员' }], [null, '999人', { label: '参与人数' }], ['eligible_total', '202人']], '202人中130人参加联学；参与人数999人。')).toEqual([]);
  });

  it('it is still not the metric: no key, so never ranked or added up', () => {
    const r = checkReport([['eligible_total', '202人'], [null, '130人', { label: '参与人数' }]], '202人中130人参加。');
    expect(r.problems).toEqual([]);
    expect(r.report!.metrics[1]!.key).toBeUndefined();
  });

  it('a ratio of amounts names them as amounts', () => {
    const yaml = CATALOG_YAML.replace('relations:\n', `  - { key: npl_balance, label: 不良贷款余额, dimension: money, kind: stock }
  - { key: npl_ratio, label: 不良贷款率, dimension: percent, kind: rate }
relations:
  - { type: ratio, rate: npl_ratio, part: npl_balance, whole: loan_balance }
`);
    const catalog = buildCatalog(catalogSchema.parse(parse(yaml)));
    const metrics = [
      { key: 'loan_balance', label: '各项贷款余额', text: '100亿元', interval: [99.5e8, 100.5e8] },
      { label: '不良贷款余额', text: '2亿元', interval: [1.5e8, 2.5e8] },
      { key: 'npl_ratio', label: '不良贷款率', text: '5%', interval: [4.5, 5.5] },
    ].map((m, index) => ({
      ...m, dimension: m.text.endsWith('%') ? 'percent' : 'money', baseUnit: m.text.endsWith('%') ? '%' : '元', asOf: '2025-03-31', index,
      ...(m.key ? { definition: catalog.byKey.get(m.key)! } : {}), base: m.interval[0]!, value: 0, unit: '', multiplier: 1, decimals: 0,
    })) as unknown as ResolvedMetric[];
    const [p] = checkRelations(metrics, { catalog, file: 'x.md', locate: () => undefined });
    expect([p!.code, p!.title]).toEqual(['relation-ratio', '比率与金额对不上']);
  });
});
