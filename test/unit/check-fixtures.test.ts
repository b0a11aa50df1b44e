/**
 * One fixture per fault under test/fixtures/invalid/: each must produce exactly the one problem it was made
 * for, located on a line, in Chinese; the wording is snapshotted so a change to it is a reviewed change.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../helpers/content.ts';
import { formatProblem } from '../../src/lib/problems.ts';

const CONTENT = 'test/fixtures/check';
const NOW = new Date('2026-01-01T00:00:00+08:00');

function check(file: string) {
  return loadContent({ contentDir: CONTENT, paths: [file], now: NOW });
}

/** fixture → [problem code, field (if any), severity] */
const EXPECTED: Record<string, [string, string | undefined, 'error' | 'warning']> = {
  'unknown-field': ['unknown-field', 'titel', 'error'],
  'chinese-field-name': ['unknown-field', '摘要', 'error'],
  'missing-title': ['missing-field', 'title', 'error'],
  'yaml-unclosed-bracket': ['yaml-unclosed-bracket', undefined, 'error'],
  'unclosed-quote': ['yaml-unclosed-quote', undefined, 'error'],
  'yaml-duplicate-key': ['yaml-duplicate-key', undefined, 'error'],
  'yes-instead-of-true': ['yaml-yes-no', 'draft', 'error'],
  'scientific-notation': ['metric-text-notation', 'metrics[1].text', 'error'],
  'fullwidth-colon': ['yaml-fullwidth-colon', undefined, 'error'],
  'tab-indent': ['yaml-tab', undefined, 'error'],
  'fullwidth-space-indent': ['yaml-fullwidth-space', undefined, 'error'],
  'empty-file': ['file-empty', undefined, 'error'],
  'no-frontmatter': ['frontmatter-missing', undefined, 'error'],
  'unclosed-frontmatter': ['frontmatter-unclosed', undefined, 'error'],
  'impossible-date': ['schema-custom', 'date', 'error'],
  'unknown-org': ['org-unknown', 'org', 'error'],
  'unknown-theme': ['schema-invalid-value', 'themes[0]', 'error'],
  'unknown-metric': ['metric-unknown', 'metrics[0].key', 'error'],
  'unit-wrong-dimension': ['metric-unit', 'metrics[0].text', 'error'],
  'unit-missing': ['metric-unit-missing', 'metrics[0].text', 'error'],
  'old-form': ['metric-old-form', 'metrics[2].value', 'error'],
  'text-unreadable': ['metric-text', 'metrics[0].text', 'error'],
  'negative-not-allowed': ['metric-negative', 'metrics[0].text', 'error'],
  'out-of-range': ['metric-range', 'metrics[2].text', 'warning'],
  'figure-not-in-text': ['presence-missing', 'metrics[0].text', 'error'],
  'approx-marker-dropped': ['presence-approx', 'metrics[2].text', 'error'],
  'approx-yu-for-duo': ['presence-approx', 'metrics[2].text', 'error'],
  'growth-rate-mismatch': ['relation-balance-change', 'metrics[2].text', 'error'],
  'ratio-mismatch': ['relation-ratio', 'metrics[4].text', 'error'],
  'part-exceeds-whole': ['relation-part-of', 'metrics[3].text', 'error'],
  'npl-over-loans': ['relation-part-of', 'metrics[1].text', 'error'],
  'county-deposit-wan-for-yi': ['metric-implausible', 'metrics[1].text', 'error'],
  'coverage-over-100': ['metric-limit', 'metrics[1].text', 'error'],
  'share-label-over-100': ['metric-limit', 'metrics[1].text', 'error'],
  'asof-after-date': ['metric-asof-after-date', 'metrics[0].asOf', 'error'],
  'duplicate-metric': ['metric-duplicate', 'metrics[2].key', 'error'],
  'label-conflict': ['metric-conflict', 'metrics[3].text', 'error'],
  'free-without-label': ['metric-label-missing', 'metrics[2].text', 'error'],
  'scope-not-of-metric': ['metric-scope', 'metrics[2].scope', 'error'],
  'range-with-key': ['metric-form', 'metrics[2].key', 'error'],
  'featured-duplicate': ['metric-featured-duplicate', 'metrics[1].featured', 'error'],
  'same-key-twice': ['metric-same-key', 'metrics[3].key', 'warning'],
  'derived-without-note': ['metric-derived-note', 'metrics[2].derived', 'error'],
  'chart-context': ['component-chart-context', '正文', 'error'],
  'authors-not-a-list': ['schema-invalid-type', 'authors', 'error'],
  'title-too-long': ['schema-too-big', 'title', 'error'],
  'placeholder-left': ['placeholder', 'summary', 'error'],
  'cover-image-missing': ['cover-missing', 'cover.src', 'error'],
  'asof-unreadable': ['schema-custom', 'metrics[0].asOf', 'error'],
  'gbk-encoded': ['encoding-not-utf8', undefined, 'error'],
  'utf16-encoded': ['encoding-utf16', undefined, 'error'],
  '介休一季度报告': ['file-name', undefined, 'error'],
};

const dir = 'test/fixtures/invalid';
const fixtures = readdirSync(dir).filter((f) => /\.mdx?$/.test(f));

describe('every invalid fixture yields exactly its one problem', () => {
  it('has an expectation for every fixture file and at least 25 fixtures', async () => {
    expect(fixtures.map((f) => f.replace(/\.mdx?$/, '')).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  for (const f of fixtures) {
    const name = f.replace(/\.mdx?$/, '');
    it(name, async () => {
      const { problems, model } = await check(path.join(dir, f));
      const [code, field, severity] = EXPECTED[name]!;
      expect(problems.map((p) => p.code)).toEqual([code]);
      const p = problems[0]!;
      expect(p.severity).toBe(severity);
      expect(p.field).toBe(field);
      expect(p.file).toBe(`${dir}/${f}`);
      if (code !== 'cover-missing') expect(p.line).toBeGreaterThan(0);
      // Chinese wording, with a fix, and no stack trace or English library message leaking through.
      for (const text of [p.title, p.what, p.fix]) expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(formatProblem(p)).not.toMatch(/at .*\.(ts|js):\d+|Error:|Expected|Invalid input|Unrecognized/);
      expect(formatProblem(p)).toMatchSnapshot();
      // A report with an error is never published; a warning alone does not block it.
      expect(model.reports.length).toBe(severity === 'error' ? 0 : 1);
    });
  }
});

describe('valid fixtures', () => {
  for (const f of readdirSync('test/fixtures/valid')) {
    it(`${f} passes`, async () => {
      const { problems, model } = await check(path.join('test/fixtures/valid', f));
      expect(problems.map(formatProblem)).toEqual([]);
      expect(model.reports).toHaveLength(1);
    });
  }

  it('ten loan amounts at one date pass: the bank-wide ones keyed, the others told apart by label and scope', async () => {
    const r = (await check('test/fixtures/valid/ten-loan-amounts.md')).model.reports[0]!;
    const loans = r.metrics.filter((m) => m.dimension === 'money' && m.asOf === '2025-03-31');
    expect(loans.length).toBeGreaterThanOrEqual(10);
    expect(loans.filter((m) => m.key).map((m) => m.key)).toEqual(['loan_balance', 'loan_increase', 'agri_loan_balance', 'inclusive_loan_balance', 'green_loan_balance']);
    expect(new Set(loans.map((m) => `${m.label}|${m.scope ?? ''}`)).size).toBe(loans.length);
  });

  it('a BOM and Windows line endings change nothing', async () => {
    const plain = (await check('test/fixtures/valid/jiexiu-2025q1.md')).model.reports[0]!;
    for (const f of ['jiexiu-bom.md', 'jiexiu-crlf.md']) {
      const r = (await check(`test/fixtures/valid/${f}`)).model.reports[0]!;
      expect({ ...r, slug: '', file: '' }).toEqual({ ...plain, slug: '', file: '' });
    }
  });
});

describe('locations', () => {
  it('points at the line and column of the faulty field', async () => {
    const [p] = (await check(`${dir}/unit-wrong-dimension.md`)).problems;
    expect([p!.line, p!.column]).toEqual([9, 11]);
    const [q] = (await check(`${dir}/unknown-field.md`)).problems;
    expect([q!.line, q!.column]).toEqual([2, 1]);
    const [r] = (await check(`${dir}/tab-indent.md`)).problems;
    expect(r!.line).toBe(11);
  });

  it('reports every problem of every file in one run', async () => {
    const { problems } = await loadContent({ contentDir: CONTENT, paths: [dir], now: NOW });
    const files = new Set(problems.map((p) => p.file));
    expect(files.size).toBe(fixtures.length);
  });

  it('two files with the same name in different folders are refused', async () => {
    const { problems } = await loadContent({ contentDir: CONTENT, paths: ['test/fixtures/valid/jiexiu-2025q1.md', 'test/fixtures/duplicate-slug'], now: NOW });
    expect(problems.map((p) => p.code)).toEqual(['slug-duplicate']);
  });
});
