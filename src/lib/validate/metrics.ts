/**
 * Resolves each frontmatter figure against the metric catalog: the key (or a Chinese name), the value as
 * printed, the unit and its dimension, the approximate marker, the sign and the plausible range.
 */
import type { ReportMetricInput } from '../../schemas/report.ts';
import { allowedBaseUnits } from '../catalog.ts';
import type { Catalog, ResolvedMetric } from '../model.ts';
import { APPROX_MARKERS, formatCompact, formatFigure, parseFigure, splitUnit } from '../numbers.ts';
import type { Problem } from '../problems.ts';
import { quoteList, suggest } from '../suggest.ts';

export interface MetricContext {
  catalog: Catalog;
  file: string;
  /** Position of a metric field: metrics[i].<field>. */
  locate: (i: number, field?: string) => { line: number; column: number } | undefined;
  /** Source text of a scalar, to catch YAML's reading of 1e3 or 0x10. */
  sourceOf: (i: number, field: string) => string | undefined;
  /** Publication day of the report. */
  date: string;
}

function unitChoices(base: readonly string[]): string {
  if (base.length === 1 && base[0] === '元') return '元、万元、亿元 或 万亿元';
  return base.map((b) => (b === '%' ? '%' : b)).join('、');
}

/** `indices[k]` is the position in the frontmatter list of `metrics[k]`, for locating later findings. */
export function resolveMetrics(inputs: readonly ReportMetricInput[], ctx: MetricContext): { metrics: ResolvedMetric[]; indices: number[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const metrics: ResolvedMetric[] = [];
  const indices: number[] = [];
  const names = [...ctx.catalog.byName.keys()];
  const at = (i: number, field: string) => ({ file: ctx.file, ...ctx.locate(i, field), field: `metrics[${i}].${field}` });

  inputs.forEach((m, i) => {
    const def = ctx.catalog.byName.get(m.key.trim());
    if (!def) {
      const guesses = suggest(m.key, names, 2).map((g) => {
        const d = ctx.catalog.byName.get(g);
        return d && d.key !== g ? `${g}（${d.key}）` : g;
      });
      problems.push({
        severity: 'error', code: 'metric-unknown', ...at(i, 'key'),
        title: '指标目录里没有这个指标',
        what: `key 写的是“${m.key}”，content/metrics.yaml 里没有这个代码或名称。`,
        fix: guesses.length > 0
          ? `是不是想写 ${quoteList(guesses)}？也可以在 content/metrics.yaml 里新增这个指标。`
          : '写指标目录 content/metrics.yaml 里的代码或中文名；确实是新指标时，在目录里新增一项。',
      });
      return;
    }

    // The value: a number, or a string with the unit and marker written in ("120余名", "1,392.1万元").
    const rawSource = ctx.sourceOf(i, 'value');
    if (typeof m.value === 'number' && rawSource && /^[-+]?(\d[\d_]*)?\.?\d*e[-+]?\d+$|^0[xo]|^0\d/i.test(rawSource)) {
      problems.push({
        severity: 'error', code: 'metric-value-notation', ...at(i, 'value'),
        title: '数值写法容易读错',
        what: `value 写的是 ${rawSource}，会被读成 ${m.value}。`,
        why: '科学计数法、0x/0o 或以 0 开头的写法在不同软件里读法不同，发布出去的数字可能和你想的不一样。',
        fix: `照正文的印刷写法填写，如 value: ${m.value}。`,
      });
      return;
    }
    const valueText = typeof m.value === 'number' ? String(rawSource ?? m.value) : m.value;
    const parsed = parseFigure(valueText, { baseUnits: ctx.catalog.baseUnits });
    if (!parsed.ok) {
      problems.push({
        severity: 'error', code: 'metric-value', ...at(i, 'value'),
        title: '数值读不出来',
        what: `value 写的是“${String(m.value)}”：${parsed.reason}。`,
        fix: '写成正文里印的数字，如 value: 216.66，单位写在 unit 里（unit: 亿元）。',
      });
      return;
    }
    let fig = parsed.figure;
    if (fig.baseUnit !== '' && m.unit && fig.unit !== m.unit) {
      problems.push({
        severity: 'error', code: 'metric-unit-conflict', ...at(i, 'unit'),
        title: '单位写了两次且不一致',
        what: `value 里带了单位“${fig.unit}”，unit 又写了“${m.unit}”。`,
        fix: `保留一个：删掉 unit，或把 value 改成纯数字 ${fig.value}。`,
      });
      return;
    }
    // Value and unit read as one printed figure, so "120" + "余名", "2万多" + "户", "超2100" + "亿元" all work.
    if (fig.baseUnit === '' && m.unit) {
      const whole = parseFigure(`${valueText}${m.unit.startsWith(fig.unit) ? m.unit.slice(fig.unit.length) : m.unit}`, { baseUnits: ctx.catalog.baseUnits });
      if (whole.ok) fig = whole.figure;
    }
    const unit = (fig.baseUnit ? fig.unit : (m.unit ?? fig.unit)).trim();
    if (!unit) {
      problems.push({
        severity: 'error', code: 'metric-unit-missing', ...at(i, 'value'),
        title: '缺少单位',
        what: `“${def.label}”的数字 ${fig.value} 没有写单位。`,
        fix: `加一行 unit，可选：${unitChoices(allowedBaseUnits(ctx.catalog, def.key))}。`,
      });
      return;
    }
    const allowed = allowedBaseUnits(ctx.catalog, def.key);
    const parts = splitUnit(unit, ctx.catalog.baseUnits);
    if (!parts || !allowed.includes(parts.base)) {
      const dim = ctx.catalog.dimensions[def.dimension];
      problems.push({
        severity: 'error', code: 'metric-unit', ...at(i, m.unit ? 'unit' : 'value'),
        title: '单位与指标不符',
        what: `“${def.label}”是${dim?.label ?? def.dimension}，单位写成了“${unit}”。`,
        why: '单位决定数字的大小，单位错了，页面和排名上的数字就错了。',
        fix: `把单位改为 ${unitChoices(allowed)}${allowed[0] !== '%' ? '（可加 万、亿 等前缀）' : ''}。`,
      });
      return;
    }
    if (fig.approx && m.approx && fig.approx !== m.approx) {
      problems.push({
        severity: 'error', code: 'metric-approx-conflict', ...at(i, 'approx'),
        title: '约数标记写了两次且不一致',
        what: `value 里是“${fig.approx}”，approx 又写了“${m.approx}”。`,
        fix: '只保留一个，与正文一致。',
      });
      return;
    }
    const approx = m.approx ?? fig.approx;
    const value = fig.value;
    // A unit written in the value was applied by the parser; a separate unit field is applied here.
    const base = fig.unit ? fig.base : toBase(fig.value, fig.decimals, parts.multiplier);

    if (!Number.isFinite(base)) {
      problems.push({ severity: 'error', code: 'metric-value', ...at(i, 'value'), title: '数值无效', what: `value 写的是“${String(m.value)}”。`, fix: '写一个有限的数字。' });
      return;
    }
    if (base < 0 && !def.negative) {
      problems.push({
        severity: 'error', code: 'metric-negative', ...at(i, 'value'),
        title: '这个指标不能是负数',
        what: `“${def.label}”写成了 ${formatFigure({ value, unit, approx, decimals: fig.decimals })}。`,
        fix: '检查是否多写了负号；减少的情况请在正文中说明，并选用允许负数的指标（如较年初增加）。',
      });
      return;
    }
    if (def.range && (base < def.range[0] || base > def.range[1])) {
      const baseUnit = parts.base;
      problems.push({
        severity: 'warning', code: 'metric-range', ...at(i, 'value'),
        title: '数字超出常见范围',
        what: `“${def.label}”是 ${formatFigure({ value, unit, approx, decimals: fig.decimals })}，超出了 ${formatCompact(def.range[0], baseUnit)} 到 ${formatCompact(def.range[1], baseUnit)} 的常见范围。`,
        why: '多半是单位写错了（万元写成亿元、% 写成个数）。',
        fix: '对照正文核对数字和单位；确实如此时可忽略这条提醒。',
      });
    }
    if (approx && !(approx in APPROX_MARKERS)) {
      problems.push({
        severity: 'error', code: 'metric-approx', ...at(i, 'approx'),
        title: '不认识的约数标记',
        what: `approx 写的是“${approx}”。`,
        fix: `从这些里选：${Object.keys(APPROX_MARKERS).join('、')}。`,
      });
      return;
    }
    if (m.derived && !m.note) {
      problems.push({
        severity: 'error', code: 'metric-derived-note', ...at(i, 'derived'),
        title: '推算的数字要写明算法',
        what: `“${def.label}”标了 derived: true，但没有 note。`,
        why: '正文里找不到的数字，读者要能知道它从哪里来。',
        fix: '加一行 note，写明怎么算的，如 note: 由存款余额减去较年初增加推算。',
      });
    }
    if (m.asOf.day > ctx.date) {
      problems.push({
        severity: 'error', code: 'metric-asof-after-date', ...at(i, 'asOf'),
        title: '截至日期晚于发布日期',
        what: `数字截至 ${m.asOf.day}，报告发布日期却是 ${ctx.date}。`,
        fix: '检查 asOf 与 date 是否写反或写错年份。',
      });
    }
    indices.push(i);
    metrics.push({
      key: def.key,
      label: m.label ?? def.label,
      definition: def,
      value,
      unit,
      approx,
      decimals: fig.decimals,
      base,
      baseUnit: parts.base,
      multiplier: parts.multiplier,
      asOf: m.asOf.day,
      asOfLabel: m.asOf.label,
      note: m.note,
      derived: m.derived ?? false,
    });
  });

  // One figure per metric and period: two different values for the same thing cannot both be published.
  const seen = new Map<string, number>();
  inputs.forEach((m, i) => {
    const def = ctx.catalog.byName.get(m.key.trim());
    if (!def) return;
    const id = `${def.key}@${m.asOf.day}`;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({
        severity: 'error', code: 'metric-duplicate', ...at(i, 'key'),
        title: '同一指标同一截至日期写了两次',
        what: `“${def.label}”截至 ${m.asOf.label} 在 metrics[${first}] 和 metrics[${i}] 都出现了。`,
        fix: '删掉重复的一项；如果是不同口径，用不同的指标或不同的截至日期。',
      });
    } else seen.set(id, i);
  });
  return { metrics, indices, problems };
}

/** Exact product of a printed decimal and a power of ten (216.66 × 1e8 is not exact in floating point). */
function toBase(value: number, decimals: number, multiplier: number): number {
  const scaled = Math.round(value * 10 ** decimals) * multiplier;
  return scaled / 10 ** decimals;
}
