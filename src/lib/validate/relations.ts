/**
 * Checks the relations the catalog declares between figures of one report and one as-of date. Every printed
 * figure stands for an interval (216.66亿元 is anything that rounds to it; 120余名 is 120 to 129), so a
 * relation holds when the intervals allow it: no false alarm from rounding, but a wrong digit is caught.
 *
 * A figure without a key and without a scope whose label IS a catalog metric's name (label: 不良贷款余额) says
 * it is that metric: it is held to the metric's relations (a bad-loan balance larger than the loans is
 * refused), though never ranked or added up. A keyed figure of the same metric and date comes first.
 */
import type { Relation } from '../../schemas/catalog.ts';
import type { Catalog, ResolvedMetric } from '../model.ts';
import { formatNumber, intervalsOverlap } from '../figures/index.ts';
import { isCatalogFigure } from '../figures/index.ts';
import type { Problem } from '../problems.ts';

type Interval = readonly [number, number];

export interface RelationContext {
  catalog: Catalog;
  file: string;
  /** Where metrics[i] is, to attach the problem to a line. */
  locate: (m: ResolvedMetric) => { line: number; column: number; field: string } | undefined;
}

/**
 * The interval the figure's printed text stands for, as the parser read it: where its marker stands counts
 * (40余亿元 is not 40亿余元).
 */
function interval(m: ResolvedMetric): Interval {
  return m.interval;
}

function show(m: ResolvedMetric): string {
  return `${m.label}${m.text}`;
}

/** Relative slack for floating point, so a relation that holds exactly on paper is not flagged. */
const EPS = 1e-9;

function divide(a: Interval, b: Interval): Interval | undefined {
  if (b[0] <= 0) return undefined;
  const c = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]];
  return [Math.min(...c), Math.max(...c)];
}

function percentToRatio(iv: Interval): Interval {
  return [iv[0] / 100, iv[1] / 100];
}

function pct(x: number): string {
  return `${formatNumber(x * 100, { decimals: 2 })}%`;
}

/**
 * The catalog metric a figure is for its relations: its key; or, without a key and scope, the metric its label
 * names, when the figure's unit is one that metric is counted in.
 */
function relationKey(m: ResolvedMetric, catalog: Catalog): string | undefined {
  if (isCatalogFigure(m)) return m.key;
  if (m.key !== undefined || m.scope !== undefined) return undefined;
  const def = catalog.byName.get(m.label);
  if (!def || def.dimension !== m.dimension) return undefined;
  return (def.units ?? catalog.dimensions[def.dimension]?.units ?? []).includes(m.baseUnit) ? def.key : undefined;
}

export function checkRelations(metrics: readonly ResolvedMetric[], ctx: RelationContext): Problem[] {
  const problems: Problem[] = [];
  // Relations hold between catalog metrics of the organisation, keyed or named by their label; a figure of the
  // report's own otherwise (a segment, a programme, a period) is in none. Where a report has two figures of
  // one metric and date, the first keyed one is the metric (as in rankings), else the first labelled one.
  const byPeriod = new Map<string, Map<string, ResolvedMetric>>();
  const ordered = [...metrics.filter(isCatalogFigure), ...metrics.filter((m) => !isCatalogFigure(m))];
  for (const m of ordered) {
    const key = relationKey(m, ctx.catalog);
    if (key === undefined) continue;
    if (!byPeriod.has(m.asOf)) byPeriod.set(m.asOf, new Map());
    const group = byPeriod.get(m.asOf)!;
    if (!group.has(key)) group.set(key, m);
  }
  for (const group of byPeriod.values()) {
    for (const rel of ctx.catalog.relations) {
      const p = checkOne(rel, group, interval, ctx.catalog);
      if (!p) continue;
      const loc = ctx.locate(p.at);
      problems.push({
        severity: rel.severity,
        code: `relation-${rel.type.replace(/_/g, '-')}`,
        file: ctx.file,
        ...(loc ?? {}),
        title: p.title,
        what: p.what,
        why: rel.note ?? p.why,
        fix: p.fix,
      });
    }
  }
  return problems;
}

interface Finding { at: ResolvedMetric; title: string; what: string; why: string; fix: string }

function checkOne(rel: Relation, g: Map<string, ResolvedMetric>, interval: (m: ResolvedMetric) => Interval, catalog: Catalog): Finding | undefined {
  if (rel.type === 'balance_change') {
    const bal = g.get(rel.balance);
    const inc = g.get(rel.increase);
    if (!bal || !inc) return undefined;
    const b = interval(bal);
    const i = interval(inc);
    const start: Interval = [b[0] - i[1], b[1] - i[0]];
    if (start[1] <= 0) {
      return {
        at: inc,
        title: '增加额不可能大于余额',
        what: `${show(bal)}，${show(inc)}：按此年初余额为零或负数。`,
        why: '余额 − 较年初增加 = 年初余额，年初余额必须大于零。',
        fix: '核对两个数字的单位（万元/亿元）和数值是否与正文一致。',
      };
    }
    const rate = rel.rate ? g.get(rel.rate) : undefined;
    if (!rate) return undefined;
    const implied = divide(i, start);
    const r = percentToRatio(interval(rate));
    if (implied && !intervalsOverlap(implied, r)) {
      const mid = (inc.base) / (bal.base - inc.base);
      return {
        at: rate,
        title: '余额、增加额和增幅对不上',
        what: `${show(bal)}、${show(inc)}，则年初余额约 ${formatNumber((bal.value * bal.multiplier - inc.value * inc.multiplier) / bal.multiplier, { decimals: 2 })}${bal.unit}，增幅应为 ${pct(mid)}，这里写的是 ${rate.text}。`,
        why: '增幅 = 较年初增加 ÷ 年初余额，年初余额 = 余额 − 较年初增加。',
        fix: '对照正文核对这三个数字，改正抄错的那一个。',
      };
    }
    return undefined;
  }
  if (rel.type === 'part_of') {
    const part = g.get(rel.part);
    const whole = g.get(rel.whole);
    if (!part || !whole || part.baseUnit !== whole.baseUnit && !(sameDimension(part, whole))) return undefined;
    if (interval(part)[0] > interval(whole)[1] * (1 + EPS)) {
      return {
        at: part,
        title: '部分大于整体',
        what: `${show(part)} 大于 ${show(whole)}。`,
        why: `“${part.label}”是“${whole.label}”的一部分，不可能更大。`,
        fix: '核对两个数字和单位（万元/亿元、人/万人）。',
      };
    }
    return undefined;
  }
  const rate = g.get(rel.rate);
  const part = g.get(rel.part);
  const whole = g.get(rel.whole);
  if (!rate || !part || !whole) return undefined;
  const implied = divide(interval(part), interval(whole));
  const r = percentToRatio(interval(rate));
  if (implied && !intervalsOverlap(implied, r)) {
    return {
      at: rate,
      title: `比率与${catalog.dimensions[part.dimension]?.label ?? '数字'}对不上`,
      what: `${show(part)} ÷ ${show(whole)} = ${pct(part.base / whole.base)}，这里写的是 ${rate.text}。`,
      why: `${rate.label} = ${part.label} ÷ ${whole.label}。`,
      fix: '对照正文核对这三个数字，改正抄错的那一个。',
    };
  }
  return undefined;
}

function sameDimension(a: ResolvedMetric, b: ResolvedMetric): boolean {
  return a.dimension === b.dimension;
}
