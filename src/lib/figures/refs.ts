/**
 * How an MDX body names one of its report's figures: `<Figure metric="deposit_balance" />` by catalog key,
 * `<Figure metric="各项贷款余额" />` or `<Figure metric="累计发放扶贫贷款" />` by name or label, the latest
 * as-of date unless `asOf` chooses one (the first in the list on a tie). The check, the search text and the
 * component that prints the figure all resolve names here, so they cannot disagree.
 */
import { parseAsOf } from '../dates.ts';
import type { ResolvedMetric } from '../model.ts';

export function resolveFigureRef(metrics: readonly ResolvedMetric[], metric: unknown, asOf?: unknown): ResolvedMetric | undefined {
  if (typeof metric !== 'string' || !metric.trim()) return undefined;
  const name = metric.trim();
  // asOf is written as in the frontmatter (2025-03-31, 2025-Q1 …): compared as the day it stands for.
  const day = asOf === undefined ? undefined : parseAsOf(asOf);
  if (day && !day.ok) return undefined;
  return metrics
    .filter((m) => (m.key === name || m.label === name || m.definition?.label === name || m.definition?.aliases.includes(name) === true) && (!day || m.asOf === day.day))
    .sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
}
