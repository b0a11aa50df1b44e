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
import { docxToSource, readSource } from '../../src/import/read.ts';
import { fieldsToFill } from '../../src/lib/import/draft.ts';
import { findOrgs, nonBankName } from '../../src/lib/import/orgs.ts';
import { fileSummary } from '../../src/lib/import/report.ts';
import { fullWidthPunctuation } from '../../src/lib/import/text.ts';
import { config, ctx, importText } from './import-support.ts';
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

describe('the pieces of a real page', () => {
  it('reads an org as a name, never a clause that ends in one, cut at punctuation of either width', () => {
    const names = (t: string) => findOrgs(fullWidthPunctuation(t), config.registry).map((m) => m.text);
    expect(names('百年薪火代代相传,工商银行于都支行党支部')).toEqual(['工商银行于都支行']);
    expect(names('红色教育走深走实,近日,工商银行赣州分行组织党员干部')).toEqual(['工商银行赣州分行']);
    expect(names('中国银行切实发挥国有大型银行作用')).toEqual(['中国银行']);
    expect(names('重走红军路中国工商银行于都支行')).toEqual(['中国工商银行于都支行']);
    expect(names('学党史 悟初心丨工商银行赣州分行开展主题党日活动')).toEqual(['工商银行赣州分行']);
    expect(nonBankName('中国电信于都分公司')).toBe('中国电信于都分公司');
    expect(nonBankName('松滋农商银行')).toBeUndefined();
  });

  it('lifts a caption printed inside a sentence out of it and joins the sentence again', () => {
    const [a] = importText(['某某农商银行', '开展金融夜校', '□通讯员 李 娜', '    今年以来，山西某某农商银行开', '展“金融夜校”32场，覆盖群众', '图为客户经理在夜校讲解防诈知识。 王 磊 摄', '2600余人次。', '中国银行图'].join('\n'));
    expect(a!.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['p', '今年以来，山西某某农商银行开展“金融夜校”32场，覆盖群众2600余人次。'],
      ['caption', '图为客户经理在夜校讲解防诈知识。'],
    ]);
    expect(a!.credits).toEqual(['王磊 摄', '中国银行图']);
    expect(a!.authors).toEqual(['李娜']);
  });

  it('says in the summary which article it did not draft and why, what to fill, and where to go on', () => {
    const [bank, company] = importText(readFileSync(path.join(DIR, 'page-jinrong-0618.txt'), 'utf8'));
    const out = fileSummary('版面.txt', 'utf-8', [
      { article: bank!, file: 'content/reports/gonghang-yudou-20250618-hongjun.md', images: 0, toFill: ['org（机构）', 'metrics 第 1 项的 asOf（截至日期）', 'metrics 第 2 项的 asOf（截至日期）'] },
      { article: company!, file: null, images: 0, toFill: [] },
    ], { review: 'http://127.0.0.1:4321/showcase/_review/', check: 'npm run check -- content/reports/gonghang-yudou-20250618-hongjun.md' });
    expect(out).toContain('找到 2 篇文章，写出 1 份草稿');
    expect(out).toContain('开头：江西于都，中央红军长征集结出发地。');
    expect(out).toContain('机构：中国工商银行于都支行（名录里没有，建议加入，见下方）');
    expect(out).toMatch(/没有放进 1 个（1 个是计划或目标）：10亿元（“力争/);
    expect(out).toContain('要填写：org（机构）、metrics 第 1—2 项的 asOf（截至日期）');
    expect(out).toContain('没有写草稿：这篇说的是中国电信于都分公司，不是银行');
    expect(out).toContain('建议加入 1 家（中国工商银行于都支行）');
    expect(out).toContain('http://127.0.0.1:4321/showcase/_review/');
    expect(out).toContain('npm run check -- content/reports/gonghang-yudou-20250618-hongjun.md');
  });

  it('lists the fields a draft leaves to fill', () => {
    expect(fieldsToFill(['---', 'title: 某某', 'date:  # 请填写：发布日期', 'themes: []  # 请填写：1–4 个主题', 'metrics:', '  - text: 12个', '    label:  # 请填写：统计的是什么', '  - text: 3次', '    asOf:  # 请填写：截至日期', '---', 'date:  # 请填写'].join('\n')))
      .toEqual(['date（发布日期）', 'themes（主题）', 'metrics 第 1 项的 label（统计的是什么）', 'metrics 第 2 项的 asOf（截至日期）']);
  });
});

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
