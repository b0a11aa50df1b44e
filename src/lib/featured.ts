/**
 * Which figures lead: on a report's card and poster, in report lists, at the top of the report page, on an
 * organisation's card. One rule for all of them, so a reader sees the same headline everywhere.
 *
 * 0. Only the organisation's own figures (isOwnFigure): a figure quoted about someone else (`context: true`)
 *    never leads, is never counted among the figures of a list entry and never enters the top panel; the
 *    report page lists it apart (contextFigures).
 * 1. Figures the report marks `featured: 1, 2, …` come first, in that order.
 * 2. The other places are filled by the default rule:
 *    - only the latest as-of date of each figure (the same key or label and scope at an earlier date is history);
 *    - catalog metrics of the organisation before the report's own figures (a segment or programme figure
 *      never heads the card when the bank-wide figure is there);
 *    - among catalog metrics: money balances (stock), largest first; then money amounts of the period (flow),
 *      largest first; then counts and rates by the catalog's `priority`;
 *    - among the report's own figures: money, largest first; then the rest in the order the report lists them;
 *    - figures computed rather than printed (`derived`) last.
 * 3. At most `max` figures.
 * Pure: the card data, the pages and the tests call it.
 */
import type { ResolvedMetric } from './model.ts';
import { contextFigures, isCatalogFigure, ownFigures } from './figures/index.ts';

/**
 * How many figures each surface shows, best first: the one table the cards, the poster, the lists and the
 * report page read. A card has room for four side by side, a poster for six in two columns; a list entry is
 * one line.
 */
export const FIGURES_SHOWN = {
  /** A report's card (and an organisation's card). */
  card: 4,
  /** A report's poster. */
  poster: 6,
  /** A report's entry in a list (home, organisation, theme, year, region). */
  list: 3,
  /** The lead figures at the top of a report page. */
  panel: 4,
} as const;

/** Figures on a card and the top of a report page. */
export const LEAD_FIGURES = FIGURES_SHOWN.card;

/** The same figure at different dates: catalog key or label, scope and base unit. */
function identity(m: ResolvedMetric): string {
  return [isCatalogFigure(m) ? `key:${m.key}` : `label:${m.label}`, m.scope ?? '', m.baseUnit].join('\u0000');
}

/** Only the latest as-of date of each figure; on a tie the first in the list (the newer report) stays. */
function latestOnly(metrics: readonly ResolvedMetric[]): ResolvedMetric[] {
  const latest = new Map<string, ResolvedMetric>();
  for (const m of metrics) {
    const id = identity(m);
    const prev = latest.get(id);
    if (!prev || prev.asOf < m.asOf) latest.set(id, m);
  }
  const keep = new Set(latest.values());
  return metrics.filter((m) => keep.has(m));
}

/** Lower tiers lead. */
function tier(m: ResolvedMetric): number {
  const derived = m.derived ? 10 : 0;
  const money = m.dimension === 'money' && m.form !== 'range';
  if (isCatalogFigure(m)) {
    if (money && m.definition.kind === 'stock') return derived + 0;
    if (money && m.definition.kind === 'flow') return derived + 1;
    return derived + 2;
  }
  return derived + (money ? 3 : 4);
}

function byDefaultRule(a: ResolvedMetric, b: ResolvedMetric, order: Map<ResolvedMetric, number>): number {
  const ta = tier(a);
  const tb = tier(b);
  if (ta !== tb) return ta - tb;
  const t = ta % 10;
  if (t === 0 || t === 1 || t === 3) {
    if (a.base !== b.base) return Math.abs(b.base) - Math.abs(a.base);
  } else if (t === 2) {
    const pa = a.definition?.priority ?? 0;
    const pb = b.definition?.priority ?? 0;
    if (pa !== pb) return pb - pa;
  }
  return order.get(a)! - order.get(b)!;
}

export interface LeadOptions {
  /** Honour `featured` (a report's own choice); an organisation's card across reports does not. */
  featured?: boolean;
}

/** The lead figures, best first: featured in their order, then the default rule (see above); at most `max`. */
export function leadFigures(all: readonly ResolvedMetric[], max: number = LEAD_FIGURES, opts: LeadOptions = {}): ResolvedMetric[] {
  const metrics = ownFigures(all);
  const useFeatured = opts.featured ?? true;
  const order = new Map(metrics.map((m, i) => [m, i] as const));
  const featured = useFeatured
    ? metrics.filter((m) => m.featured !== undefined).sort((a, b) => a.featured! - b.featured! || order.get(a)! - order.get(b)!)
    : [];
  const rest = latestOnly(metrics)
    .filter((m) => !featured.includes(m))
    .sort((a, b) => byDefaultRule(a, b, order));
  return [...featured, ...rest].slice(0, Math.max(0, max));
}

const listed = new WeakMap<readonly ResolvedMetric[], ResolvedMetric[]>();
/**
 * A report's figures on its entry in a list (FIGURES_SHOWN.list of them). A report is listed on many pages (home,
 * its organisation, themes, year, region), always with the same figures: worked out once per report's figures.
 */
export function listFigures(metrics: readonly ResolvedMetric[]): ResolvedMetric[] {
  let got = listed.get(metrics);
  if (!got) listed.set(metrics, (got = leadFigures(metrics, FIGURES_SHOWN.list)));
  return got;
}

/**
 * A report's figures for its top panel: the lead figures first, then every other figure of the organisation in
 * the report's own order, so the panel leads with the headline and still shows everything the report states
 * about the organisation. Figures quoted about someone else are `context`: only the report page shows them,
 * in a section of their own below.
 */
export function panelFigures(metrics: readonly ResolvedMetric[], max: number = FIGURES_SHOWN.panel): { lead: ResolvedMetric[]; rest: ResolvedMetric[]; context: ResolvedMetric[] } {
  const lead = leadFigures(metrics, max);
  return { lead, rest: ownFigures(metrics).filter((m) => !lead.includes(m)), context: contextFigures(metrics) };
}
