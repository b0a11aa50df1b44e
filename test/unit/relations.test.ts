/**
 * Relations between figures hold within the intervals the printed figures stand for: rounding never raises a
 * false alarm, markers widen the check exactly as far as they say and no further.
 */
import { describe, expect, it } from 'vitest';
import { checkReport, codes } from './support/figure-catalog.ts';

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
