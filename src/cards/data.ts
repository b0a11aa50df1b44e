/** What goes on a card: chosen from validated, published content only. */
import { formatDay } from '../lib/dates.ts';
import type { ContentModel, Report, ResolvedMetric } from '../lib/model.ts';
import { figureParts } from '../lib/numbers.ts';
import type { Org } from '../schemas/org.ts';
import { absoluteUrl, routes } from '../lib/urls.ts';

export interface CardFigure {
  label: string;
  prefix: string;
  number: string;
  unit: string;
  asOf: string;
}

export interface CardData {
  kind: 'report' | 'org';
  /** File name of the output, without extension. */
  id: string;
  /** For messages: the report file or the registry entry. */
  source: string;
  siteName: string;
  brand: { color: string; accent: string; ink: string };
  /** Logo as a data URI, so rendering needs no file access. */
  logo?: string;
  org: string;
  title: string;
  figures: CardFigure[];
  footer: string;
  /** Absolute URL encoded in the poster's QR code. */
  url: string;
}

function toFigure(m: ResolvedMetric): CardFigure {
  const p = figureParts(m);
  return { label: m.label, prefix: p.prefix, number: p.number, unit: `${p.unit}${p.suffix}`, asOf: m.asOfLabel };
}

/**
 * Two to four headline figures by catalog priority: the latest as-of per metric, one per metric, and at most
 * two of one dimension so a card does not show four money figures when it also has people reached.
 */
export function headlineFigures(metrics: readonly ResolvedMetric[], max = 4): ResolvedMetric[] {
  const latest = new Map<string, ResolvedMetric>();
  for (const m of metrics) {
    const prev = latest.get(m.key);
    if (!prev || prev.asOf < m.asOf) latest.set(m.key, m);
  }
  const sorted = [...latest.values()].sort((a, b) => b.definition.priority - a.definition.priority || a.key.localeCompare(b.key));
  const chosen: ResolvedMetric[] = [];
  const perDim = new Map<string, number>();
  for (const m of sorted) {
    const n = perDim.get(m.definition.dimension) ?? 0;
    if (n >= 2) continue;
    chosen.push(m);
    perDim.set(m.definition.dimension, n + 1);
    if (chosen.length === max) break;
  }
  for (const m of sorted) if (chosen.length < Math.min(max, sorted.length) && !chosen.includes(m)) chosen.push(m);
  return chosen;
}

export function reportCardData(r: Report, model: ContentModel, logo?: string): CardData {
  if (!r.published) throw new Error(`未发布的报告 ${r.file} 不能生成卡片`);
  const { site } = model;
  return {
    kind: 'report',
    id: r.slug,
    source: r.file,
    siteName: site.name,
    brand: { color: site.brand.color, accent: site.brand.accent, ink: site.brand.ink },
    logo,
    org: r.org.name,
    title: r.title,
    figures: headlineFigures(r.metrics).map(toFigure),
    footer: formatDay(r.date),
    url: absoluteUrl(site.site, site.base, routes.report(r.slug)),
  };
}

/** An organisation's latest figure per metric across its published reports. */
export function orgCardData(org: Org, published: readonly Report[], model: ContentModel, logo?: string): CardData | undefined {
  const reports = published.filter((r) => r.published && r.org.id === org.id);
  if (reports.length === 0) return undefined;
  const { site } = model;
  const region = [org.region.province, org.region.city, org.region.county].filter(Boolean).join(' · ');
  return {
    kind: 'org',
    id: org.id,
    source: `orgs.yaml（${org.name}）`,
    siteName: site.name,
    brand: { color: site.brand.color, accent: site.brand.accent, ink: site.brand.ink },
    logo,
    org: region,
    title: org.name,
    figures: headlineFigures(reports.flatMap((r) => r.metrics)).map(toFigure),
    footer: `共 ${reports.length} 篇报告 · 最新 ${formatDay(reports.map((r) => r.date).sort().at(-1)!)}`,
    url: absoluteUrl(site.site, site.base, routes.org(org.id)),
  };
}

/** Every character a card will draw, for the glyph check and the font subset. */
export function cardText(c: CardData): string {
  return [c.siteName, c.org, c.title, c.footer, ...c.figures.flatMap((f) => [f.label, f.prefix, f.number, f.unit, `截至${f.asOf}`])].join('');
}
