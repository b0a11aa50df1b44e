/**
 * Writer actions without a review screen: the edits that turn the draft the importer writes into the labelled
 * final report (a field changed, a figure removed, added or completed, the org added to the registry, draft
 * removed), each counted once; the result is then checked as `npm run check` checks it.
 */
import YAML from 'yaml';
import type { ImportedArticle } from '../../../src/lib/import/article.ts';
import { bodyMarkdown } from '../../../src/lib/import/article.ts';
import { renderDraft } from '../../../src/lib/import/draft.ts';
import { buildRegistry } from '../../../src/lib/catalog.ts';
import { proposedOrg } from '../../../src/lib/import/orgs.ts';
import { validateReport } from '../../../src/lib/validate/report.ts';
import type { ContentConfig } from '../../../src/node/content-config.ts';

export interface LabelledFigure {
  text: string;
  key: string | null;
  /** Either way is right: in metrics or not (a per-unit or rule figure). */
  optional?: boolean;
  /** Without the key is right too. */
  keyOptional?: boolean;
}

export interface LabelledArticle {
  title: string;
  org: string;
  /** known: in the registry; proposed: a bank the registry lacks; non-bank: someone else's article, not drafted. */
  orgStatus: 'known' | 'proposed' | 'non-bank';
  date: string | null;
  /** The date the writer fills in when the article prints none. */
  finalDate?: string;
  authors: string[];
  first: string;
  last: string;
  headings?: string[];
  figures: LabelledFigure[];
  others: string[];
  dropped: string[];
  notFigures: string[];
  themes: string[];
  mustContain?: string[];
  mustNotContain?: string[];
  /** Printed once in the article (a block the page printed twice). */
  once?: string[];
}

const compact = (s: unknown) => String(s ?? '').replace(/[\s\u3000]/g, '');

export function draftActions(a: ImportedArticle, e: LabelledArticle, o: { config: ContentConfig; source: string }): { count: number; remaining: string[]; draft: string } {
  const body = bodyMarkdown(a, () => undefined);
  const draft = renderDraft({ article: a, body, source: o.source, index: 1, themes: o.config.site.themes });
  const [, fm = '', rest = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(draft) ?? [];
  const doc = YAML.parseDocument(fm);
  let count = 0;
  const set = (key: string, value: unknown, same: (v: unknown) => boolean) => {
    if (same(doc.get(key))) return;
    doc.set(key, value);
    count++;
  };
  set('title', e.title, (v) => compact(v) === compact(e.title));
  set('org', e.org, (v) => compact(v) === compact(e.org));
  const date = e.date ?? e.finalDate!;
  set('date', date, (v) => String(v ?? '') === date);
  set('authors', e.authors, (v) => JSON.stringify((v as YAML.YAMLSeq | undefined)?.toJSON?.() ?? []) === JSON.stringify(e.authors));
  set('summary', `${e.title}。`.padEnd(10, '。'), (v) => typeof v === 'string' && v.length >= 10);
  set('themes', e.themes, (v) => ((v as YAML.YAMLSeq | undefined)?.items.length ?? 0) > 0);

  // Figures: the draft's list made the labelled one.
  const wanted = new Map(e.figures.map((f) => [compact(f.text), f]));
  const metrics = ((doc.get('metrics') as YAML.YAMLSeq | undefined)?.toJSON() ?? []) as Record<string, unknown>[];
  const kept: Record<string, unknown>[] = [];
  for (const m of metrics) {
    const want = wanted.get(compact(m.text));
    if (!want) {
      count++;
      continue;
    }
    wanted.delete(compact(m.text));
    const fixed = { ...m };
    if (!fixed.label) {
      fixed.label = `标注：${compact(m.text)}`;
      count++;
    }
    if (!fixed.asOf) {
      fixed.asOf = date;
      count++;
    }
    if ((fixed.key ?? null) !== want.key && !(want.keyOptional && !fixed.key)) {
      if (want.key) fixed.key = want.key;
      else delete fixed.key;
      count++;
    }
    kept.push(fixed);
  }
  for (const f of wanted.values()) {
    if (f.optional) continue;
    kept.push({ text: f.text, label: `标注：${f.text}`, ...(f.key ? { key: f.key } : {}), asOf: date });
    count++;
  }
  doc.set('metrics', kept);
  doc.delete('draft');
  count++;

  // The org the summary proposes, added to the registry with its region filled in: one action, two when the
  // proposal leaves the province to fill.
  let registry = o.config.registry;
  if (e.orgStatus === 'proposed') {
    const p = a.proposal;
    count += p ? (p.province ? 1 : 2) : 2;
    const entry = p ? { ...proposedOrg(p), region: { province: p.province ?? '某省' } } : { id: 'proposed', name: e.org, aliases: [], type: '其他' as const, region: { province: '某省' } };
    registry = buildRegistry({ orgs: [...o.config.registry.orgs, entry] });
  }
  const text = `---\n${doc.toString()}---\n${rest}`;
  const result = validateReport(text, 'content/reports/layout-article.md', {
    site: o.config.site, catalog: o.config.catalog, registry, now: new Date('2026-01-01T00:00:00+08:00'),
  });
  return { count, remaining: result.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.field ?? ''}：${p.what}`), draft };
}
