/**
 * Real page layouts, each article labelled by hand before its first import (test/fixtures/import/layouts/):
 * multi-article newspaper pages with broken columns, features with subheadings and photo credits, WeChat posts
 * with header and footer, Word files with tables and photos, pastes with half-width punctuation. Each file goes
 * through the function `npm run import` calls (importDocument, after the same reader), and each article is
 * scored: split, org, title, authors, date, figure precision and recall; then the draft the importer writes is
 * edited into the labelled final report, counting the edits (writer actions), and that report must pass the check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDocument, type ImportedArticle } from '../../src/lib/import/article.ts';
import { docxToSource, readSource } from '../../src/node/import/read.ts';
import { config, ctx } from './import-support.ts';
import { richDocx, type WordBlock } from './support/docx.ts';
import { draftActions, type LabelledArticle } from './support/layout-score.ts';

const DIR = 'test/fixtures/import/layouts';

/** Width and quote style are the writer's keyboard, not the article: compared as one. */
const norm = (s: string | null | undefined) => (s ?? '')
  .replace(/[\s\u3000]/g, '').replace(/\\/g, '')
  .replace(/[,，]/g, '，').replace(/[:：]/g, '：').replace(/[;；]/g, '；').replace(/[(（]/g, '（').replace(/[)）]/g, '）').replace(/["“”]/g, '"');

interface Row {
  file: string;
  first: string;
  split: boolean;
  org: boolean;
  title: boolean;
  authors: boolean;
  date: boolean;
  tp: number;
  fp: number;
  fn: number;
  actions: number | null;
  remaining: string[];
  notes: string[];
}

async function importLayout(name: string): Promise<ImportedArticle[]> {
  const file = path.join(DIR, name);
  if (name.endsWith('.json')) {
    const { blocks } = JSON.parse(readFileSync(file, 'utf8')) as { blocks: WordBlock[] };
    const { doc } = await docxToSource(richDocx(blocks), name.replace(/\.json$/, '.docx'));
    return importDocument(doc, ctx);
  }
  return importDocument((await readSource(file)).doc, ctx);
}

/** The body as plain text, for finding an expected article's first and last words. */
function bodyText(a: ImportedArticle): string {
  return norm(a.paragraphs.filter((p) => p.kind === 'p' || p.kind === 'li' || p.kind === 'table').map((p) => p.text).join(''));
}

function scoreArticle(file: string, e: LabelledArticle, found: ImportedArticle[], used: Set<number>): Row {
  const row: Row = { file, first: e.first.slice(0, 12), split: false, org: false, title: false, authors: false, date: false, tp: 0, fp: 0, fn: 0, actions: null, remaining: [], notes: [] };
  const at = found.findIndex((a, i) => !used.has(i) && bodyText(a).slice(0, norm(e.first).length + 20).includes(norm(e.first)));
  if (at < 0) {
    row.notes.push('没找到这篇');
    row.fn = e.figures.filter((f) => !f.optional).length;
    return row;
  }
  used.add(at);
  const a = found[at]!;
  const body = bodyText(a);
  // What a reader reads as the article: captions and photos are no text of it.
  const all = a.paragraphs.filter((p) => p.kind !== 'caption' && p.kind !== 'image').map((p) => norm(p.text)).join('\n');
  row.split = body.endsWith(norm(e.last))
    && (e.mustContain ?? []).every((s) => body.includes(norm(s)))
    && (e.mustNotContain ?? []).every((s) => !all.includes(norm(s)))
    && (e.once ?? []).every((s) => body.split(norm(s)).length === 2)
    && (e.headings === undefined || JSON.stringify(a.paragraphs.filter((p) => p.kind === 'h2').map((p) => p.text)) === JSON.stringify(e.headings));
  if (!row.split) row.notes.push(`拆分：…${body.slice(-16)}；小标题 ${a.paragraphs.filter((p) => p.kind === 'h2').map((p) => p.text).join('/')}`);
  const org = e.orgStatus === 'non-bank' ? a.nonBank ?? null : a.org;
  const status = e.orgStatus === 'non-bank' ? (a.nonBank ? 'non-bank' : 'bank') : a.registryOrg ? 'known' : a.org ? 'proposed' : 'none';
  row.org = norm(org) === norm(e.org) && status === e.orgStatus;
  if (!row.org) row.notes.push(`机构：${org ?? '无'}（${status}）`);
  row.title = norm(a.title) === norm(e.title);
  if (!row.title) row.notes.push(`标题：${a.title ?? '无'}`);
  row.authors = a.authors.join('、') === e.authors.join('、');
  if (!row.authors) row.notes.push(`作者：${a.authors.join('、') || '无'}`);
  row.date = (a.date ?? null) === e.date;
  if (!row.date) row.notes.push(`日期：${a.date ?? '无'}`);
  if (e.orgStatus === 'non-bank') return row;

  const got = a.figures.map((f) => norm(f.text));
  const optional = new Set(e.figures.filter((f) => f.optional).map((f) => norm(f.text)));
  const want = e.figures.filter((f) => !f.optional).map((f) => norm(f.text));
  const left = [...got];
  for (const w of want) {
    const i = left.indexOf(w);
    if (i >= 0) {
      row.tp++;
      left.splice(i, 1);
    } else {
      row.fn++;
      row.notes.push(`漏了 ${w}`);
    }
  }
  for (const g of left) {
    if (optional.has(g)) continue;
    row.fp++;
    row.notes.push(`多了 ${g}`);
  }
  const actions = draftActions(a, e, { config, source: file });
  row.actions = actions.count;
  row.remaining = actions.remaining;
  return row;
}

const files = readdirSync(DIR).filter((f) => /\.(txt|md|json)$/.test(f)).sort();
const rows: Row[] = [];
let extra = 0;

describe('articles in real layouts', () => {
  it('has at least 12 labelled articles', () => {
    const total = files.reduce((n, f) => n + (JSON.parse(readFileSync(path.join(DIR, 'expected', `${f.replace(/\.json$/, '.docx')}.json`), 'utf8')) as { articles: unknown[] }).articles.length, 0);
    expect(total).toBeGreaterThanOrEqual(12);
  });

  for (const f of files) {
    it(f, async () => {
      const expected = (JSON.parse(readFileSync(path.join(DIR, 'expected', `${f.replace(/\.json$/, '.docx')}.json`), 'utf8')) as { articles: LabelledArticle[] }).articles;
      const found = await importLayout(f);
      const used = new Set<number>();
      for (const e of expected) rows.push(scoreArticle(f, e, found, used));
      extra += found.length - used.size;
      if (found.length > used.size) rows[rows.length - 1]!.notes.push(`多出 ${found.length - used.size} 篇：${found.filter((_, i) => !used.has(i)).map((a) => a.title ?? bodyText(a).slice(0, 12)).join('；')}`);
    });
  }

  it('splits, finds the org, title and date of every article, and reads the figures', () => {
    const mark = (b: boolean) => (b ? '✓' : '✗');
    const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 100)}%`);
    const lines = ['文件 | 文章开头 | 拆分 | 机构 | 标题 | 作者 | 日期 | 数字精确率 | 数字召回率 | 改动次数（无审阅页） | 说明'];
    for (const r of rows) {
      lines.push([r.file, r.first, mark(r.split), mark(r.org), mark(r.title), mark(r.authors), mark(r.date), pct(r.tp, r.tp + r.fp), pct(r.tp, r.tp + r.fn),
        r.actions === null ? '—' : `${r.actions}${r.remaining.length > 0 ? `（检查仍报 ${r.remaining.length} 个错误）` : ''}`, [...r.notes, ...r.remaining].join('；')].join(' | '));
    }
    const sum = (k: 'tp' | 'fp' | 'fn') => rows.reduce((n, r) => n + r[k], 0);
    const tp = sum('tp');
    const counted = rows.filter((r) => r.actions !== null);
    lines.push(`合计 ${rows.length} 篇（多出 ${extra} 篇）：拆分 ${rows.filter((r) => r.split).length}、机构 ${rows.filter((r) => r.org).length}、标题 ${rows.filter((r) => r.title).length}、作者 ${rows.filter((r) => r.authors).length}、日期 ${rows.filter((r) => r.date).length}；`
      + `数字精确率 ${pct(tp, tp + sum('fp'))}、召回率 ${pct(tp, tp + sum('fn'))}；改动次数平均 ${(counted.reduce((n, r) => n + r.actions!, 0) / Math.max(1, counted.length)).toFixed(1)}`);
    console.log(lines.join('\n'));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(extra).toBe(0);
    for (const k of ['split', 'org', 'title', 'date'] as const) expect(rows.filter((r) => !r[k]).map((r) => `${r.file} ${r.first}`), k).toEqual([]);
    expect(tp / (tp + sum('fp'))).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + sum('fn'))).toBeGreaterThanOrEqual(0.95);
    expect(counted.filter((r) => r.remaining.length > 0).map((r) => `${r.file} ${r.first}: ${r.remaining.join('；')}`)).toEqual([]);
  });
});
