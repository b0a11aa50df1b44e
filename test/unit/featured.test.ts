/**
 * A figure a report quotes about someone else (`context: true`: 全国, 全省, 人民银行, a partner) never leads and is
 * never one of the organisation's figures on a list entry or in the top panel; the panel hands it back apart,
 * for the report page's own section of such figures.
 */
import { describe, expect, it } from 'vitest';
import { leadFigures, listFigures, panelFigures } from '../../src/lib/featured.ts';
import { contextFigures, isCatalogFigure, isOwnFigure, ownFigures } from '../../src/lib/figures/index.ts';
import { checkReport } from './support/figure-catalog.ts';

// The nationwide balance is by far the largest money balance: by the default rule alone it would lead.
const BODY = '据人民银行统计，截至2025年3月末，全国普惠小微贷款余额36.1万亿元。截至3月末，该行各项存款余额216.66亿元，较年初增加12.64亿元；服务农户3260户。';
const LINES: Parameters<typeof checkReport>[0] = [
  [null, '36.1万亿元', { label: '全国普惠小微贷款余额', context: true }],
  ['deposit_balance', '216.66亿元'],
  ['deposit_increase', '12.64亿元'],
  ['households_served', '3260户'],
];

function figures() {
  const r = checkReport(LINES, BODY);
  expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual([]);
  const ms = r.report!.metrics;
  expect(ms.find((m) => m.text === '36.1万亿元')!.context).toBe(true);
  return ms;
}

describe('a figure quoted about someone else', () => {
  it('is not the organisation’s figure, nor a catalog figure, by the one predicate', () => {
    const ms = figures();
    const ctx = ms.find((m) => m.context)!;
    expect(isOwnFigure(ctx)).toBe(false);
    expect(isCatalogFigure({ ...ctx, key: 'deposit_balance', definition: ms[1]!.definition })).toBe(false);
    expect(ownFigures(ms).map((m) => m.text)).toEqual(['216.66亿元', '12.64亿元', '3260户']);
    expect(contextFigures(ms).map((m) => m.text)).toEqual(['36.1万亿元']);
  });

  it('never leads a card or poster, whatever room there is', () => {
    const ms = figures();
    expect(leadFigures(ms).map((m) => m.text)).toEqual(['216.66亿元', '12.64亿元', '3260户']);
    expect(leadFigures(ms, 6).map((m) => m.text)).not.toContain('36.1万亿元');
    expect(leadFigures(ms, 6, { featured: false }).map((m) => m.text)).not.toContain('36.1万亿元');
  });

  it('never leads even where it carries featured (the check refuses that; the surfaces do not rely on it)', () => {
    const ms = figures().map((m) => (m.context ? { ...m, featured: 1 } : m));
    expect(leadFigures(ms).map((m) => m.text)).not.toContain('36.1万亿元');
  });

  it('is not among a list entry’s figures, even where the entry has room for it', () => {
    expect(listFigures(figures()).map((m) => m.text)).toEqual(['216.66亿元', '12.64亿元', '3260户']);
    const two = figures().filter((m) => m.context || m.key === 'deposit_balance');
    expect(listFigures(two).map((m) => m.text)).toEqual(['216.66亿元']);
  });

  it('is neither a lead nor another figure of the top panel: the panel hands it back as context', () => {
    const { lead, rest, context } = panelFigures(figures());
    expect([...lead, ...rest].map((m) => m.text)).not.toContain('36.1万亿元');
    expect(context.map((m) => [m.label, m.text])).toEqual([['全国普惠小微贷款余额', '36.1万亿元']]);
  });
});
