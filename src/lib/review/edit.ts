/**
 * Saving the review page: the writer's decisions and fields become edits of the frontmatter's YAML Document
 * (the `yaml` package: nodes set and deleted in place, so comments and the order of keys stay), never a plain
 * object dumped again. The Document prints a line it did not touch a little differently from how the file had
 * it (one space before a comment instead of two, `[ a ]` for `[a]`), so the lines the edit did not change are
 * taken from the file as it was: a save changes exactly the lines of what the writer changed.
 * Pure: the caller reads and writes the file.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseDay } from '../dates.ts';
import type { Catalog } from '../model.ts';
import type { SiteConfig } from '../../schemas/site.ts';
import { DECISIONS, type Decision, type ReviewEdits, type RowEdit } from './decisions.ts';
import { proposedAsOf, sameDecision, type ReviewDraft, type ReviewEntry, type ReviewRow } from './rows.ts';

export type ApplyOutcome = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

/** Comments the importer and `npm run new` write for the writer: gone once the writer sets the field. */
const TO_DO = /^\s*请(?:填写|确认|改写)/;
/** The order the importer writes an entry's keys in: a key added to an entry goes to its place. */
const ENTRY_ORDER = ['text', 'label', 'key', 'scope', 'context', 'asOf', 'featured', 'note', 'derived'];
const LIMIT = { text: 200, word: 60, name: 30, list: 20 };

/** Where the frontmatter's YAML is in the file: after the opening line, up to the closing `---` line. */
export function frontmatterSpan(fileText: string, body: string): { start: number; end: number } | undefined {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(fileText);
  if (!open) return undefined;
  const bodyStart = fileText.length - body.length;
  // The closing line's newline before it; a body that itself opens with --- does not count (bodyStart - 2).
  const close = fileText.lastIndexOf('\n---', bodyStart - 2);
  if (close + 1 < open[0].length) return undefined;
  return { start: open[0].length, end: close + 1 };
}

/** What is wrong with edits the page sent, in Chinese, or undefined. */
export function editsProblem(edits: unknown, draft: ReviewDraft, catalog: Catalog, site: SiteConfig): string | undefined {
  if (!edits || typeof edits !== 'object') return '保存的内容不是一个对象。';
  const e = edits as Record<string, unknown>;
  if (typeof e.hash !== 'string') return '缺少文件的校验值（hash）：请重新载入页面。';
  if (e.publish !== undefined && typeof e.publish !== 'boolean') return 'publish 只能是 true 或 false。';
  const text = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);
  const list = (v: unknown) => v === undefined || (Array.isArray(v) && v.length <= LIMIT.list && v.every((x) => typeof x === 'string' && x.length <= LIMIT.name));
  if (e.fields !== undefined) {
    if (!e.fields || typeof e.fields !== 'object') return 'fields 不是一个对象。';
    const f = e.fields as Record<string, unknown>;
    for (const k of Object.keys(f)) if (!['title', 'summary', 'org', 'date', 'authors', 'themes'].includes(k)) return `不认识的字段 ${k}。`;
    if (!text(f.title, LIMIT.text) || !text(f.summary, LIMIT.text) || !text(f.org, LIMIT.word) || !text(f.date, 10)) return '标题、摘要、机构或日期太长，或不是文字。';
    if (typeof f.date === 'string' && f.date !== '' && !parseDay(f.date).ok) return `发布日期“${f.date}”不是日期：写成 2025-06-09 这样。`;
    if (!list(f.authors) || !list(f.themes)) return '作者和主题要写成名字的列表。';
    const themes = new Set(site.themes.map((t) => t.name));
    const unknown = (f.themes as string[] | undefined)?.find((t) => !themes.has(t));
    if (unknown) return `主题“${unknown}”不在 content/site.yaml 的主题列表里。`;
  }
  if (e.rows !== undefined) {
    if (!e.rows || typeof e.rows !== 'object') return 'rows 不是一个对象。';
    const byId = new Map(draft.rows.map((r) => [r.id, r]));
    for (const [id, r] of Object.entries(e.rows as Record<string, unknown>)) {
      const row = byId.get(id);
      if (!row) return `文件里没有数字 ${id}：文件可能在别处改过了，请重新载入页面。`;
      if (!r || typeof r !== 'object') return `数字 ${id} 的判断不是一个对象。`;
      const d = r as Record<string, unknown>;
      if (!DECISIONS.some((x) => x.kind === d.kind)) return `数字 ${id} 的判断“${String(d.kind)}”不是四种之一。`;
      // A key the file already has stays as it is, even one the catalog lacks (the check says so).
      if (d.key !== undefined && d.key !== null && d.key !== row.current.key && !(typeof d.key === 'string' && catalog.byKey.has(d.key))) return `指标目录里没有指标“${String(d.key)}”。`;
      if (!text(d.scope, LIMIT.word) || !text(d.label, LIMIT.word) || !text(d.asOf, 20)) return `数字 ${id} 的口径、label 或截至日期太长，或不是文字。`;
      if (d.listed !== undefined && typeof d.listed !== 'boolean') return `数字 ${id} 的“作为背景列出”只能是 true 或 false。`;
    }
  }
  return undefined;
}

/** The file with the writer's edits applied; `changed` is false when they change nothing. */
export function applyReview(fileText: string, body: string, draft: ReviewDraft, edits: Omit<ReviewEdits, 'hash'>, catalog: Catalog): ApplyOutcome {
  const span = frontmatterSpan(fileText, body);
  if (!span) return { ok: false, reason: '找不到开头的信息块（两行“---”之间），请先在编辑器里改正。' };
  const yamlText = fileText.slice(span.start, span.end);
  const doc = parseDocument(yamlText, { version: '1.2', schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, reason: '开头的信息块读不出来，请先按检查结果在编辑器里改正。' };
  const base = print(doc, yamlText);

  const fields = edits.fields ?? {};
  for (const k of ['title', 'summary', 'org', 'date'] as const) {
    const v = fields[k];
    if (v !== undefined && v.trim() !== draft.fields[k]) setField(doc, k, v.trim());
  }
  for (const k of ['authors', 'themes'] as const) {
    const v = fields[k];
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(draft.fields[k])) setList(doc, k, v);
  }
  const date = fields.date !== undefined ? fields.date.trim() : draft.fields.date;
  const day = parseDay(date);
  editMetrics(doc, draft, edits.rows ?? {}, day.ok ? day.day : undefined, catalog);
  if (edits.publish) doc.delete('draft');

  const edited = print(doc, yamlText);
  if (edited === base) return { ok: true, text: fileText, changed: false };
  let merged = keepUntouchedLines(yamlText, base, edited);
  // The merge only ever takes lines the Document printed or their unchanged originals; should it still read
  // differently from the edited Document, the Document's own text is written.
  if (JSON.stringify(parseDocument(merged, { version: '1.2', schema: 'core' }).toJS()) !== JSON.stringify(doc.toJS())) merged = edited.replace(/\n/g, eolOf(yamlText));
  const text = fileText.slice(0, span.start) + merged + fileText.slice(span.end);
  return { ok: true, text, changed: text !== fileText };
}

function eolOf(s: string): string {
  return s.includes('\r\n') ? '\r\n' : '\n';
}

function print(doc: Document, original: string): string {
  // Flow lists as the file writes them: [a, b] or [ a, b ].
  return doc.toString({ lineWidth: 0, flowCollectionPadding: /\[ \S/.test(original) });
}

/**
 * A field's comment once the writer has set the field: without the importer's 请填写/请确认 line. YAML gives an
 * empty value the comment lines below it as well (the importer's list of figures set aside, after the last
 * entry's empty asOf): those stay, on lines of their own (a single line would otherwise print after the value).
 */
function keptComment(c: string | null | undefined): string | undefined {
  if (!c) return undefined;
  const [first, ...rest] = c.split('\n');
  if (!TO_DO.test(first!)) return c;
  if (rest.length === 0) return undefined;
  return rest.length > 1 ? rest.join('\n') : `${rest[0]}\n`;
}

function setField(doc: Document, key: string, value: string): void {
  const node = doc.get(key, true);
  if (isScalar(node)) {
    node.value = value;
    node.comment = keptComment(node.comment);
    return;
  }
  const created = doc.createNode(value);
  const comment = keptComment((node as Node | undefined)?.comment);
  if (comment) created.comment = comment;
  doc.set(key, created);
}

function setList(doc: Document, key: string, value: readonly string[]): void {
  const node = doc.get(key, true) as Node | undefined;
  const created = doc.createNode([...value], { flow: true }) as YAMLSeq;
  const comment = keptComment(node?.comment);
  if (comment) created.comment = comment;
  if (isSeq(node)) created.flow = node.flow ?? false;
  doc.set(key, created);
}

/** Sets a key of an entry, a new key at its place in the importer's order. */
function setOrdered(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair) {
    if (isScalar(pair.value)) {
      pair.value.value = value;
      pair.value.comment = keptComment(pair.value.comment);
    } else pair.value = doc.createNode(value);
    return;
  }
  const rank = ENTRY_ORDER.indexOf(key);
  const at = map.items.findIndex((p) => isScalar(p.key) && ENTRY_ORDER.indexOf(String(p.key.value)) > rank);
  const created = doc.createPair(key, value) as Pair;
  if (at < 0) map.items.push(created);
  else map.items.splice(at, 0, created);
}

const asOfValue = (s: string): string | number => (/^\d{4}$/.test(s) ? Number(s) : s);

/** An entry's frontmatter for a decision, as new keys and values; undefined where the figure is left out. */
function entryFor(row: ReviewRow, d: RowEdit, asOf: string | undefined, catalog: Catalog): Record<string, unknown> | undefined {
  const label = (d.label ?? row.proposal.label ?? '').trim();
  const base: Record<string, unknown> = { text: row.printed };
  if (d.kind === 'key') {
    const key = d.key ?? null;
    Object.assign(base, label || !key ? { label: label || row.proposal.label || '' } : {}, key ? { key } : {});
  } else if (d.kind === 'scope') {
    Object.assign(base, { label: label || (row.entry?.key ? catalog.byName.get(row.entry.key)?.label : undefined) || '', scope: (d.scope ?? '').trim() });
  } else if (d.kind === 'context' && d.listed) {
    Object.assign(base, { label, context: true });
  } else return undefined;
  if (asOf) base.asOf = asOfValue(asOf);
  return base;
}

function editMetrics(doc: Document, draft: ReviewDraft, rowEdits: Record<string, RowEdit>, pub: string | undefined, catalog: Catalog): void {
  const node = doc.get('metrics', true);
  const seq = isSeq(node) ? (node as YAMLSeq) : undefined;
  const deleted = new Set<number>();
  const added: { after: number; node: Node }[] = [];
  // Existing entries with a place in the text, for where a new entry goes.
  const placed = draft.rows.filter((r) => r.index !== undefined && r.figure).map((r) => ({ index: r.index!, start: r.figure!.start }));

  for (const row of draft.rows) {
    const edit = rowEdits[row.id];
    const d: RowEdit = edit ?? { ...row.current };
    const asOfEdit = edit?.asOf?.trim();
    if (row.index !== undefined && row.entry && seq) {
      const item = seq.items[row.index];
      if (!isMap(item)) continue;
      const map = item as YAMLMap;
      if (!sameDecision(d, row.current) || labelChanged(d, row.current)) {
        if (!changeEntry(doc, map, row, d, catalog)) {
          deleted.add(row.index);
          continue;
        }
      }
      const asOf = asOfEdit || (!row.entry.asOf ? proposedAsOf(row, pub) : undefined);
      if (asOf && asOf !== row.entry.asOf) setOrdered(doc, map, 'asOf', asOfValue(asOf));
      continue;
    }
    if (row.index !== undefined || !edit || sameDecision(d, row.current)) continue;
    const fresh = entryFor(row, d, asOfEdit || proposedAsOf(row, pub), catalog);
    if (!fresh) continue;
    const start = row.figure?.start ?? Number.MAX_SAFE_INTEGER;
    const after = placed.filter((p) => p.start < start).sort((a, b) => b.start - a.start)[0]?.index ?? -1;
    added.push({ after, node: doc.createNode(fresh) as Node });
  }
  if (deleted.size === 0 && added.length === 0) return;
  const items = seq ? [...seq.items] : [];
  const out: unknown[] = [...added.filter((a) => a.after < 0).map((a) => a.node)];
  items.forEach((item, i) => {
    if (!deleted.has(i)) out.push(item);
    out.push(...added.filter((a) => a.after === i).map((a) => a.node));
  });
  if (seq) {
    // Comment lines YAML gave a removed entry's empty value (those below it) stay, after the list.
    const orphaned = [...deleted].flatMap((i) => absorbedComments(seq.items[i]));
    if (orphaned.length > 0) seq.comment = [...orphaned, ...(seq.comment ? [seq.comment] : [])].join('\n');
    seq.items = out;
    seq.flow = out.length === 0;
  } else {
    const created = doc.createNode([]) as YAMLSeq;
    created.items = out;
    doc.set('metrics', created);
  }
}

/** Comment lines below an entry that YAML attached to one of its empty values. */
function absorbedComments(item: unknown): string[] {
  if (!isMap(item)) return [];
  return (item as YAMLMap).items.flatMap((p) => {
    const c = isScalar(p.value) && p.value.value === null ? p.value.comment : undefined;
    return c ? c.split('\n').slice(1) : [];
  });
}

function labelChanged(d: Decision, current: Decision): boolean {
  return d.label !== undefined && d.label.trim() !== (current.label ?? '') && d.kind !== 'drop';
}

/** Rewrites an entry for a decision; false when the figure leaves metrics. */
function changeEntry(doc: Document, map: YAMLMap, row: ReviewRow, d: RowEdit, catalog: Catalog): boolean {
  const e = row.entry as ReviewEntry;
  const label = d.label?.trim();
  if (d.kind === 'drop' || (d.kind === 'context' && !d.listed)) return false;
  if (d.kind === 'context') {
    for (const k of ['key', 'featured', 'scope']) map.delete(k);
    setOrdered(doc, map, 'label', label || e.label || row.proposal.label || '');
    setOrdered(doc, map, 'context', true);
    return true;
  }
  map.delete('context');
  if (d.kind === 'key') {
    const key = d.key ?? null;
    if (key) setOrdered(doc, map, 'key', key);
    else map.delete('key');
    const def = key ? catalog.byKey.get(key) : undefined;
    if (e.scope !== undefined && !(def && def.scopes.includes(e.scope))) map.delete('scope');
    if (label !== undefined && label !== (e.label ?? '')) {
      if (label) setOrdered(doc, map, 'label', label);
      else if (key) map.delete('label');
    }
    if (!key && !label && !e.label) setOrdered(doc, map, 'label', row.proposal.label || '');
    return true;
  }
  // scope: a figure of the report's own, which needs a label.
  const oldKeyLabel = e.key ? catalog.byName.get(e.key)?.label : undefined;
  map.delete('key');
  setOrdered(doc, map, 'scope', (d.scope ?? '').trim());
  const newLabel = label || e.label || oldKeyLabel || row.proposal.label || '';
  if (newLabel !== (e.label ?? '')) setOrdered(doc, map, 'label', newLabel);
  return true;
}

/** Pairs of equal lines, in order (longest common subsequence). */
function commonLines(a: readonly string[], b: readonly string[], eq: (x: string, y: string) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const len = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) len[i]![j] = eq(a[i]!, b[j]!) ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
  }
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (eq(a[i]!, b[j]!)) {
      out.push([i, j]);
      i++;
      j++;
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/**
 * The edited Document's text with every line the edit did not change taken from the original. `base` is the
 * Document printed before the edit, `edited` after it: their difference is the edit; the original's lines are
 * matched to `base` by their content without spaces (what printing changes).
 */
export function keepUntouchedLines(original: string, base: string, edited: string): string {
  const eol = eolOf(original);
  const A = original.split(/\r?\n/);
  const B = base.split('\n');
  const C = edited.split('\n');
  const bare = (s: string) => s.replace(/\s+/g, '');
  const aOf = new Map<number, number>(commonLines(A, B, (x, y) => bare(x) === bare(y)).map(([a, b]) => [b, a]));
  const out: string[] = [];
  let ai = 0;
  let bi = 0;
  let ci = 0;
  for (const [pb, pc] of [...commonLines(B, C, (x, y) => x === y), [B.length, C.length] as [number, number]]) {
    const anchor = pb < B.length ? aOf.get(pb) : A.length;
    if (pb > bi || pc > ci) {
      // B[bi..pb) became C[ci..pc): the original's lines of B[bi..pb) give way to the edited lines, except that
      // a line which only moved within them (a comment under a removed entry) keeps its original spelling.
      let end = ai;
      if (anchor !== undefined) end = Math.max(ai, anchor);
      else for (let b = bi; b < pb; b++) if (aOf.has(b)) end = Math.max(end, aOf.get(b)! + 1);
      const moved = new Map<string, string[]>();
      for (const line of A.slice(ai, end)) if (bare(line)) moved.set(bare(line), [...(moved.get(bare(line)) ?? []), line]);
      for (const line of C.slice(ci, pc)) out.push(moved.get(bare(line))?.shift() ?? line);
      ai = end;
    } else if (anchor !== undefined) out.push(...A.slice(ai, anchor));
    if (pb < B.length && anchor !== undefined) {
      out.push(A[anchor]!);
      ai = anchor + 1;
    }
    bi = pb + 1;
    ci = pc + 1;
  }
  return out.join(eol);
}

