/**
 * Resolves each frontmatter figure against the metric catalog: the key (or a Chinese name), the value as
 * printed, the unit and its dimension, the approximate marker, the sign and the plausible range.
 */
import type { ReportMetricInput } from '../../schemas/report.ts';
import { allowedBaseUnits } from '../catalog.ts';
import type { Catalog, ResolvedMetric } from '../model.ts';
import { figureVocabulary, formatCompact, parseFigure, withApprox, type Figure } from '../numbers.ts';
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
  const vocab = figureVocabulary(ctx.catalog.baseUnits);
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
    const valueText = (typeof m.value === 'number' ? String(rawSource ?? m.value) : m.value).trim();
    const alone = parseFigure(valueText, vocab);
    if (!alone.ok) {
      problems.push({
        severity: 'error', code: 'metric-value', ...at(i, 'value'),
        title: '数值读不出来',
        what: `value 写的是“${String(m.value)}”：${alone.reason}。`,
        fix: '写成正文里印的数字，如 value: 216.66，单位写在 unit 里（unit: 亿元）。',
      });
      return;
    }
    if (alone.figure.baseUnit !== '' && m.unit && alone.figure.unit !== m.unit.trim()) {
      problems.push({
        severity: 'error', code: 'metric-unit-conflict', ...at(i, 'unit'),
        title: '单位写了两次且不一致',
        what: `value 里带了单位“${alone.figure.unit}”，unit 又写了“${m.unit}”。`,
        fix: `保留一个：删掉 unit，或把 value 改成纯数字 ${alone.figure.value}。`,
      });
      return;
    }
    const printed = printedText(valueText, alone.figure, m.unit);
    const parsed = parseFigure(printed, vocab);
    if (!parsed.ok) {
      // The value reads on its own, so what does not read is the unit.
      const dim = ctx.catalog.dimensions[def.dimension];
      const allowed = allowedBaseUnits(ctx.catalog, def.key);
      problems.push({
        severity: 'error', code: 'metric-unit', ...at(i, m.unit ? 'unit' : 'value'),
        title: '单位与指标不符',
        what: `“${def.label}”是${dim?.label ?? def.dimension}，单位写成了“${m.unit ?? printed}”。`,
        why: '单位决定数字的大小，单位错了，页面和排名上的数字就错了。',
        fix: `把单位改为 ${unitChoices(allowed)}${allowed[0] !== '%' ? '（可加 万、亿 等前缀）' : ''}。`,
      });
      return;
    }
    let fig = parsed.figure;
    if (fig.approx && m.approx && fig.approx !== m.approx) {
      problems.push({
        severity: 'error', code: 'metric-approx-conflict', ...at(i, 'approx'),
        title: '约数标记写了两次且不一致',
        what: `value 里是“${fig.approx}”，approx 又写了“${m.approx}”。`,
        fix: '只保留一个，与正文一致。',
      });
      return;
    }
    if (m.approx && !fig.approx) {
      const marked = withApprox(fig.text, m.approx, vocab);
      const reparsed = marked === undefined ? undefined : parseFigure(marked, vocab);
      if (!reparsed?.ok) {
        problems.push({
          severity: 'error', code: 'metric-value', ...at(i, 'approx'),
          title: '约数标记放不进这个数字',
          what: `“${fig.text}”加不上约数标记“${m.approx}”。`,
          fix: `照正文把整个数字写进 value，如 value: "${fig.text}"，删掉 approx。`,
        });
        return;
      }
      fig = reparsed.figure;
    }
    if (fig.form === 'range') {
      problems.push({
        severity: 'error', code: 'metric-value', ...at(i, 'value'),
        title: '一项只能写一个数字',
        what: `“${fig.text}”是一个区间。`,
        why: '排行和汇总要的是一个数字，区间没法排名和相加。',
        fix: '写正文里的一个确数或约数；正文只有区间时，这个数字不写进 metrics。',
      });
      return;
    }
    if (fig.baseUnit === '') {
      problems.push({
        severity: 'error', code: 'metric-unit-missing', ...at(i, 'value'),
        title: '缺少单位',
        what: `“${def.label}”的数字 ${fig.text} 没有写单位。`,
        fix: `加一行 unit，可选：${unitChoices(allowedBaseUnits(ctx.catalog, def.key))}。`,
      });
      return;
    }
    const allowed = allowedBaseUnits(ctx.catalog, def.key);
    if (!allowed.includes(fig.baseUnit)) {
      const dim = ctx.catalog.dimensions[def.dimension];
      problems.push({
        severity: 'error', code: 'metric-unit', ...at(i, m.unit ? 'unit' : 'value'),
        title: '单位与指标不符',
        what: `“${def.label}”是${dim?.label ?? def.dimension}，单位写成了“${fig.unit || fig.baseUnit}”。`,
        why: '单位决定数字的大小，单位错了，页面和排名上的数字就错了。',
        fix: `把单位改为 ${unitChoices(allowed)}${allowed[0] !== '%' ? '（可加 万、亿 等前缀）' : ''}。`,
      });
      return;
    }
    if (fig.base < 0 && !def.negative) {
      problems.push({
        severity: 'error', code: 'metric-negative', ...at(i, 'value'),
        title: '这个指标不能是负数',
        what: `“${def.label}”写成了 ${fig.text}。`,
        fix: '检查是否多写了负号；减少的情况请在正文中说明，并选用允许负数的指标（如较年初增加）。',
      });
      return;
    }
    if (def.range && (fig.base < def.range[0] || fig.base > def.range[1])) {
      problems.push({
        severity: 'warning', code: 'metric-range', ...at(i, 'value'),
        title: '数字超出常见范围',
        what: `“${def.label}”是 ${fig.text}，超出了 ${formatCompact(def.range[0], fig.baseUnit)} 到 ${formatCompact(def.range[1], fig.baseUnit)} 的常见范围。`,
        why: '多半是单位写错了（万元写成亿元、% 写成个数）。',
        fix: '对照正文核对数字和单位；确实如此时可忽略这条提醒。',
      });
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
      text: fig.text,
      value: fig.value,
      unit: fig.unit,
      approx: fig.approx,
      decimals: fig.decimals,
      base: fig.base,
      baseUnit: fig.baseUnit,
      multiplier: fig.multiplier,
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

/**
 * The figure as printed, from value and unit written apart: "120" + "余名" is 120余名, "2万多" + "万户" is 2万多户
 * (the prefix written in both is read once). A `text` field will make this the identity.
 */
function printedText(valueText: string, alone: Figure, unit: string | undefined): string {
  if (!unit || alone.baseUnit !== '') return valueText;
  const u = unit.trim();
  return `${valueText}${alone.unit && u.startsWith(alone.unit) ? u.slice(alone.unit.length) : u}`;
}
