/**
 * Figures on the built site are the articles' printed figures: every figure of every report page is shown
 * exactly as its report prints it and is found in the page's own body text; a figure of a report's own (a
 * segment, programme, branch or period) never reaches a bank-wide ranking or the year's totals.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog } from '../../src/lib/catalog.ts';
import type { ResolvedMetric } from '../../src/lib/model.ts';
import { figureVocabulary, parseFigure } from '../../src/lib/figures/index.ts';
import { checkPresence } from '../../src/lib/validate/presence.ts';
import { catalogSchema } from '../../src/schemas/catalog.ts';

const distDir = inject('distDir');
const contentDir = inject('contentDir');
const catalog = buildCatalog(catalogSchema.parse(parse(readFileSync(path.join(contentDir, 'metrics.yaml'), 'utf8'))));
const vocab = figureVocabulary(catalog.baseUnits);

/**
 * Whether the page's body prints this figure, by the same rule the check holds reports to: the printed form,
 * only layout tolerated (and a count word after the number: 2万多农户 prints 2万多户).
 */
function printedIn(bodyText: string, printed: string): boolean {
  const parsed = parseFigure(printed, vocab);
  if (!parsed.ok) return false;
  const f = parsed.figure;
  const m = { ...f, label: printed, dimension: '', asOf: '', asOfLabel: '', derived: false, index: 0 } as unknown as ResolvedMetric;
  return checkPresence([m], bodyText, { file: 'page', baseUnits: catalog.baseUnits, locate: () => undefined }).length === 0;
}

type Node = ReturnType<typeof parseDocument>;

function page(rel: string): Node {
  return parseDocument(readFileSync(path.join(distDir, rel, 'index.html'), 'utf8'));
}

function byClass(root: Node, cls: string) {
  return DomUtils.findAll((e) => (e.attribs.class ?? '').split(/\s+/).includes(cls), root.children);
}

const text = (e: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(e);
const compact = (s: string) => s.replace(/\s+/g, '');

describe('every figure on a report page is the printed text of its body', () => {
  const slugs = readdirSync(path.join(distDir, 'reports'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'page')
    .map((d) => d.name);

  it('the site has report pages with figures to check, the ten-loan sample among them', () => {
    const withFigures = slugs.filter((s) => byClass(page(`reports/${s}`), 'metric').length > 0);
    expect(withFigures.length).toBeGreaterThan(10);
    expect(withFigures).toContain('yanshi-2025q1-xiangcun');
  });

  it('the rule used below tells a printed figure from another printing', () => {
    expect(printedIn('存款余额216.66亿元。', '216.66亿元')).toBe(true);
    expect(printedIn('存款余额216.66亿元。', '216.68亿元')).toBe(false);
    expect(printedIn('累计发放40多亿元。', '40余亿元')).toBe(false);
    expect(printedIn('带动2万多农户增收。', '2万多户')).toBe(true);
  });

  it('each shown figure equals its printed text and is in the page’s body text', () => {
    let checked = 0;
    for (const slug of slugs) {
      const doc = page(`reports/${slug}`);
      const body = byClass(doc, 'report-body')[0];
      const figures = byClass(doc, 'metric');
      if (figures.length === 0) continue;
      expect(body, slug).toBeDefined();
      for (const f of figures) {
        const printed = f.attribs['data-figure']!;
        const shown = compact(text(byClass({ children: [f] } as unknown as Node, 'metric-value')[0]!));
        expect(shown, `${slug}: ${printed}`).toBe(compact(printed));
        // Derived figures are marked and need not be in the body (their source is their note, see
        // figure-sources.test.ts); one sample has one.
        if (text(f).includes('（推算）')) continue;
        expect(printedIn(text(body!), printed), `${slug}: ${printed}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the ten loan amounts of one report are all shown as printed, scoped ones with their scope', () => {
    const doc = page('reports/yanshi-2025q1-xiangcun');
    const shown = byClass(doc, 'metric').map((f) => f.attribs['data-figure']);
    for (const t of ['326.9亿元', '14.45亿元', '126.4亿元', '51.26亿元', '18.7亿元', '30余亿元', '40余亿元', '15.4亿元', '8400余万元', '4.6亿元']) expect(shown).toContain(t);
    const captions = byClass(doc, 'metric').map((f) => compact(text(DomUtils.findOne((e) => e.name === 'dt', [f])!)));
    expect(captions).toContain('累计发放扶贫贷款（2019年以来）');
    // Only a catalog metric links to a ranking (every figure links to its source; that link is not in its name).
    const linked = byClass(doc, 'metric').filter((f) => DomUtils.findOne((e) => e.name === 'dt' && DomUtils.existsOne((a) => a.name === 'a', e.children), [f])).map((f) => f.attribs['data-figure']);
    expect(linked.sort()).toEqual(['126.4亿元', '14.45亿元', '18.7亿元', '326.9亿元', '51.26亿元']);
  });
});

describe('figures of a report’s own stay out of rankings and totals', () => {
  it('the 各项贷款余额 ranking lists bank-wide balances only', () => {
    const table = text(DomUtils.findOne((e) => e.name === 'table', page('metrics/loan_balance').children)!);
    // Each organisation's latest bank-wide balance: 演示银行's 2025-06-30 figure, 示例农商银行's.
    expect(table).toContain('338.62亿元');
    expect(table).toContain('58.58亿元');
    // 实体贷款余额 (介休, 翼城) and the segment and programme amounts are not the bank's loan balance.
    for (const t of ['105.15亿元', '31.98亿元', '30余亿元', '40余亿元', '15.4亿元', '126.4亿元']) expect(table).not.toContain(t);
  });

  it('the year’s 贷款较年初增加 total adds the bank-wide increases only: 2.48 + 14.45 + 7.73亿元, not 实体贷款净增', () => {
    const totals = byClass(page(''), 'total').map((t) => compact(text(t)));
    const loans = totals.find((t) => t.startsWith('贷款较年初增加'));
    expect(loans).toBeDefined();
    expect(loans).toContain('24.66亿元');
  });

  it('no ranking page exists for a figure of a report’s own', () => {
    const metrics = readdirSync(path.join(distDir, 'metrics'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(metrics).toContain('loan_balance');
    expect(metrics.every((m) => /^[a-z][a-z0-9_]*$/.test(m))).toBe(true);
  });
});
