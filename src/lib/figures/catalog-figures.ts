/**
 * What a report's figure is for the rest of the site: whether it is a catalog metric of the organisation (and
 * so may be added up, ranked and drawn over time) or a figure of the report's own, and how it is named.
 * Pure: pages, cards, aggregation and charts all ask here, so they cannot disagree.
 */
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { ResolvedMetric } from '../model.ts';

/** A figure that IS a catalog metric for its organisation: the only kind totals, rankings and trends use. */
export type CatalogFigure = ResolvedMetric & { key: string; definition: MetricDefinition };

export function isCatalogFigure(m: ResolvedMetric): m is CatalogFigure {
  return m.key !== undefined && m.definition !== undefined;
}

/**
 * What a figure counts, for display: its label, with its scope after it when the label does not already say
 * it (投放个人贷款（近3年）). A period or segment left off would make a scoped figure read as the whole bank's.
 */
export function figureCaption(m: Pick<ResolvedMetric, 'label' | 'scope'>): string {
  if (!m.scope || m.label.includes(m.scope)) return m.label;
  return `${m.label}（${m.scope}）`;
}
