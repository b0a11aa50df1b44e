/**
 * The review page's pure parts (src/lib/review): the rows of a draft and what the claim reader proposes for each,
 * the frontmatter each of the four decisions writes, saving that changes only the lines of what changed (comments,
 * key order and spacing elsewhere byte for byte), what the page may send, and who may send it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseReportSource } from '../../src/lib/frontmatter.ts';
import { applyReview, editsProblem, frontmatterSpan, keepUntouchedLines } from '../../src/lib/review/edit.ts';
import type { ReviewEdits, RowEdit } from '../../src/lib/review/decisions.ts';
import { requestRefusal, type RequestFacts } from '../../src/lib/review/guard.ts';
import { readDraft, type ReviewContext, type ReviewDraft } from '../../src/lib/review/rows.ts';
import { markedBlocks, publishState } from '../../src/lib/review/view.ts';
import { readContentConfig } from '../../src/node/content-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONTENT = path.join(ROOT, 'test/fixtures/dev/content');
const FILE = 'reports/dev-review.md';
const DRAFT = readFileSync(path.join(ROOT, 'test/fixtures/review/dev-review.md'), 'utf8');
const config = readContentConfig({ contentDir: CONTENT, projectContentDir: CONTENT });
const ctx: ReviewContext = { site: config.site, catalog: config.catalog, registry: config.registry, today: '2025-06-30' };

function read(text = DRAFT): ReviewDraft {
  const out = readDraft(text, FILE, ctx);
  if (!out.ok) throw new Error(JSON.stringify(out.problems));
  return out.draft;
}

function rowOf(draft: ReviewDraft, printed: string) {
  const row = draft.rows.find((r) => r.printed === printed);
  if (!row) throw new Error(`没有数字 ${printed}：${draft.rows.map((r) => r.printed).join('、')}`);
  return row;
}

function save(edits: Omit<ReviewEdits, 'hash'>, text = DRAFT): string {
  const draft = read(text);
  const parsed = parseReportSource(text, FILE);
  if (!parsed.ok) throw new Error('读不出来');
  const out = applyReview(text, parsed.source.body, draft, edits, config.catalog);
  if (!out.ok) throw new Error(out.reason);
  return out.text;
}

/** One row's decision, by the figure it prints. */
function decide(printed: string, d: RowEdit, extra: Omit<ReviewEdits, 'hash' | 'rows'> = {}): string {
  return save({ ...extra, rows: { [rowOf(read(), printed).id]: d } });
}

function metricsOf(text: string): Record<string, unknown>[] {
  const p = parseReportSource(text, FILE);
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return p.source.data.metrics as Record<string, unknown>[];
}

/** The lines of `before` that `after` lacks, and the other way round (each once, in order). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: [...new Set(a.filter((l) => !b.includes(l)))], added: [...new Set(b.filter((l) => !a.includes(l)))] };
}

describe('the rows of a draft', () => {
  const draft = read();

  it('has a row for every figure of the text, in metrics or not, with its sentence', () => {
    expect(draft.rows.map((r) => r.printed)).toEqual(['92.6亿元', '33.8亿元', '4.2亿元', '1200人', '260人', '500人']);
    const r = rowOf(draft, '4.2亿元');
    expect(draft.text.slice(r.sentence!.start, r.sentence!.end)).toBe('其中，城关支行涉农贷款余额4.2亿元。');
    expect(rowOf(draft, '1200人').index).toBeUndefined();
    expect(rowOf(draft, '260人').index).toBe(3);
  });

  it('says what the file says now and what the claim proposes', () => {
    expect(rowOf(draft, '92.6亿元').current).toMatchObject({ kind: 'key', key: 'deposit_balance' });
    expect(rowOf(draft, '92.6亿元').proposal).toMatchObject({ kind: 'key', key: 'deposit_balance' });
    // A branch's figure keyed as the bank's: the proposal is its scope.
    expect(rowOf(draft, '4.2亿元').current).toMatchObject({ kind: 'key', key: 'agri_loan_balance' });
    expect(rowOf(draft, '4.2亿元').proposal).toMatchObject({ kind: 'scope', scope: '城关支行' });
    // The county's figure, left out by the importer: set aside, as the proposal says.
    expect(rowOf(draft, '1200人').current).toMatchObject({ kind: 'context', listed: false });
    expect(rowOf(draft, '1200人').proposal).toMatchObject({ kind: 'context', listed: false });
    expect(rowOf(draft, '1200人').reading).toContain('别处');
    // A target is no achievement.
    expect(rowOf(draft, '500人').proposal).toMatchObject({ kind: 'drop' });
    expect(rowOf(draft, '500人').proposal.why).toContain('力争');
    expect(rowOf(draft, '260人').proposal).toMatchObject({ kind: 'key', key: null, label: '培训加工户' });
  });

  it('marks every found figure in the text', () => {
    const marked = markedBlocks(draft).flat().filter((p) => 'row' in p).map((p) => p.text);
    expect(marked).toEqual(draft.figures.map((f) => draft.text.slice(f.start, f.end)));
    expect(marked.length).toBe(6);
  });

  it('offers only catalog metrics of the figure\'s unit', () => {
    expect(rowOf(draft, '260人').metrics.map((m) => m.key)).toEqual(['people_trained']);
    expect(rowOf(draft, '92.6亿元').metrics.map((m) => m.key)).toEqual(['deposit_balance', 'agri_loan_balance']);
  });
});

describe('each decision writes its frontmatter', () => {
  it('本行全行指标: the key chosen from the list', () => {
    const m = metricsOf(decide('260人', { kind: 'key', key: 'people_trained', label: '培训加工户' }));
    expect(m[3]).toEqual({ text: '260人', label: '培训加工户', key: 'people_trained', asOf: null });
  });

  it('本行全行指标 without a catalog metric: the key goes, the label stays', () => {
    const m = metricsOf(decide('92.6亿元', { kind: 'key', key: null, label: '各项存款余额' }));
    expect(m[0]).toEqual({ text: '92.6亿元', label: '各项存款余额', asOf: '2025-05', featured: 1 });
  });

  it('another metric from the list replaces the key', () => {
    const m = metricsOf(decide('92.6亿元', { kind: 'key', key: 'agri_loan_balance', label: '各项存款余额' }));
    expect(m[0]!.key).toBe('agri_loan_balance');
  });

  it('本行某个口径: scope instead of key', () => {
    const m = metricsOf(decide('4.2亿元', { kind: 'scope', scope: '城关支行', label: '城关支行涉农贷款余额' }));
    expect(m[2]).toEqual({ text: '4.2亿元', label: '城关支行涉农贷款余额', scope: '城关支行', asOf: '2025-05' });
  });

  it('别处的数字, listed: context: true with the label saying whose, at its place in the text', () => {
    const m = metricsOf(decide('1200人', { kind: 'context', listed: true, label: '全县柿饼加工从业人员' }, { fields: { date: '2025-06-09' } }));
    expect(m.map((x) => x.text)).toEqual(['92.6亿元', '33.8亿元', '4.2亿元', '1200人', '260人', '500人']);
    expect(m[3]).toEqual({ text: '1200人', label: '全县柿饼加工从业人员', context: true, asOf: '2025-06-09' });
  });

  it('别处的数字 of an entry: key and featured go, context: true comes', () => {
    const m = metricsOf(decide('33.8亿元', { kind: 'context', listed: true, label: '全县涉农贷款余额' }));
    expect(m[1]).toEqual({ text: '33.8亿元', label: '全县涉农贷款余额', context: true, asOf: '2025-05' });
  });

  it('别处的数字, not listed: the entry leaves metrics', () => {
    const m = metricsOf(decide('33.8亿元', { kind: 'context', listed: false }));
    expect(m.map((x) => x.text)).toEqual(['92.6亿元', '4.2亿元', '260人', '500人']);
  });

  it('不是成绩: the entry leaves metrics', () => {
    const m = metricsOf(decide('500人', { kind: 'drop' }));
    expect(m.map((x) => x.text)).toEqual(['92.6亿元', '33.8亿元', '4.2亿元', '260人']);
  });

  it('a number left out stays out when the decision is to leave it out', () => {
    expect(decide('1200人', { kind: 'drop' })).toBe(DRAFT);
  });

  it('the as-of dates left empty are read from the text once the draft has a publication date', () => {
    const m = metricsOf(save({ fields: { date: '2025-06-09' } }));
    // 今年以来 is up to the publication date.
    expect(m[3]!.asOf).toBe('2025-06-09');
    expect(m[0]!.asOf).toBe('2025-05');
  });
});

describe('saving keeps the file as the writer wrote it', () => {
  it('changes only the lines of what changed: comments, spacing and key order elsewhere byte for byte', () => {
    const after = save({ fields: { date: '2025-06-09' } });
    const { removed, added } = changedLines(DRAFT, after);
    expect(removed).toEqual([
      'date:  # 请填写：发布日期，如 2025-06-09（原文没有印日期）',
      '    asOf:  # 请填写：截至日期，如 2025-03-31、2025-Q1、2025',
    ]);
    expect(added).toEqual(['date: 2025-06-09', '    asOf: 2025-06-09']);
    // Everything else, in order: the lines of the draft without the changed ones.
    const keep = (t: string) => t.split('\n').filter((l) => !removed.includes(l) && !added.includes(l));
    expect(keep(after)).toEqual(keep(DRAFT));
    expect(after).toContain('summary: 今年以来，青禾农商银行组织客户经理走进柿饼加工村，为加工户送去信贷资金。  # 请确认：取自正文开头，可改写成一两句摘要\n');
    expect(after).toContain('authors: [ 测试通讯员 ]\n');
    expect(after.endsWith(DRAFT.slice(DRAFT.indexOf('\n---\n')))).toBe(true);
  });

  it('keeps the comment lines below an entry that is removed', () => {
    const after = decide('500人', { kind: 'drop' });
    expect(after).toContain('\n# 请确认：下面这些数字没有放进 metrics（别处的数字、计划目标、规则门槛，原因写在每行后面）；确是本机构已经做到的，照上面的格式加进去：\n#   1200人（全县柿饼加工从业人员）——这句话说的是“县人社局”的数字，不是本机构的\n---\n');
    expect(changedLines(DRAFT, after).added).toEqual([]);
  });

  it('keeps a writer\'s own comment on a field it changes, and drops the importer\'s 请填写', () => {
    const text = DRAFT.replace('title: 青禾农商银行信贷资金助力柿饼产业', 'title: 青禾农商银行信贷资金助力柿饼产业  # 标题待领导审定');
    const after = save({ fields: { title: '青禾农商银行信贷支持柿饼加工', date: '2025-06-09' } }, text);
    expect(after).toMatch(/^title: 青禾农商银行信贷支持柿饼加工 # 标题待领导审定$/m);
    expect(after).toMatch(/^date: 2025-06-09$/m);
  });

  it('writes lists in the file\'s own style', () => {
    expect(save({ fields: { authors: ['甲', '乙'] } })).toContain('\nauthors: [ 甲, 乙 ]\n');
    const tight = DRAFT.replace('authors: [ 测试通讯员 ]', 'authors: [测试通讯员]').replace('themes: [ 乡村振兴 ]', 'themes: [乡村振兴]');
    const after = save({ fields: { themes: ['乡村振兴', '普惠金融'] } }, tight);
    // The importer's 请确认 goes with the writer's choice.
    expect(after).toContain('\nthemes: [乡村振兴, 普惠金融]\n');
    expect(after).toContain('\nauthors: [测试通讯员]\n');
  });

  it('keeps Windows line ends', () => {
    const crlf = DRAFT.replace(/\n/g, '\r\n');
    const after = save({ fields: { date: '2025-06-09' } }, crlf);
    expect(after).not.toMatch(/[^\r]\n/);
    expect(after).toContain('\r\ndate: 2025-06-09\r\n');
  });

  it('可以发布 removes draft: true and nothing else', () => {
    const after = save({ publish: true });
    expect(changedLines(DRAFT, after)).toEqual({ removed: ['draft: true'], added: [] });
  });

  it('changes nothing when nothing was changed', () => {
    const draft = read();
    const rows = Object.fromEntries(draft.rows.map((r) => [r.id, { ...r.current }]));
    expect(save({ fields: { ...draft.fields }, rows })).toBe(DRAFT);
  });

  it('finds the frontmatter of a body that opens with ---', () => {
    const text = `---\ntitle: 标题四个字\n---\n---\n正文\n`;
    const p = parseReportSource(text, FILE);
    if (!p.ok) throw new Error('读不出来');
    expect(frontmatterSpan(text, p.source.body)).toEqual({ start: 4, end: 17 });
  });

  it('takes unchanged lines from the original, matched by their content without spaces', () => {
    const original = 'a: 1  # note\nb: [x]\nc: 2\n';
    const base = 'a: 1 # note\nb: [ x ]\nc: 2\n';
    const edited = 'a: 1 # note\nb: [ x ]\nc: 3\n';
    expect(keepUntouchedLines(original, base, edited)).toBe('a: 1  # note\nb: [x]\nc: 3\n');
  });

  it('the result reads as the edited Document', () => {
    const after = save({ fields: { org: '青禾农商银行', date: '2025-06-09', authors: ['甲'] }, rows: { [rowOf(read(), '500人').id]: { kind: 'drop' } } });
    const span = frontmatterSpan(after, (parseReportSource(after, FILE) as { ok: true; source: { body: string } }).source.body)!;
    const data = parseDocument(after.slice(span.start, span.end)).toJS() as Record<string, unknown>;
    expect(data).toMatchObject({ org: '青禾农商银行', date: '2025-06-09', authors: ['甲'], draft: true });
    expect(Object.keys(data)).toEqual(['title', 'summary', 'org', 'date', 'authors', 'themes', 'draft', 'metrics']);
  });
});

describe('what the page may send', () => {
  const draft = read();
  const ok = { hash: 'x' };
  it('accepts the page\'s own edits', () => {
    expect(editsProblem({ ...ok, fields: { date: '2025-06-09', themes: ['乡村振兴'] }, rows: { [draft.rows[0]!.id]: { kind: 'drop' } } }, draft, config.catalog, config.site)).toBeUndefined();
  });
  it.each([
    ['a row the file does not have', { rows: { f999999: { kind: 'drop' } } }, '文件里没有数字'],
    ['a fifth decision', { rows: { [draft.rows[0]!.id]: { kind: 'publish' } } }, '不是四种之一'],
    ['a key the catalog does not have', { rows: { [draft.rows[0]!.id]: { kind: 'key', key: 'loan_balance' } } }, '指标目录里没有'],
    ['a date that is no date', { fields: { date: '2025-13-01' } }, '不是日期'],
    ['a theme site.yaml does not list', { fields: { themes: ['党建引领'] } }, '不在 content/site.yaml'],
    ['a field the page does not edit', { fields: { cover: 'x' } }, '不认识的字段'],
  ])('refuses %s', (_name, edits, says) => {
    expect(editsProblem({ ...ok, ...edits }, draft, config.catalog, config.site)).toContain(says);
  });
});

describe('the publish button', () => {
  it('says why while errors remain, and may be pressed once the check passes', () => {
    const error = { severity: 'error' as const, code: 'x', file: FILE, title: 't', what: 'w', fix: 'f' };
    expect(publishState([error, { ...error, severity: 'warning' }], true)).toMatchObject({ enabled: false, why: expect.stringContaining('还有 1 个错误') });
    expect(publishState([{ ...error, severity: 'warning' }], true)).toMatchObject({ enabled: true });
  });
});

describe('who may use the review page', () => {
  const good: RequestFacts = { method: 'POST', remote: '127.0.0.1', host: '127.0.0.1:4321', origin: 'http://127.0.0.1:4321', fetchSite: 'same-origin', contentType: 'application/json' };
  it('the page on this computer', () => {
    expect(requestRefusal(good)).toBeUndefined();
    expect(requestRefusal({ ...good, remote: '::ffff:127.0.0.1', host: 'localhost:4321', origin: 'http://localhost:4321' })).toBeUndefined();
    expect(requestRefusal({ method: 'GET', remote: '::1', host: '[::1]:4321', origin: null, fetchSite: 'none', contentType: null })).toBeUndefined();
  });
  it.each([
    ['another computer', { remote: '192.168.1.20' }],
    ['a name that is not this computer\'s (DNS rebinding)', { host: 'evil.example:4321', origin: 'http://evil.example:4321' }],
    ['another origin', { origin: 'http://evil.example' }],
    ['another port of this computer', { origin: 'http://127.0.0.1:8080' }],
    ['a cross-site fetch', { fetchSite: 'cross-site' }],
    ['a write without an Origin', { origin: null }],
    ['a form post (not JSON)', { contentType: 'application/x-www-form-urlencoded' }],
  ])('refuses %s', (_name, change) => {
    expect(requestRefusal({ ...good, ...change })).toBeDefined();
  });
});
