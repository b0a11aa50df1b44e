/**
 * Whose figure, which metric, which date: articles in real layouts (test/fixtures/import/claims, and the two real
 * articles of test/fixtures/import, labelled again for claims) go through the importer's pure entry point
 * (importDocument, what `npm run import` runs on every file it reads), and every figure the importer puts into
 * metrics is compared with the hand-labelled claim. Counted per article: figures keyed although they belong to
 * someone else or to a part of the bank (subject), keyed to another metric (metric), or dated otherwise than the
 * sentence says (date, including a scope such as 2019年以来 or a plan period read as a date); targets written
 * as achievements; rules keyed as metrics. Goal 0 for each. Prints the table it measured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../src/lib/catalog.ts';
import { parseAsOf } from '../../src/lib/dates.ts';
import { figureVocabulary } from '../../src/lib/figures/index.ts';
import { importDocument, type ImportContext, type ImportedArticle } from '../../src/lib/import/article.ts';
import { orgIdFor } from '../../src/lib/import/slug.ts';
import { readContentConfig } from '../../src/node/content-config.ts';
import { readSource } from '../../src/import/read.ts';

const DIR = 'test/fixtures/import/claims';

/** A figure as labelled: the fields of test/fixtures/import/expected plus scope and the claim's date. */
interface ClaimFigure {
  text: string;
  key: string | null;
  label?: string;
  /** A part of the bank (支行, product, project, 2019年以来 …): never the whole bank's metric. */
  scope?: string;
  /** The claim's date; null where the article does not say (not compared). */
  asOf: string | null;
  /** Other dates a careful reader could give (the publication date for 今年以来 …). */
  asOfAlso?: string[];
  /** Other keys that are not wrong for this figure. */
  keyAlso?: string[];
  /** Leaving the key out is no mistake either (a count the catalog has, but only as a part of a programme). */
  keyOptional?: boolean;
}

interface ClaimArticle {
  title: string | null;
  org: string | null;
  first: string;
  figures: ClaimFigure[];
  /** Someone else's figures: never in metrics. */
  others: string[];
  /** Targets (kind plan: never in metrics) and rules (kind rule: in metrics only without key). */
  dropped: { text: string; kind: 'plan' | 'rule' }[];
}

interface Row {
  file: string;
  article: string;
  keyed: number;
  subject: number;
  metric: number;
  date: number;
  plan: number;
  rule: number;
  unlabelled: number;
  leaked: number;
  freeDate: number;
  missedKey: number;
  missed: number;
  notFound: number;
}

const COUNTED = ['subject', 'metric', 'date', 'plan', 'rule', 'unlabelled'] as const;

// The claims registry (levels, short names) and, for the orgs of the real page it lacks, the import corpus's.
const config = readContentConfig({ contentDir: path.resolve('test/fixtures/claims'), projectContentDir: path.resolve('content') });
const corpus = readContentConfig({ contentDir: path.resolve('test/fixtures/content'), projectContentDir: path.resolve('content') });
const known = new Set(config.registry.orgs.flatMap((o) => [o.id, o.name, o.short ?? o.name, ...o.aliases]));
const registry = buildRegistry({
  orgs: [...config.registry.orgs, ...corpus.registry.orgs.filter((o) => ![o.id, o.name, o.short ?? o.name, ...o.aliases].some((n) => known.has(n)))],
});
const ctx: ImportContext = { catalog: config.catalog, registry, vocab: figureVocabulary(config.catalog.baseUnits), toId: orgIdFor };

const norm = (s: string) => s.replace(/[\s\u3000]/g, '');

function day(asOf: string): string | undefined {
  const p = parseAsOf(asOf);
  return p.ok ? p.day : undefined;
}

function sameDate(got: string, want: ClaimFigure): boolean {
  const g = day(got);
  return [want.asOf!, ...(want.asOfAlso ?? [])].some((w) => day(w) === g);
}

function findArticle(found: ImportedArticle[], used: Set<number>, first: string): number {
  const want = norm(first);
  return found.findIndex((a, i) => !used.has(i) && norm(a.paragraphs.map((p) => p.text).join('')).slice(0, want.length + 30).includes(want));
}

function emptyRow(file: string, article: string): Row {
  return { file, article, keyed: 0, subject: 0, metric: 0, date: 0, plan: 0, rule: 0, unlabelled: 0, leaked: 0, freeDate: 0, missedKey: 0, missed: 0, notFound: 0 };
}

/**
 * Scores one imported article against its labels; the mistakes go to `why`, one line each. `lost` are the labels
 * of articles the import did not find: a figure of theirs keyed here is another org's figure.
 */
function score(row: Row, want: ClaimArticle, got: ImportedArticle, lost: ClaimArticle[], why: string[]): void {
  const pool = [...want.figures];
  const where = `${row.file}《${row.article}》`;
  for (const g of got.figures) {
    if (g.key) row.keyed++;
    const at = pool.findIndex((e) => norm(e.text) === norm(g.text));
    if (at < 0) {
      const owner = lost.find((l) => l.figures.some((e) => norm(e.text) === norm(g.text)) || l.others.some((o) => norm(o) === norm(g.text)));
      if (owner) {
        const theirs = owner.figures.some((e) => norm(e.text) === norm(g.text));
        if (g.key) {
          row.subject++;
          why.push(`${where} ${g.text}：另一篇文章（${owner.title ?? owner.first}）的数字，没有拆开，写成了本篇的 ${g.key}`);
        } else if (!theirs) {
          row.leaked++;
          why.push(`${where} ${g.text}：另一篇文章里别处的数字，进了 metrics`);
        }
        continue;
      }
      const dropped = want.dropped.find((d) => norm(d.text) === norm(g.text));
      if (want.others.some((o) => norm(o) === norm(g.text))) {
        if (g.key) {
          row.subject++;
          why.push(`${where} ${g.text}：别处的数字，写成了 ${g.key}`);
        } else {
          row.leaked++;
          why.push(`${where} ${g.text}：别处的数字，进了 metrics`);
        }
      } else if (dropped?.kind === 'plan') {
        row.plan++;
        why.push(`${where} ${g.text}：目标或计划，写成了数字${g.key ? `（${g.key}）` : ''}`);
      } else if (dropped && g.key) {
        row.rule++;
        why.push(`${where} ${g.text}：规则或每…的数，写成了 ${g.key}`);
      } else if (!dropped && g.key) {
        row.unlabelled++;
        why.push(`${where} ${g.text}：没有标注的数字，写成了 ${g.key}`);
      }
      continue;
    }
    const e = pool.splice(at, 1)[0]!;
    if (g.key) {
      if (e.scope) {
        row.subject++;
        why.push(`${where} ${g.text}：${e.scope}的数字，写成了全行的 ${g.key}`);
      } else if (g.key !== e.key && !(e.keyAlso ?? []).includes(g.key)) {
        row.metric++;
        why.push(`${where} ${g.text}：指标应为 ${e.key ?? '（不写 key）'}，写成了 ${g.key}`);
      }
      if (e.asOf !== null && g.asOf && !sameDate(g.asOf, e)) {
        row.date++;
        why.push(`${where} ${g.text}（${g.key}）：截至日期应为 ${e.asOf}，写成了 ${g.asOf}`);
      }
    } else {
      if (e.key && !e.keyOptional) row.missedKey++;
      if (e.asOf !== null && g.asOf && !sameDate(g.asOf, e)) {
        row.freeDate++;
        why.push(`${where} ${g.text}（不写 key）：截至日期应为 ${e.asOf}，写成了 ${g.asOf}`);
      }
    }
  }
  row.missed += pool.length;
}

function table(rows: Row[]): string {
  const cols = ['keyed', 'subject', 'metric', 'date', 'plan', 'rule', 'unlabelled', 'leaked', 'freeDate', 'missedKey', 'missed', 'notFound'] as const;
  const head = ['文件', '文章', '写了key', '主体错', '指标错', '日期错', '目标当数字', '规则写key', '未标注写key', '别处进metrics', '无key日期错', '漏写key', '漏了数字', '没找到文章'];
  const body = rows.map((r) => [r.file, r.article.slice(0, 14), ...cols.map((k) => String(r[k]))]);
  body.push(['合计', '', ...cols.map((k) => String(rows.reduce((s, r) => s + r[k], 0)))]);
  const all = [head, ...body];
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
  const widths = head.map((_, i) => Math.max(...all.map((row) => width(row[i]!))));
  return all.map((row) => row.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ')).join('\n');
}

describe('figure claims of imported articles', { timeout: 120_000 }, () => {
  it('keys only the bank-wide figures of the sentence, with the sentence’s metric and date', async () => {
    const files = readdirSync(path.join(DIR, 'expected')).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(8);
    const rows: Row[] = [];
    const why: string[] = [];
    for (const f of files) {
      const labelled = JSON.parse(readFileSync(path.join(DIR, 'expected', f), 'utf8')) as { file: string; source?: string; articles: ClaimArticle[] };
      const source = await readSource(path.join(DIR, labelled.source ?? labelled.file));
      const found = importDocument(source.doc, ctx);
      const used = new Set<number>();
      const pairs = labelled.articles.map((want) => {
        const i = findArticle(found, used, want.first);
        if (i >= 0) used.add(i);
        return { want, i };
      });
      const lost = pairs.filter((p) => p.i < 0).map((p) => p.want);
      for (const { want, i } of pairs) {
        const row = emptyRow(labelled.file, want.title ?? want.first);
        rows.push(row);
        if (i < 0) {
          row.notFound++;
          why.push(`${labelled.file}：没找到以“${want.first}”开头的文章`);
          continue;
        }
        score(row, want, found[i]!, lost, why);
      }
      found.forEach((a, i) => {
        if (used.has(i)) return;
        const row = emptyRow(labelled.file, `（多出）${a.title ?? a.paragraphs[0]?.text ?? ''}`);
        for (const g of a.figures.filter((x) => x.key)) {
          row.keyed++;
          row.unlabelled++;
          why.push(`${labelled.file} 多出的一篇：${g.text} 写成了 ${g.key}`);
        }
        if (row.keyed > 0) rows.push(row);
      });
    }
    console.log(`${table(rows)}\n\n${why.join('\n')}`);
    const wrong = rows.reduce((s, r) => s + COUNTED.reduce((t, k) => t + r[k], 0) + r.leaked, 0);
    expect(wrong, why.join('\n')).toBe(0);
  });
});

describe('the count itself', () => {
  const want: ClaimArticle = {
    title: '示例', org: '介休农商银行', first: '截至3月末',
    figures: [
      { text: '216.66亿元', key: 'deposit_balance', asOf: '2025-03-31' },
      { text: '1.2亿元', key: null, scope: '城关支行', asOf: '2025-Q1' },
      { text: '3.2亿元', key: null, scope: '2019年以来', asOf: '2025-03-31' },
    ],
    others: ['1.18万亿元'],
    dropped: [{ text: '20亿元', kind: 'plan' }, { text: '1次', kind: 'rule' }],
  };
  const imported = (figures: { text: string; key: string | null; asOf?: string }[]) => ({ figures }) as unknown as ImportedArticle;
  const run = (figures: { text: string; key: string | null; asOf?: string }[]) => {
    const row = emptyRow('示例.txt', '示例');
    const why: string[] = [];
    score(row, want, imported(figures), [], why);
    return row;
  };

  it('is zero where the import says what the labels say', () => {
    const row = run([
      { text: '216.66亿元', key: 'deposit_balance', asOf: '2025-03' },
      { text: '1.2亿元', key: null, asOf: '2025-03-31' },
      { text: '3.2亿元', key: null, asOf: '2025-Q1' },
      { text: '1次', key: null },
    ]);
    expect(COUNTED.map((k) => row[k])).toEqual([0, 0, 0, 0, 0, 0]);
    expect([row.leaked, row.freeDate, row.missed]).toEqual([0, 0, 0]);
  });

  it('counts each planted fault once, in its own column', () => {
    const row = run([
      { text: '216.66亿元', key: 'deposit_balance', asOf: '2024-03-31' },
      { text: '1.2亿元', key: 'loan_increase', asOf: '2025-03-31' },
      { text: '3.2亿元', key: null, asOf: '2019' },
      { text: '1.18万亿元', key: null },
      { text: '20亿元', key: null },
      { text: '1次', key: 'events_held' },
    ]);
    expect({ date: row.date, subject: row.subject, freeDate: row.freeDate, leaked: row.leaked, plan: row.plan, rule: row.rule, metric: row.metric })
      .toEqual({ date: 1, subject: 1, freeDate: 1, leaked: 1, plan: 1, rule: 1, metric: 0 });
  });
});
