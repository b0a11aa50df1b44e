/**
 * What a report's figure is for the rest of the site: whether it is the organisation's at all (or a figure the
 * article quotes about someone else, kept as context), whether it is a catalog metric of the organisation (and
 * so may be added up, ranked and drawn over time) or a figure of the report's own, and how it is named.
 * Pure: pages, cards, aggregation and charts all ask here, so they cannot disagree.
 */
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { ResolvedMetric } from '../model.ts';

/** A figure that IS a catalog metric for its organisation: the only kind totals, rankings and trends use. */
export type CatalogFigure = ResolvedMetric & { key: string; definition: MetricDefinition };

/**
 * Whether a figure is the organisation's own: every figure of a report but those it quotes about someone else
 * (`context: true`: 全国, 全省, 人民银行, a partner). Every surface that shows a figure as the organisation's (cards,
 * posters, lists, the lead of a report page, rankings, totals, trends, charts, downloads, casebooks) asks here;
 * only the report page lists the others, apart, as context.
 */
export function isOwnFigure(m: Pick<ResolvedMetric, 'context'>): boolean {
  return m.context !== true;
}

const split = new WeakMap<readonly ResolvedMetric[], { own: ResolvedMetric[]; context: ResolvedMetric[] }>();
function splitFigures(metrics: readonly ResolvedMetric[]): { own: ResolvedMetric[]; context: ResolvedMetric[] } {
  let got = split.get(metrics);
  if (!got) split.set(metrics, (got = { own: metrics.filter(isOwnFigure), context: metrics.filter((m) => !isOwnFigure(m)) }));
  return got;
}

/** A report's own figures, in its order (the same array for the same list: lists memoise on it). */
export function ownFigures(metrics: readonly ResolvedMetric[]): ResolvedMetric[] {
  return splitFigures(metrics).own;
}

/** The figures a report quotes about someone else, in its order: shown on its own page as context, nowhere else. */
export function contextFigures(metrics: readonly ResolvedMetric[]): ResolvedMetric[] {
  return splitFigures(metrics).context;
}

export function isCatalogFigure(m: ResolvedMetric): m is CatalogFigure {
  return m.key !== undefined && m.definition !== undefined && isOwnFigure(m);
}

/**
 * What a figure counts, for display: its label, with its scope after it when the label does not already say
 * it (投放个人贷款（近3年）). A period or segment left off would make a scoped figure read as the whole bank's.
 */
export function figureCaption(m: Pick<ResolvedMetric, 'label' | 'scope'>): string {
  if (!m.scope || m.label.includes(m.scope)) return m.label;
  return `${m.label}（${m.scope}）`;
}
