/**
 * Resolves each frontmatter figure: its printed text is read (never rebuilt from parts), its unit checked
 * against the catalog, its key and scope checked against the catalog metric it claims to be, and figures that
 * contradict or repeat each other are reported.
 *
 * Rules (README “什么时候写 key”):
 * - `text` is the figure as printed; everything the site shows is this text.
 * - `key` only when the figure IS that catalog metric for the organisation. A keyed figure may carry a
 *   `scope` only when the catalog metric lists that scope as its own (`scopes` in metrics.yaml): a loan
 *   balance of one segment is not the bank's loan balance.
 * - A figure without a key needs a `label`; its dimension comes from its unit. It is shown, searched and
 *   checked against the body, never totalled, ranked or drawn as a trend.
 * - A range (3至5个) or a change of a rate (2个百分点) is not one number to rank or add: it may not carry the
 *   key of a balance or an amount (stock, flow).
 * - What cannot be is an error (plausibility.ts): a share over 100 %, an amount outside the band of the
 *   organisation's level (a county bank's deposits of 1.2万亿元). What is merely unusual is a warning (range).
 */
import type { ReportMetricInput } from '../../schemas/report.ts';
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { Org } from '../../schemas/org.ts';
import { allowedBaseUnits } from '../catalog.ts';
import type { Catalog, ResolvedMetric } from '../model.ts';
import { figureCaption } from '../figures/index.ts';
import { compactFigureText, figureVocabulary, formatCompact, parseFigure } from '../figures/index.ts';
import type { Problem } from '../problems.ts';
import { quoteList, suggest } from '../suggest.ts';
import { bandFinding, bandMessage, bandOf, breaksLimit, limitMessage, limitOf } from './plausibility.ts';

export interface MetricContext {
  catalog: Catalog;
  file: string;
  /** Position of a metric field: metrics[i].<field>. */
  locate: (i: number, field?: string) => { line: number; column: number } | undefined;
  /** Source text of a scalar, to keep `text: 12.60` as printed and to catch YAML's reading of 1e3. */
  sourceOf: (i: number, field: string) => string | undefined;
  /** Publication day of the report. */
  date: string;
  /** The reporting organisation, when known: its level decides the plausible size of an amount. */
  org?: Org;
}

function unitChoices(base: readonly string[]): string {
  if (base.length === 1 && base[0] === '元') return '元、万元、亿元 或 万亿元';
  return base.join('、');
}

/** A unit to show in an example: money is usually printed in 亿元 or 万元. */
function example(units: readonly string[]): string {
  return units[0] === '元' ? '亿元' : (units[0] ?? '');
}

/** The dimension each base unit belongs to (the catalog refuses a unit in two dimensions). */
function unitOwners(catalog: Catalog): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [dim, d] of Object.entries(catalog.dimensions)) for (const u of d.units) owners.set(u, dim);
  return owners;
}

/** The figure's text as written: a plain YAML number keeps its printed digits (12.60, not 12.6). */
function rawText(m: ReportMetricInput, source: string | undefined): string {
  if (typeof m.text === 'string') return m.text.trim();
  return (source ?? String(m.text)).trim();
}

/** How a metric reads in a message with its own scope: 涉农贷款余额，口径：涉农、涉农贷款. */
function scopedMetricName(def: MetricDefinition): string {
  return def.scopes.length > 0 ? `${def.label}，口径：${def.scopes.join('、')}` : def.label;
}

export function resolveMetrics(inputs: readonly ReportMetricInput[], ctx: MetricContext): { metrics: ResolvedMetric[]; problems: Problem[]; withheld: ResolvedMetric[] } {
  const problems: Problem[] = [];
  const metrics: ResolvedMetric[] = [];
  /** Figures withheld by a limit or band error: their sentence may say why (someone else's figure). */
  const withheld: ResolvedMetric[] = [];
  const names = [...ctx.catalog.byName.keys()];
  const vocab = figureVocabulary(ctx.catalog.baseUnits);
  const owners = unitOwners(ctx.catalog);
  const at = (i: number, field: string) => ({ file: ctx.file, ...ctx.locate(i, field), field: `metrics[${i}].${field}` });

  const lineOf = (i: number) => ctx.locate(i, 'text')?.line;
  inputs.forEach((m, i) => {
    const source = ctx.sourceOf(i, 'text');
    if (typeof m.text === 'number' && source && /^[-+]?(\d[\d_]*)?\.?\d*e[-+]?\d+$|^0[xo]|^0\d/i.test(source)) {
      problems.push({
        severity: 'error', code: 'metric-text-notation', ...at(i, 'text'),
        title: '数字写法容易读错',
        what: `text 写的是 ${source}。`,
        why: '科学计数法、0x/0o 或以 0 开头的写法不是文章印的样子，不同软件读法也不同，发布出去的数字可能和你想的不一样。',
        fix: '照正文印的样子写整个数字，连单位一起，如 text: 216.66亿元。',
      });
      return;
    }
    const text = rawText(m, source);
    const parsed = parseFigure(text, vocab);
    if (!parsed.ok) {
      problems.push({
        severity: 'error', code: 'metric-text', ...at(i, 'text'),
        title: '数字读不出来',
        what: `text 写的是“${text}”：${parsed.reason}。`,
        fix: '照正文印的样子写一个数字，连约数标记和单位，如 text: 216.66亿元、text: 40余亿元、text: 超六成。',
      });
      return;
    }
    const fig = parsed.figure;

    let def: MetricDefinition | undefined;
    if (m.key !== undefined) {
      def = ctx.catalog.byName.get(m.key);
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
            ? `是不是想写 ${quoteList(guesses)}？不是指标目录里的指标时删掉 key，写 label 说明它数的是什么。`
            : '写指标目录 content/metrics.yaml 里的代码或中文名；只是本报告自己的数字时删掉 key，写 label 说明它数的是什么。',
        });
        return;
      }
    } else if (m.label === undefined) {
      problems.push({
        severity: 'error', code: 'metric-label-missing', ...at(i, 'text'),
        title: '没写这个数字数的是什么',
        what: `“${fig.text}”既没有 key，也没有 label。`,
        why: '页面和卡片要在数字旁边写明它数的是什么；不是指标目录里的指标时，只能靠 label。',
        fix: '加一行 label，用文章里的说法，如 label: 累计发放扶贫贷款；它就是指标目录里的某个指标时，写 key。',
      });
      return;
    }
    const name = m.label ?? def!.label;

    if (fig.baseUnit === '') {
      problems.push({
        severity: 'error', code: 'metric-unit-missing', ...at(i, 'text'),
        title: '数字没有单位',
        what: `“${name}”写的是 ${fig.text}，没有单位。`,
        why: '单位决定数字的大小和它数的是什么（元、户、人、%）；没有单位的数字无法显示和核对。',
        fix: def
          ? `照正文把单位一起写进 text（正文是“${fig.text}${example(allowedBaseUnits(ctx.catalog, def.key))}”就写 text: ${fig.text}${example(allowedBaseUnits(ctx.catalog, def.key))}）；可用的单位：${unitChoices(allowedBaseUnits(ctx.catalog, def.key))}。`
          : `照正文把单位一起写进 text（正文是“${fig.text}户”就写 text: ${fig.text}户）。`,
      });
      return;
    }

    if (def && (fig.form === 'range' || (fig.form === 'percentage-points' && def.kind !== 'rate'))) {
      const range = fig.form === 'range';
      problems.push({
        severity: 'error', code: 'metric-form', ...at(i, 'key'),
        title: range ? '区间不能作为指标' : '“个百分点”不能作为这个指标',
        what: range
          ? `“${fig.text}”是一个区间，key 写的是“${def.label}”。`
          : `“${fig.text}”是比率的变化，key 写的是“${def.label}”（${def.kind === 'stock' ? '余额' : '发生额'}）。`,
        why: range
          ? '写了 key 的数字要进排行、合计和趋势，要的是一个数；区间没法排名和相加。'
          : '个百分点是两个比率之差，不是金额或数量，不能和其他机构的这个指标排名或相加。',
        fix: `删掉 key，保留 text: ${fig.text} 并写 label（如 label: ${name}），它作为本报告自己的数字照样显示、检索和核对。`,
      });
      return;
    }

    let dimension: string;
    if (def) {
      const allowed = allowedBaseUnits(ctx.catalog, def.key);
      if (!allowed.includes(fig.baseUnit)) {
        const dim = ctx.catalog.dimensions[def.dimension];
        problems.push({
          severity: 'error', code: 'metric-unit', ...at(i, 'text'),
          title: '单位与指标不符',
          what: `“${def.label}”是${dim?.label ?? def.dimension}，text 的单位是“${fig.unit || fig.baseUnit}”（${fig.text}）。`,
          why: '单位决定数字的大小，单位错了，页面和排名上的数字就错了。',
          fix: `核对正文：单位应为 ${unitChoices(allowed)}${allowed[0] !== '%' ? '（可加 万、亿 等前缀）' : ''}；正文确实是“${fig.unit || fig.baseUnit}”时，这个数字不是“${def.label}”，换成对应的指标或删掉 key。`,
        });
        return;
      }
      dimension = def.dimension;
    } else {
      // The parser reads only catalog units, and each unit belongs to one dimension.
      dimension = owners.get(fig.baseUnit) ?? '';
    }

    if (def && m.scope !== undefined && !def.scopes.includes(m.scope)) {
      // The metric the author probably meant: one whose own scope is what they wrote.
      const fits = ctx.catalog.metrics.filter((d) => d.scopes.includes(m.scope!) && d.dimension === def.dimension);
      const better = fits.find((d) => d.kind === def.kind) ?? fits[0];
      problems.push({
        severity: 'error', code: 'metric-scope', ...at(i, 'scope'),
        title: '写了 key 的数字不能另加口径',
        what: `key 是“${def.label}”，scope 写的是“${m.scope}”。${def.scopes.length > 0 ? `这个指标本身的口径只有：${def.scopes.join('、')}。` : '这个指标是全行口径。'}`,
        why: `写了 key 的数字就是本机构的“${def.label}”，会进排行、合计和趋势；“${m.scope}”口径的数字只是其中一部分，当作全行的数字排名就错了。`,
        fix: better
          ? `改写 key: ${better.key}（${scopedMetricName(better)}）；或者删掉 key，保留 scope 和 label，作为本报告自己的数字显示。`
          : `删掉 key，保留 scope: ${m.scope} 和 label（如 label: ${name}），作为本报告自己的数字显示、检索和核对；需要比较各机构的这类数字时，在 content/metrics.yaml 里新增一个 scopes 含“${m.scope}”的指标。`,
      });
      return;
    }

    if (def && fig.base < 0 && !def.negative) {
      problems.push({
        severity: 'error', code: 'metric-negative', ...at(i, 'text'),
        title: '这个指标不能是负数',
        what: `“${def.label}”写成了 ${fig.text}。`,
        fix: '检查是否多写了负号；减少的情况请在正文中说明，并选用允许负数的指标（如较年初增加）。',
      });
      return;
    }
    // Built before the checks that can withhold it, so the claim check can still read a withheld figure's sentence.
    const resolved = (): ResolvedMetric => ({
      ...(def ? { key: def.key, definition: def } : {}),
      label: name,
      ...(m.scope !== undefined ? { scope: m.scope } : {}),
      dimension,
      text: fig.text,
      form: fig.form,
      value: fig.value,
      unit: fig.unit,
      ...(fig.approx !== undefined ? { approx: fig.approx } : {}),
      decimals: fig.decimals,
      base: fig.base,
      baseUnit: fig.baseUnit,
      multiplier: fig.multiplier,
      interval: fig.interval,
      asOf: m.asOf.day,
      asOfLabel: m.asOf.label,
      ...(m.featured !== undefined ? { featured: m.featured } : {}),
      ...(m.note !== undefined ? { note: m.note } : {}),
      derived: m.derived ?? false,
      ...(m.context ? { context: true } : {}),
      index: i,
      ...(lineOf(i) !== undefined ? { line: lineOf(i)! } : {}),
    });
    const limit = limitOf(ctx.catalog, fig, def, m.label);
    if (limit && breaksLimit(fig, limit.limit)) {
      problems.push({ severity: 'error', code: 'metric-limit', ...at(i, 'text'), ...limitMessage(name, fig, limit, def !== undefined) });
      withheld.push(resolved());
      return;
    }
    // Someone else's figure kept as context is not measured against this organisation's size.
    const band = def && !m.context ? bandFinding(ctx.catalog, def, ctx.org, fig) : undefined;
    if (def && band) {
      problems.push({ severity: 'error', code: 'metric-implausible', ...at(i, 'text'), ...bandMessage(def, fig, ctx.org!, band) });
      withheld.push(resolved());
      return;
    }
    // The level's band, where there is one, says more than the common range for every organisation.
    const banded = def !== undefined && bandOf(ctx.catalog, def, ctx.org) !== undefined;
    if (!banded && def?.range && (fig.base < def.range[0] || fig.base > def.range[1])) {
      problems.push({
        severity: 'warning', code: 'metric-range', ...at(i, 'text'),
        title: '数字超出常见范围',
        what: `“${def.label}”是 ${fig.text}，超出了 ${formatCompact(def.range[0], fig.baseUnit)} 到 ${formatCompact(def.range[1], fig.baseUnit)} 的常见范围。`,
        why: '多半是单位写错了（万元写成亿元、% 写成个数），或者这个数字不是全行的这个指标。',
        fix: '对照正文核对数字和单位；确实如此时可忽略这条提醒。',
      });
    }
    if (m.derived && !m.note) {
      problems.push({
        severity: 'error', code: 'metric-derived-note', ...at(i, 'derived'),
        title: '推算的数字要写明算法',
        what: `“${name}”标了 derived: true，但没有 note。`,
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
    metrics.push(resolved());
  });

  problems.push(...repeatProblems(metrics, ctx));
  return { metrics, problems, withheld };
}

/**
 * Figures that repeat or contradict each other. A report may print any number of figures of one kind and
 * date (ten loan amounts for ten purposes): they are told apart by label and scope. The same figure twice, or
 * one label with two different numbers at one date, cannot both be right.
 */
function repeatProblems(metrics: readonly ResolvedMetric[], ctx: MetricContext): Problem[] {
  const problems: Problem[] = [];
  const at = (m: ResolvedMetric, field: string) => ({ file: ctx.file, ...ctx.locate(m.index, field), field: `metrics[${m.index}].${field}` });
  const same = new Map<string, ResolvedMetric>();
  const byLabel = new Map<string, ResolvedMetric>();
  const byKey = new Map<string, ResolvedMetric>();
  const featured = new Map<number, ResolvedMetric>();
  for (const m of metrics) {
    const id = [m.key ?? '', m.scope ?? '', m.asOf, m.label].join('\u0000');
    const labelId = `${m.label}\u0000${m.scope ?? ''}\u0000${m.asOf}`;
    // The same name, scope and date: the same figure twice, or two figures that cannot both be right.
    const first = same.get(id) ?? byLabel.get(labelId);
    if (first && compactFigureText(first.text) === compactFigureText(m.text)) {
      problems.push({
        severity: 'error', code: 'metric-duplicate', ...at(m, m.key ? 'key' : 'label'),
        title: '同一个数字写了两次',
        what: `“${figureCaption(m)}”截至 ${m.asOfLabel} 的 ${m.text} 在 metrics[${first.index}] 和 metrics[${m.index}] 都出现了。`,
        why: '页面和卡片上会出现两个一样的数字。',
        fix: '删掉重复的一项；如果正文确实说了两个不同的数字，用 label 或 scope 写明各自数的是什么（如 label: 投放个人经营贷款、scope: 近3年）。',
      });
      continue;
    }
    if (first) {
      problems.push({
        severity: 'error', code: 'metric-conflict', ...at(m, 'text'),
        title: '同一名称同一截至日期有两个不同的数字',
        what: `“${figureCaption(m)}”截至 ${m.asOfLabel}：metrics[${first.index}] 写的是“${first.text}”，metrics[${m.index}] 写的是“${m.text}”。`,
        why: '页面上会出现两个同名的数字，读者无从判断哪个对；两个都写了 key 时，排行也不知道该用哪个。',
        fix: '对照正文：是同一个数字就删掉抄错的一项；是两个不同的数字，就用 label 或 scope 写明各自数的是什么（如 scope: 3月初）。',
      });
      continue;
    }
    same.set(id, m);
    if (!byLabel.has(labelId)) byLabel.set(labelId, m);
    if (m.key) {
      const keyId = `${m.key}\u0000${m.asOf}`;
      const other = byKey.get(keyId);
      if (other) {
        problems.push({
          severity: 'warning', code: 'metric-same-key', ...at(m, 'key'),
          title: '同一指标同一截至日期有两个数字',
          what: `key 都是“${m.definition!.label}”、截至 ${m.asOfLabel}：metrics[${other.index}]“${figureCaption(other)} ${other.text}”和 metrics[${m.index}]“${figureCaption(m)} ${m.text}”。排行、合计和趋势只用前一个。`,
          why: '写了 key 的数字就是本机构的这个指标，一个机构同一天只有一个；多出来的多半是某个业务、产品或时段的数字。',
          fix: '只给说全行整体的那个数字写 key；其他的删掉 key（保留 label，需要时加 scope），作为本报告自己的数字显示。',
        });
      } else byKey.set(keyId, m);
    }
    if (m.featured !== undefined) {
      const other = featured.get(m.featured);
      if (other) {
        problems.push({
          severity: 'error', code: 'metric-featured-duplicate', ...at(m, 'featured'),
          title: 'featured 的顺序号重复',
          what: `metrics[${other.index}]（${other.text}）和 metrics[${m.index}]（${m.text}）都写了 featured: ${m.featured}。`,
          why: 'featured 决定卡片、海报和列表上领先显示的数字的先后，同一个位置只能放一个数字。',
          fix: `给它们不同的顺序号，如 featured: ${m.featured} 和 featured: ${Math.max(...metrics.map((x) => x.featured ?? 0)) + 1}。`,
        });
      } else featured.set(m.featured, m);
    }
  }
  return problems;
}
