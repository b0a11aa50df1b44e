/**
 * How well an import matches hand-labelled expectations: articles split right (each expected article found
 * once, from its first words to its last), fields right, and figures found (precision and recall, money,
 * percent and counts separately). Pure: the caller reads the files.
 */
import type { ContractArticle } from '../src/lib/import/report.ts';
import type { FigureCategory } from '../src/lib/import/figures.ts';
import { fullWidthPunctuation } from '../src/lib/import/text.ts';

export interface ExpectedFigure {
  text: string;
  value: number | null;
  unit: string;
  approx: string | null;
  key: string | null;
  label?: string;
}

export interface ExpectedArticle {
  title: string | null;
  org: string | null;
  date: string | null;
  authors: string[];
  first: string;
  last: string;
  figures: ExpectedFigure[];
  others: string[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface QualityReport {
  files: number;
  expectedArticles: number;
  foundArticles: number;
  splitCorrect: number;
  fields: Record<'title' | 'org' | 'date' | 'authors', { right: number; total: number }>;
  figures: Record<FigureCategory | 'all', Counts>;
  keys: Counts;
  values: { right: number; total: number };
  othersLeaked: number;
  othersTotal: number;
  mistakes: string[];
}

/** Spaces, escapes and the width of punctuation (the importer writes Chinese marks for half-width ones) aside. */
const norm = (s: string | null) => fullWidthPunctuation(s ?? '').replace(/[\s\u3000]/g, '').replace(/\\/g, '');

export function categoryOfUnit(unit: string, text: string): FigureCategory {
  if (/元$/.test(unit)) return 'money';
  if (/%|成$|百分点$/.test(unit) || /分之/.test(text)) return 'percent';
  return 'count';
}

/** Body text of a found article, markup out, for locating the expected first and last words. */
function plain(body: string): string {
  return norm(body.replace(/^#+\s*/gm, '').replace(/^- /gm, '').replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/^\*(.*)\*$/gm, '$1'));
}

export function emptyReport(): QualityReport {
  const c = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  return {
    files: 0, expectedArticles: 0, foundArticles: 0, splitCorrect: 0,
    fields: { title: { right: 0, total: 0 }, org: { right: 0, total: 0 }, date: { right: 0, total: 0 }, authors: { right: 0, total: 0 } },
    figures: { money: c(), percent: c(), count: c(), all: c() }, keys: c(), values: { right: 0, total: 0 }, othersLeaked: 0, othersTotal: 0, mistakes: [],
  };
}

export function scoreFile(r: QualityReport, file: string, expected: ExpectedArticle[], found: ContractArticle[]): void {
  r.files++;
  r.expectedArticles += expected.length;
  r.foundArticles += found.length;
  const bodies = found.map((a) => plain(a.body));
  const used = new Set<number>();
  const pairs: [ExpectedArticle, ContractArticle | undefined][] = [];
  for (const e of expected) {
    const first = norm(e.first);
    const last = norm(e.last);
    let best = -1;
    for (let i = 0; i < found.length; i++) {
      if (used.has(i)) continue;
      if (bodies[i]!.startsWith(first) || bodies[i]!.slice(0, first.length + 20).includes(first)) {
        best = i;
        break;
      }
    }
    if (best < 0) {
      r.mistakes.push(`${file}: 没找到以“${e.first}”开头的文章`);
      pairs.push([e, undefined]);
      continue;
    }
    used.add(best);
    const a = found[best]!;
    const body = bodies[best]!;
    if (body.endsWith(last) || body.slice(-last.length - 30).includes(last)) r.splitCorrect++;
    else r.mistakes.push(`${file}: “${e.first}”一篇的结尾不对：…${body.slice(-30)}`);
    const field = (name: 'title' | 'org' | 'date' | 'authors', want: string, got: string) => {
      r.fields[name].total++;
      if (want === got) r.fields[name].right++;
      else r.mistakes.push(`${file}: “${e.first}”的 ${name} 应为“${want}”，得到“${got}”`);
    };
    field('title', norm(e.title), norm(a.title));
    field('org', norm(e.org), norm(a.org));
    field('date', e.date ?? '', a.date ?? '');
    field('authors', e.authors.join('、'), a.authors.join('、'));
    pairs.push([e, a]);
  }
  found.forEach((a, i) => {
    if (!used.has(i)) {
      r.mistakes.push(`${file}: 多出一篇“${(a.title ?? plain(a.body)).slice(0, 20)}”`);
      pairs.push([{ title: null, org: null, date: null, authors: [], first: '', last: '', figures: [], others: [] }, a]);
    }
  });
  for (const [e, a] of pairs) {
    const got = [...(a?.figures ?? [])];
    for (const o of e.others) {
      r.othersTotal++;
      if (got.some((g) => norm(g.text) === norm(o))) r.othersLeaked++;
    }
    for (const want of e.figures) {
      const cat = categoryOfUnit(want.unit, want.text);
      const at = got.findIndex((g) => norm(g.text) === norm(want.text));
      if (at < 0) {
        r.figures[cat].fn++;
        r.figures.all.fn++;
        if (want.key) r.keys.fn++;
        r.mistakes.push(`${file}: 漏了数字 ${want.text}（${want.label ?? ''}）`);
        continue;
      }
      const g = got.splice(at, 1)[0]!;
      r.figures[cat].tp++;
      r.figures.all.tp++;
      if (want.value !== null) {
        r.values.total++;
        if (Math.abs(g.value - want.value) < 1e-9 && g.unit === want.unit && (g.approx ?? null) === (want.approx ?? null)) r.values.right++;
        else r.mistakes.push(`${file}: ${want.text} 读成 ${g.value} ${g.unit} ${g.approx ?? ''}`);
      }
      if (want.key && g.key === want.key) r.keys.tp++;
      else {
        if (want.key) r.keys.fn++;
        if (g.key) r.keys.fp++;
        if (want.key || g.key) r.mistakes.push(`${file}: ${want.text} 的指标应为 ${want.key ?? '（无）'}，得到 ${g.key ?? '（无）'}`);
      }
    }
    for (const g of got) {
      const cat = categoryOfUnit(g.unit, g.text);
      r.figures[cat].fp++;
      r.figures.all.fp++;
      if (g.key) r.keys.fp++;
      r.mistakes.push(`${file}: 多提取了 ${g.text}（${g.label ?? ''}）`);
    }
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
export const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);
export const splitAccuracy = (r: QualityReport) => ratio(r.splitCorrect, Math.max(r.expectedArticles, r.foundArticles));

export function qualityTable(r: QualityReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: string[][] = [['项目', '精确率', '召回率', '对 / 标注 / 找到']];
  for (const [name, c] of [['金额', r.figures.money], ['比率', r.figures.percent], ['数量', r.figures.count], ['全部数字', r.figures.all], ['指标代码 key', r.keys]] as const) {
    rows.push([name, pct(precision(c)), pct(recall(c)), `${c.tp} / ${c.tp + c.fn} / ${c.tp + c.fp}`]);
  }
  rows.push(['文章拆分', pct(splitAccuracy(r)), '', `${r.splitCorrect} / ${r.expectedArticles} / ${r.foundArticles}`]);
  for (const [k, v] of Object.entries(r.fields)) rows.push([{ title: '标题', org: '机构', date: '日期', authors: '作者' }[k]!, pct(ratio(v.right, v.total)), '', `${v.right} / ${v.total}`]);
  rows.push(['数值、单位、约数', pct(ratio(r.values.right, r.values.total)), '', `${r.values.right} / ${r.values.total}`]);
  rows.push(['别处的数字混进来', `${r.othersLeaked} 个`, '', `共 ${r.othersTotal} 个`]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => width(row[i]!))));
  return rows.map((row) => row.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ')).join('\n');
}

function width(s: string): number {
  let w = 0;
  for (const c of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1;
  return w;
}
