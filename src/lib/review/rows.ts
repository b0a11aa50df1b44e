/**
 * A draft as the review page shows it: its fields, the text the check reads (every figure the finder finds in
 * it), and one row per figure — each entry of `metrics` and each number of the text that is in none — with the
 * sentence that prints it, what that sentence claims (the claim reader the check and the importer use), what
 * the file says of it now and the decision the reading proposes. A proposal to key a figure is made only where
 * the check's own judgement of that claim (judgeProposed) accepts the key, so accepting it never adds an error.
 * Pure: the caller reads the file.
 */
import { analyzeBody, bodyPlainText, REPORT_COMPONENTS } from '../body/index.ts';
import { allowedBaseUnits, normalizeOrgName } from '../catalog.ts';
import { parseAsOf, parseDay } from '../dates.ts';
import { RULE_WORDS, THRESHOLD_WORDS } from '../figures/claim-words.ts';
import {
  figureVocabulary, findFigures, labelWords, measuresAgree, metricWords, parseFigure, printsMetric, readClaims,
  type Claim, type ClaimDate, type ClaimOrg, type FoundFigure,
} from '../figures/index.ts';
import { parseReportSource } from '../frontmatter.ts';
import { asOfFromClaim } from '../import/asof.ts';
import { matchCatalog } from '../import/figures.ts';
import type { Catalog, OrgRegistry } from '../model.ts';
import type { Problem } from '../problems.ts';
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { Org } from '../../schemas/org.ts';
import type { SiteConfig } from '../../schemas/site.ts';
import { judgeProposed } from '../validate/claims.ts';
import { reportKind, slugOf } from '../validate/report.ts';
import type { Decision, ReviewFields } from './decisions.ts';

export interface ReviewContext {
  site: SiteConfig;
  catalog: Catalog;
  registry: OrgRegistry;
  /** Today (YYYY-MM-DD): the date figures are read against while the draft has no publication date. */
  today: string;
}

/** An entry of `metrics` as written (only what the review reads and writes). */
export interface ReviewEntry {
  text: string;
  label?: string;
  key?: string;
  scope?: string;
  asOf?: string;
  context?: boolean;
  featured?: number;
}

export interface Proposal extends Decision {
  /** Why, in a few Chinese words the page shows. */
  why: string;
}

export interface ReviewRow {
  /** Stable while the body is unchanged: f<offset> for a figure of the text, m<index> for an entry it does not print. */
  id: string;
  /** As printed (the entry's text where the text does not print it). */
  printed: string;
  /** Base unit of the printed figure ('' for a bare count), for the catalog metrics that can be its key. */
  baseUnit: string;
  /** Where the text prints it, and its sentence. */
  figure?: { start: number; end: number };
  sentence?: { start: number; end: number };
  /** metrics[index] when the file has an entry for it. */
  index?: number;
  entry?: ReviewEntry;
  /** What the file says now (a number in no entry: left out, as set aside or not an achievement). */
  current: Decision;
  proposal: Proposal;
  /** The sentence's claim in words: whose, what, when, how wide. */
  reading: string;
  /** The date the claim gives (for the as-of date once the draft has a publication date). */
  claimDate?: ClaimDate;
  /** Catalog metrics whose unit fits this figure: the choices of its key. */
  metrics: { key: string; label: string }[];
}

export interface ReviewDraft {
  file: string;
  slug: string;
  fields: ReviewFields;
  /** draft: true in the file. */
  draft: boolean;
  /** The body as the check reads it, a block a line; row offsets are into it. */
  text: string;
  figures: FoundFigure[];
  rows: ReviewRow[];
  /** The registry entry the org names, when it names one. */
  org?: Org;
  /** The publication day, when the file has a valid one. */
  pub?: string;
}

export type ReadOutcome = { ok: true; draft: ReviewDraft } | { ok: false; problems: Problem[] };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => x !== undefined) : []);

export function orgOf(registry: OrgRegistry, name: string): Org | undefined {
  return registry.byName.get(normalizeOrgName(name)) ?? registry.byId.get(name);
}

/** The org as the claim reader knows it: the registry's entry, else the name as written. */
function claimOrg(org: Org | undefined, written: string): ClaimOrg | undefined {
  if (org) return { name: org.name, ...(org.short ? { short: org.short } : {}), aliases: org.aliases, type: org.type };
  const name = written.trim();
  return name ? { name, aliases: [normalizeOrgName(name)] } : undefined;
}

function entryOf(v: unknown): ReviewEntry | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const text = str(o.text);
  if (text === undefined) return undefined;
  const featured = typeof o.featured === 'number' ? o.featured : undefined;
  return {
    text,
    ...(str(o.label) !== undefined ? { label: str(o.label) } : {}),
    ...(str(o.key) !== undefined ? { key: str(o.key) } : {}),
    ...(str(o.scope) !== undefined ? { scope: str(o.scope) } : {}),
    ...(str(o.asOf) !== undefined ? { asOf: str(o.asOf) } : {}),
    ...(o.context === true ? { context: true } : {}),
    ...(featured !== undefined ? { featured } : {}),
  };
}

/** What an entry says of its figure, as a decision. */
export function decisionOfEntry(e: ReviewEntry, catalog: Catalog): Decision {
  if (e.context) return { kind: 'context', listed: true, label: e.label ?? '' };
  const def = e.key !== undefined ? catalog.byName.get(e.key) : undefined;
  if (e.key !== undefined && !(e.scope !== undefined && def && !def.scopes.includes(e.scope))) {
    return { kind: 'key', key: def?.key ?? e.key, label: e.label ?? '' };
  }
  if (e.scope !== undefined) return { kind: 'scope', scope: e.scope, label: e.label ?? '' };
  return { kind: 'key', key: null, label: e.label ?? '' };
}

/** Reads a draft file for the review page. */
export function readDraft(fileText: string, file: string, ctx: ReviewContext): ReadOutcome {
  const parsed = parseReportSource(fileText, file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { data, body, bodyLine } = parsed.source;
  const slug = slugOf(file);
  const mdx = reportKind(file) === 'mdx';
  const entries = (Array.isArray(data.metrics) ? data.metrics : []).map(entryOf);
  const analysis = analyzeBody(body, { file, bodyLine, mdx, components: REPORT_COMPONENTS, site: ctx.site.site, slug });
  // A <Figure metric=… /> prints the entry it names: by key, else by label.
  const text = bodyPlainText(body, {
    mdx, tree: analysis.tree,
    figureText: (props) => entries.find((e) => e && (e.key === props.metric || e.label === props.metric))?.text,
  });
  const fields: ReviewFields = {
    title: str(data.title) ?? '', summary: str(data.summary) ?? '', org: str(data.org) ?? '', date: str(data.date) ?? '',
    authors: strList(data.authors), themes: strList(data.themes),
  };
  const org = fields.org ? orgOf(ctx.registry, fields.org) : undefined;
  const day = parseDay(fields.date);
  const pub = day.ok ? day.day : undefined;
  const vocab = figureVocabulary(ctx.catalog.baseUnits);
  const figures = findFigures(text, vocab);
  const readAt = pub ?? ctx.today;
  const corg = claimOrg(org, fields.org);
  const claims = readClaims(text, figures, { ...(corg ? { org: corg } : {}), metrics: ctx.catalog.metrics, pub: readAt });

  // Each entry takes the printing of its text whose clause carries its label, else the first one left.
  const taken = new Map<number, number>();
  const unmatched: number[] = [];
  entries.forEach((e, i) => {
    if (!e) return;
    const parsedFig = parseFigure(e.text, vocab);
    if (!parsedFig.ok) {
      unmatched.push(i);
      return;
    }
    const pm = { text: parsedFig.figure.text, baseUnit: parsedFig.figure.baseUnit };
    const free = figures.map((_, fi) => fi).filter((fi) => !taken.has(fi) && printsMetric(figures[fi]!, pm));
    const label = (e.label ?? '').replace(/\s+/g, '');
    const near = free.find((fi) => {
      const c = claims[fi]!;
      const before = text.slice(c.clause.start, figures[fi]!.start).replace(/\s+/g, '');
      return label.length >= 2 && (before.includes(label) || before.includes(label.slice(-2)));
    });
    const pick = near ?? free[0];
    if (pick === undefined) unmatched.push(i);
    else taken.set(pick, i);
  });

  const judgeDay = readAt;
  const rows: ReviewRow[] = [];
  figures.forEach((f, fi) => {
    const claim = claims[fi]!;
    const index = taken.get(fi);
    const entry = index !== undefined ? entries[index] : undefined;
    const proposal = propose({ text, f, claim, entry, ctx, org, day: judgeDay, all: figures });
    const current = entry ? decisionOfEntry(entry, ctx.catalog) : leftOut(proposal);
    rows.push({
      id: `f${f.start}`, printed: entry?.text ?? f.text.replace(/\s+/g, ''), baseUnit: f.baseUnit,
      figure: { start: f.start, end: f.end }, sentence: claim.sentence,
      ...(index !== undefined ? { index, entry } : {}),
      current, proposal, reading: readingOf(claim),
      ...(claim.date ? { claimDate: claim.date } : {}),
      metrics: metricsFor(ctx.catalog, entry ? unitOf(entry.text, ctx.catalog) ?? f.baseUnit : f.baseUnit),
    });
  });
  for (const i of unmatched) {
    const e = entries[i]!;
    const baseUnit = unitOf(e.text, ctx.catalog) ?? '';
    rows.push({
      id: `m${i}`, printed: e.text, baseUnit, index: i, entry: e,
      current: decisionOfEntry(e, ctx.catalog),
      proposal: { ...decisionOfEntry(e, ctx.catalog), why: '正文里找不到这个数字：照原稿核对正文和 text' },
      reading: '正文里没有印这个数字', metrics: metricsFor(ctx.catalog, baseUnit),
    });
  }
  return {
    ok: true,
    draft: {
      file, slug, fields, draft: data.draft === true, text, figures, rows,
      ...(org ? { org } : {}), ...(pub ? { pub } : {}),
    },
  };
}

function unitOf(text: string, catalog: Catalog): string | undefined {
  const p = parseFigure(text, figureVocabulary(catalog.baseUnits));
  return p.ok ? p.figure.baseUnit : undefined;
}

/** Catalog metrics a figure in this base unit can be. */
function metricsFor(catalog: Catalog, baseUnit: string): { key: string; label: string }[] {
  return catalog.metrics.filter((d) => allowedBaseUnits(catalog, d.key).includes(baseUnit)).map((d) => ({ key: d.key, label: d.label }));
}

/** A number of the text in no entry: left out, which is what setting it aside and dropping it both write. */
function leftOut(p: Proposal): Decision {
  if (p.kind === 'context' && !p.listed) return { kind: 'context', listed: false, ...(p.label !== undefined ? { label: p.label } : {}) };
  if (p.kind === 'drop') return { kind: 'drop' };
  return { kind: 'drop' };
}

/** The sentence's claim as the page says it: 谁的：该行 · 什么：存款余额 · 何时：截至3月末 · 口径：城关支行. */
export function readingOf(c: Claim): string {
  const parts: string[] = [];
  const whose = c.subject.kind === 'self' ? `本机构${c.subject.words ? `（${c.subject.words}）` : ''}`
    : c.subject.kind === 'part' ? `本机构的一部分（${c.subject.words ?? ''}）` : `别处（${c.subject.words ?? '别处'}）`;
  parts.push(`谁的：${whose}`);
  const what = c.named?.words ?? [c.segment ?? c.topic?.words, c.measure?.words].filter(Boolean).join('');
  if (what) parts.push(`什么：${what}${c.named && c.named.definition.label !== c.named.words ? `（${c.named.definition.label}）` : ''}`);
  if (c.date) parts.push(`何时：${c.date.words}`);
  if (c.scopes.length > 0) parts.push(`口径：${c.scopes.map((s) => s.words).join('、')}`);
  if (c.plan) parts.push(`计划：${c.plan}`);
  if (c.perUnit) parts.push(`按单位计：${c.perUnit}`);
  return parts.join(' · ');
}

/** What the figure counts, in the clause's own words: 走访干部员工 of 该行共走访干部员工288人. */
export function labelFromText(text: string, f: FoundFigure, c: Claim, all: readonly FoundFigure[]): string {
  const prev = all.filter((g) => g.end <= f.start && g.start >= c.clause.start).pop();
  const subject = c.subject.words;
  const s0 = labelWords(text.slice(prev ? prev.end : c.clause.start, f.start), (x) => (subject && x.startsWith(subject) ? subject.length : 0));
  const s = s0.length < 2 ? `${c.topic?.words ?? ''}${c.measure?.words ?? ''}` || s0 : s0;
  return s.slice(-24);
}

interface ProposeInput {
  text: string;
  f: FoundFigure;
  claim: Claim;
  entry?: ReviewEntry;
  ctx: ReviewContext;
  org?: Org;
  day: string;
  all: readonly FoundFigure[];
}

/** The decision the claim proposes for one figure. */
export function propose(input: ProposeInput): Proposal {
  const { text, f, claim: c, entry, ctx } = input;
  const label = entry?.label ?? labelFromText(text, f, c, input.all);
  const before = text.slice(c.clause.start, f.start);
  if (c.plan) return { kind: 'drop', why: `“${c.plan}”：计划或目标，不是已经做到的数字` };
  if (c.subject.kind === 'other') {
    const whose = c.subject.words ?? '';
    return {
      kind: 'context', listed: entry?.context === true,
      label: entry?.context ? (entry.label ?? `${whose}${label}`) : label.startsWith(whose) ? label : `${whose}${label}`,
      why: `这句话说的是“${whose || '别处'}”的数字，不是本机构的`,
    };
  }
  const rule = c.perUnit ? THRESHOLD_WORDS.exec(before)?.[0] ?? RULE_WORDS.exec(before)?.[0] : RULE_WORDS.exec(before)?.[0];
  if (rule) return { kind: 'drop', why: `“${rule}”：规则或门槛，不是已经做到的数字` };
  if (c.subject.kind === 'part' && c.subject.words) {
    // 该支行 is the branch the article named last: the entry's scope names it.
    return { kind: 'scope', scope: entry?.scope ?? c.subject.words, label, why: `这句话说的是“${c.subject.words}”，是本机构的一部分` };
  }
  const key = c.perUnit ? undefined : fittingKey(input, label);
  if (key) {
    const def = ctx.catalog.byKey.get(key)!;
    return { kind: 'key', key, label, why: `句子说的是本机构的“${def.label}”，检查认可` };
  }
  const scope = c.scopes[0];
  if (scope) {
    // The entry's own wording of the same scope (近3年 for 近3年来) stands.
    const words = scope.words.replace(/\s+/g, '');
    const kept = entry?.scope && (words.includes(entry.scope) || entry.scope.includes(words)) ? entry.scope : words;
    return { kind: 'scope', scope: kept, label, why: `“${scope.words}”是比全行窄的口径` };
  }
  if (c.perUnit) return { kind: 'key', key: null, label: label.includes(c.perUnit) ? label : `${c.perUnit}${label}`, why: `“${c.perUnit}”：按单位计的数，只写 label，不写 key` };
  if (entry) return { kind: 'key', key: null, label, why: '本机构的数字，指标目录里没有对应的指标：只写 label' };
  return { kind: 'drop', why: '导入时没有放进 metrics：像是列举、编号或不是成绩的数字' };
}

/**
 * A catalog metric the claim names and the check accepts for it: the entry's own key first, then the metric
 * named right before the figure, then one whose topic and measure the sentence says, then the label's name.
 */
function fittingKey(input: ProposeInput, label: string): string | undefined {
  const { f, claim: c, entry, ctx } = input;
  const catalog = ctx.catalog;
  const baseUnit = (entry ? unitOf(entry.text, catalog) : undefined) ?? f.baseUnit;
  const candidates: MetricDefinition[] = [];
  const add = (d: MetricDefinition | undefined) => {
    if (d && !candidates.includes(d)) candidates.push(d);
  };
  if (entry?.key) add(catalog.byName.get(entry.key));
  add(c.named?.definition);
  if (c.topic) {
    for (const d of catalog.metrics) {
      const w = metricWords(d);
      if (w.topic === c.topic.topic && (!c.measure || !w.measure || measuresAgree(c.measure.measure, w.measure))) add(d);
    }
  }
  const byLabel = label ? matchCatalog(label, catalog) : undefined;
  if (byLabel && !byLabel.narrowed) add(catalog.byKey.get(byLabel.key));
  const asOfDay = c.date?.asOf ? parseAsOf(c.date.asOf) : undefined;
  const asOf = asOfDay?.ok ? { day: asOfDay.day, label: asOfDay.label } : { day: input.day, label: input.day };
  for (const d of candidates) {
    if (!allowedBaseUnits(catalog, d.key).includes(baseUnit)) continue;
    const problems = judgeProposed(
      { text: entry?.text ?? f.text.replace(/\s+/g, ''), key: d.key, ...(label ? { label } : {}), asOf },
      c, input.text, { catalog, date: input.day, ...(input.org ? { org: input.org } : {}) },
    );
    if (!problems.some((p) => p.severity === 'error')) return d.key;
  }
  return undefined;
}

/** The as-of date a row's entry gets once the draft has a publication date: the claim's date, read as the importer reads it. */
export function proposedAsOf(row: Pick<ReviewRow, 'claimDate'>, pub: string | undefined): string | undefined {
  if (!pub) return undefined;
  return asOfFromClaim(row.claimDate, pub, undefined).asOf;
}

/** Two decisions that write the same frontmatter. */
export function sameDecision(a: Decision, b: Decision): boolean {
  const out = (d: Decision) => d.kind === 'drop' || (d.kind === 'context' && !d.listed);
  if (out(a) && out(b)) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'key') return (a.key ?? null) === (b.key ?? null);
  if (a.kind === 'scope') return (a.scope ?? '').trim() === (b.scope ?? '').trim();
  return !!a.listed === !!b.listed;
}

/**
 * Whether accepting the proposal would change the file: another decision, or the label the figure needs and the
 * file lacks (an entry without key and without label).
 */
export function proposalDiffers(row: Pick<ReviewRow, 'current' | 'proposal'>): boolean {
  if (!sameDecision(row.current, row.proposal)) return true;
  const needsLabel = (row.current.kind === 'key' && !row.current.key) || row.current.kind === 'scope' || (row.current.kind === 'context' && !!row.current.listed);
  return needsLabel && !row.current.label && !!row.proposal.label;
}
