/** What goes on a card: chosen from validated, published content only. */
import { formatDay } from '../lib/dates.ts';
import type { ContentModel, Report, ResolvedMetric } from '../lib/model.ts';
import { FIGURES_SHOWN, leadFigures } from '../lib/featured.ts';
import { figureCaption } from '../lib/figures/index.ts';
import { figureDisplayParts } from '../lib/figures/index.ts';
import type { Org } from '../schemas/org.ts';
import { absoluteUrl, routes } from '../lib/urls.ts';

export interface CardFigure {
  /** What the figure counts, with its scope when the label does not say it: 投放个人贷款（近3年）. */
  label: string;
  /** The figure exactly as the article prints it; prefix + number + unit === text (always set here). */
  text?: string;
  /** Printed before the number: 超, 近, 约 … */
  prefix: string;
  number: string;
  /** Printed after the number: 余亿元, 亿元, %, 成 … */
  unit: string;
  asOf: string;
  /** On an organisation's card: the title of the report the figure comes from. */
  from?: string;
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
  /** The report's summary; for an organisation, its registry profile or '' (always set here). */
  summary?: string;
  figures: CardFigure[];
  footer: string;
  /** Absolute URL encoded in the poster's QR code. */
  url: string;
}

function toFigure(m: ResolvedMetric): CardFigure {
  // Sliced from the printed text, never rebuilt: 40余亿元 stays 40 + 余亿元.
  const p = figureDisplayParts(m.text);
  return { label: figureCaption(m), text: m.text, prefix: p.before, number: p.number, unit: p.after, asOf: m.asOfLabel };
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
    summary: r.summary,
    // Best first, as many as the poster shows; the card draws the first FIGURES_SHOWN.card of them.
    figures: leadFigures(r.metrics, FIGURES_SHOWN.poster).map(toFigure),
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
    summary: org.profile ?? '',
    // Newest report first, so of two figures at one date the newer report's stays; `featured` is a report's
    // own choice and does not reach across reports.
    figures: orgFigures(reports),
    footer: `共 ${reports.length} 篇报告 · 最新 ${formatDay(reports.map((r) => r.date).sort().at(-1)!)}`,
    url: absoluteUrl(site.site, site.base, routes.org(org.id)),
  };
}

/**
 * An organisation's lead figures across its reports (the same rule as a report's, `featured` aside: that is
 * a report's own choice), each with the report it comes from. Newest report first, so of two printings of one
 * figure at one date the newer report's is kept.
 */
function orgFigures(reports: readonly Report[]): CardFigure[] {
  const newest = [...reports].sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  const from = new Map<ResolvedMetric, Report>(newest.flatMap((r) => r.metrics.map((m) => [m, r] as const)));
  return leadFigures(newest.flatMap((r) => r.metrics), FIGURES_SHOWN.card, { featured: false }).map((m) => ({ ...toFigure(m), from: from.get(m)!.title }));
}

/** Every character a card will draw, for the glyph check and the font subset. */
export function cardText(c: CardData): string {
  return [c.siteName, c.org, c.title, c.summary ?? '', c.footer, ...c.figures.flatMap((f) => [f.label, f.prefix, f.number, f.unit, `截至${f.asOf}`, f.from ?? ''])].join('');
}
