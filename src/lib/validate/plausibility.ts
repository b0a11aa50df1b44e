/**
 * Whether a figure can be what it says it is, for the organisation that prints it:
 *
 * - a hard limit: a share, a coverage or completion rate is never over 100 % (the metric's `limit`, or for a
 *   figure without a key the catalog's `shares` words in its label);
 * - a band per organisation level: a county rural bank's deposits are tens to hundreds of 亿元, never 1.2万亿元
 *   (the metric's `band`, the organisation's `level`). A figure ten thousand times off is named as the slip it
 *   most likely is: 万 written for 亿, or 亿 for 万.
 *
 * Both judge the interval the printed figure stands for, so 约/余/超 never raise a false alarm.
 */
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { Org, OrgLevel } from '../../schemas/org.ts';
import { orgLevel } from '../catalog.ts';
import type { Catalog } from '../model.ts';
import { formatCompact, UNIT_PREFIXES, type Figure } from '../figures/index.ts';

type Bounds = readonly [number, number];

/** Relative slack for floating point, so a figure exactly on a bound is inside it. */
const EPS = 1e-9;

function outside(iv: Bounds, b: Bounds): boolean {
  const slack = EPS * Math.max(Math.abs(b[0]), Math.abs(b[1]), 1);
  return iv[0] > b[1] + slack || iv[1] < b[0] - slack;
}

/** The sizes an interval stands for, sign aside: a decrease of 3亿 is as large as an increase of 3亿. */
function magnitude(iv: Bounds): Bounds {
  if (iv[0] >= 0) return iv;
  if (iv[1] <= 0) return [-iv[1], -iv[0]];
  return [0, Math.max(-iv[0], iv[1])];
}

export interface LimitFinding {
  limit: Bounds;
  /** The metric whose limit it is, or the share word of the label that makes it a share. */
  source: { metric: MetricDefinition } | { word: string };
}

/**
 * The hard limit a figure must lie in: its metric's; for a figure without a key, the limit of the catalog metric
 * its label names, else the shares limit when its label has a share word (and none of the exceptions).
 */
export function limitOf(catalog: Catalog, fig: Pick<Figure, 'baseUnit'>, def: MetricDefinition | undefined, label: string | undefined): LimitFinding | undefined {
  if (def) return def.limit ? { limit: def.limit, source: { metric: def } } : undefined;
  const named = label !== undefined ? catalog.byName.get(label) : undefined;
  if (named && allowedUnit(catalog, named, fig.baseUnit)) return named.limit ? { limit: named.limit, source: { metric: named } } : undefined;
  const shares = catalog.shares;
  // A share is a percent of a whole: 占比 30 % of loans. A count (覆盖农户300户) is no share of anything.
  if (!shares || label === undefined || fig.baseUnit !== '%') return undefined;
  if (shares.except.some((w) => label.includes(w))) return undefined;
  const word = shares.words.find((w) => label.includes(w));
  return word ? { limit: shares.limit, source: { word } } : undefined;
}

function allowedUnit(catalog: Catalog, def: MetricDefinition, baseUnit: string): boolean {
  return (def.units ?? catalog.dimensions[def.dimension]?.units ?? []).includes(baseUnit);
}

/** Whether the figure lies outside the limit. */
export function breaksLimit(fig: Pick<Figure, 'interval'>, limit: Bounds): boolean {
  return outside(fig.interval, limit);
}

function showBound(x: number, baseUnit: string): string {
  return formatCompact(x, baseUnit);
}

/** The Chinese of a limit problem: what, why and fix. */
export function limitMessage(name: string, fig: Pick<Figure, 'text' | 'interval' | 'baseUnit'>, found: LimitFinding, keyed: boolean): { title: string; what: string; why: string; fix: string } {
  const [lo, hi] = found.limit;
  const over = fig.interval[0] > hi;
  const share = fig.baseUnit === '%' && lo === 0 && hi === 100;
  const what = `“${name}”是 ${fig.text}，${over ? `超过了 ${showBound(hi, fig.baseUnit)}` : `低于 ${showBound(lo, fig.baseUnit)}`}。`;
  const whose = 'word' in found.source ? `label 里有“${found.source.word}”，它是部分占整体的比率` : `“${found.source.metric.label}”是部分占整体的比率`;
  const why = share
    ? `${whose}：比率不可能超过100%，也不可能是负数。`
    : `“${name}”只能在 ${showBound(lo, fig.baseUnit)} 到 ${showBound(hi, fig.baseUnit)} 之间（指标目录 content/metrics.yaml 的 limit）。`;
  const fix = share
    ? `对照正文核对数字和小数点（如 98.5% 抄成了 985%）。正文说的若是增幅、倍数或超额完成（“完成全年任务的115%”），它就不是占比：${keyed ? '删掉 key，' : ''}label 写明它是什么，如 label: 存款任务完成率（含“任务”“计划”“增长”等词的比率可以超过 100%）。`
    : '对照正文核对数字、小数点和单位；正文确实如此时，这个数字不是这个指标，删掉 key 并用 label 写明它是什么。';
  return { title: share ? '比率不可能超过100%' : '数字超出这个指标可能的范围', what, why, fix };
}

export interface BandFinding {
  level: OrgLevel;
  band: Bounds;
  /**
   * When the figure × 1万 lies in the band (万 written for 亿) or ÷ 1万 does (亿 for 万): the prefix printed, the
   * one meant, and the figure's text with it, when they are plain prefixes.
   */
  slip?: { factor: number; wrote?: string; meant?: string; text?: string };
}

/**
 * The band of a keyed amount for the organisation's level, when the figure lies outside it; undefined when it
 * fits, or when the metric has no band or the organisation no level (then the metric's common range applies).
 */
export function bandOf(catalog: Catalog, def: MetricDefinition, org: Pick<Org, 'type' | 'level'> | undefined): { level: OrgLevel; band: Bounds } | undefined {
  if (!org || !def.band) return undefined;
  const level = orgLevel(org);
  const band = level ? catalog.bands[def.band]?.[level] : undefined;
  return level && band ? { level, band } : undefined;
}

export function bandFinding(catalog: Catalog, def: MetricDefinition, org: Pick<Org, 'type' | 'level'> | undefined, fig: Figure): BandFinding | undefined {
  const applies = bandOf(catalog, def, org);
  if (!applies) return undefined;
  const size = magnitude(fig.interval);
  if (!outside(size, applies.band)) return undefined;
  for (const factor of [1e4, 1e-4]) {
    if (!outside([size[0] * factor, size[1] * factor], applies.band)) return { ...applies, slip: { factor, ...slipText(fig, factor) } };
  }
  return applies;
}

/** The figure as it would read with the prefix ten thousand times larger or smaller: 216.66万元 → 216.66亿元. */
function slipText(fig: Figure, factor: number): { wrote?: string; meant?: string; text?: string } {
  const target = fig.multiplier * factor;
  const prefix = Math.abs(target - 1) < EPS ? '' : UNIT_PREFIXES.find((p) => Math.abs(p.multiplier / target - 1) < EPS)?.prefix;
  if (prefix === undefined || !fig.baseUnit) return {};
  const from = `${fig.prefix}${fig.baseUnit}`;
  const at = fig.text.lastIndexOf(from);
  return {
    wrote: fig.prefix,
    meant: prefix,
    ...(at >= 0 ? { text: `${fig.text.slice(0, at)}${prefix}${fig.baseUnit}${fig.text.slice(at + from.length)}` } : {}),
  };
}

function showBand(band: Bounds, baseUnit: string): string {
  return band[0] <= 0 ? `不超过 ${showBound(band[1], baseUnit)}` : `${showBound(band[0], baseUnit)} 到 ${showBound(band[1], baseUnit)}`;
}

/** The Chinese of a band problem: the band in 万元/亿元, and the likely slip or what else to check. */
export function bandMessage(def: MetricDefinition, fig: Figure, org: Pick<Org, 'name'>, found: BandFinding): { title: string; what: string; why: string; fix: string } {
  const band = showBand(found.band, fig.baseUnit);
  const what = `${org.name}是${found.level}机构，“${def.label}”写的是 ${fig.text}；${found.level}机构的这个数字一般在 ${band}。`;
  const why = '同一层级机构的这个数字不会差出几个数量级（区间见指标目录 content/metrics.yaml 的 bands，层级见机构名录 content/orgs.yaml 的 level）；差一万倍多半是“万”“亿”写反了，否则多半不是本机构的数字。';
  const otherwise = `数字若是上级机构、全省、全国或某个项目的，删掉 key（别人的数字不写进 metrics）；机构的层级不对时，在 content/orgs.yaml 里给${org.name}写 level。`;
  let fix: string;
  const slip = found.slip;
  if (slip) {
    const { wrote, meant } = slip;
    const what = wrote === undefined || meant === undefined ? `数字差了一万倍（${slip.factor > 1 ? '小' : '大'}了）`
      : !wrote ? `多半是漏写了“${meant}”` : !meant ? `多半是多写了“${wrote}”` : `多半是把“${meant}”写成了“${wrote}”`;
    const then = slip.text ? `正文印的若是 ${slip.text}，写 text: ${slip.text}` : '对照正文改正单位';
    fix = `${what}：${then}。否则核对机构和数字：${otherwise}`;
  } else {
    fix = `核对机构和数字：org 写的是${org.name}（${found.level}）；${otherwise}`;
  }
  return { title: '数字与机构的规模不符', what, why, fix };
}
