/**
 * What the review page prints of a draft, computed once here so the page only lays it out: the text as blocks
 * with each found figure marked (and the row it belongs to), each row's sentence around its figure, the words
 * of a decision, and what the publish button says.
 */
import type { Catalog } from '../model.ts';
import type { Problem } from '../problems.ts';
import { suggest } from '../suggest.ts';
import type { OrgRegistry } from '../model.ts';
import { DECISION_BY_KIND, type Decision } from './decisions.ts';
import { orgOf, type ReviewDraft, type ReviewRow } from './rows.ts';

export type TextPart = { text: string } | { text: string; row: string; kind: Decision['kind'] };

/** The text a block a line, each found figure a marked part that names its row. */
export function markedBlocks(draft: Pick<ReviewDraft, 'text' | 'rows'>): TextPart[][] {
  const marks = draft.rows.filter((r) => r.figure).map((r) => ({ ...r.figure!, row: r.id, kind: r.current.kind })).sort((a, b) => a.start - b.start);
  const blocks: TextPart[][] = [];
  let offset = 0;
  for (const line of draft.text.split('\n')) {
    const end = offset + line.length;
    const parts: TextPart[] = [];
    let at = offset;
    for (const m of marks) {
      if (m.start < offset || m.start >= end) continue;
      if (m.start > at) parts.push({ text: draft.text.slice(at, m.start) });
      parts.push({ text: draft.text.slice(m.start, Math.min(m.end, end)), row: m.row, kind: m.kind });
      at = Math.min(m.end, end);
    }
    if (at < end) parts.push({ text: draft.text.slice(at, end) });
    if (line.trim()) blocks.push(parts);
    offset = end + 1;
  }
  return blocks;
}

/** A row's sentence split around its figure. */
export function sentenceOf(row: ReviewRow, text: string): { before: string; figure: string; after: string } | undefined {
  if (!row.sentence || !row.figure) return undefined;
  return {
    before: text.slice(row.sentence.start, row.figure.start),
    figure: text.slice(row.figure.start, row.figure.end),
    after: text.slice(row.figure.end, row.sentence.end),
  };
}

/** A decision in words: 本行全行指标：各项存款余额（deposit_balance）. */
export function decisionText(d: Decision, catalog: Catalog): string {
  const title = DECISION_BY_KIND[d.kind].title;
  if (d.kind === 'key') {
    const def = d.key ? catalog.byKey.get(d.key) : undefined;
    return def ? `${title}：${def.label}（${def.key}）` : `${title}：目录里没有对应的指标，只写 label“${d.label ?? ''}”`;
  }
  if (d.kind === 'scope') return `${title}：${d.scope ?? ''}`;
  if (d.kind === 'context') return d.listed ? `${title}：作为背景列出（${d.label ?? ''}）` : `${title}：不写进 metrics`;
  return `${title}：不写进 metrics`;
}

/** What the publish button says, and whether it may be pressed. */
export function publishState(problems: readonly Problem[], draft: boolean): { enabled: boolean; why: string } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (!draft) return { enabled: errors === 0, why: errors === 0 ? '这份报告没有 draft: true，已经会发布。' : `还有 ${errors} 个错误：改正并保存后才能发布。` };
  if (errors > 0) return { enabled: false, why: `还有 ${errors} 个错误：改正并保存后才能发布（有未保存的修改时，点“可以发布”会先保存再检查）。` };
  return { enabled: true, why: '检查通过：点“可以发布”删掉 draft: true，报告在发布日期后出现在网站上。' };
}

/** The org field's help: the registry entry it names, or the nearest names of the registry. */
export function orgHelp(org: string, registry: OrgRegistry): { known?: string; near: string[] } {
  const known = org.trim() ? orgOf(registry, org) : undefined;
  if (known) return { known: known.name, near: [] };
  const names = registry.orgs.flatMap((o) => [o.name, o.short, ...o.aliases].filter((n): n is string => !!n));
  const byName = new Map(registry.orgs.flatMap((o) => [o.name, o.short, ...o.aliases].filter((n): n is string => !!n).map((n) => [n, o.name] as const)));
  return { near: [...new Set(suggest(org, names, 6).map((n) => byName.get(n)!))].slice(0, 3) };
}

/** The review page's paths under the site's base: the list, a draft's page, and its file's JSON. */
export const reviewPaths = {
  list: () => '_review/',
  report: (slug: string) => `_review/${encodeURIComponent(slug)}/`,
  file: (slug: string) => `_review/${encodeURIComponent(slug)}/file.json`,
} as const;
