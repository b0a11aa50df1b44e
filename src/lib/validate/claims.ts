/**
 * Each figure checked as the claim its sentence makes (src/lib/figures/claims.ts reads it): a figure of someone
 * else is not the bank's; a keyed figure is the metric its sentence names, at the date the sentence gives, for the
 * whole bank unless a scope says otherwise; a plan is not an achievement; a per-unit rule is not a total; a part
 * (其中) is not larger than its whole.
 *
 * Where a report prints the same figure twice (3.93亿元 as the loan increase and as the deposit increase), the
 * printing whose sentence claims what the frontmatter says is the figure's source; the check records which
 * (`printing`), and the source links follow it.
 */
import type { Catalog, ResolvedMetric } from '../model.ts';
import type { MetricDefinition } from '../../schemas/catalog.ts';
import {
  CUMULATIVE, MEASURE_WORDS, NOT_IN_NAME, PERIOD_SCOPE, PER_UNIT_WORDS, TOPIC_WORDS, WITHIN_YEAR,
} from '../figures/claim-words.ts';
import {
  figureCaption, figureVocabulary, findFigures, measuresAgree, metricWords, printingsOf, readClaims,
  type Claim, type ClaimOrg, type FoundFigure,
} from '../figures/index.ts';
import type { Problem } from '../problems.ts';
import type { Org } from '../../schemas/org.ts';
import type { ReportMetricInput } from '../../schemas/report.ts';
import { resolveMetrics } from './metrics.ts';

export interface ClaimCheckContext {
  file: string;
  catalog: Catalog;
  /** The reporting organisation, when the registry knows it. */
  org?: ClaimOrg;
  /** Publication day. */
  date: string;
  locate: (m: ResolvedMetric, field?: string) => { line?: number; column?: number; field: string };
  /** The figures of the text, when the caller has found them already (the presence check reads the same ones). */
  found?: readonly FoundFigure[];
}

export interface ClaimCheck {
  problems: Problem[];
  /** metrics[index] → the printing chosen as its source (omitted for the first). */
  printings: Map<number, number>;
  /** metrics[index] → the claim of its source, for the messages of other checks and the importer's tests. */
  claims: Map<number, Claim>;
}

const PLAN_LABEL = /计划|目标|力争|预计|规划|拟/;
const quote = (s: string, max = 60) => {
  const t = s.replace(/\s+/g, '');
  return t.length > max ? `${t.slice(0, max)}……` : t;
};
const VIA: Record<string, string> = {
  clause: '',
  sentence: '（同一句前面说的）',
  antecedent: '（前文说的，这句话没有另说）',
  default: '',
};

export function checkClaims(metrics: readonly ResolvedMetric[], text: string, ctx: ClaimCheckContext): ClaimCheck {
  const found = ctx.found ?? findFigures(text, figureVocabulary(ctx.catalog.baseUnits));
  const claims = readClaims(text, found, { ...(ctx.org ? { org: ctx.org } : {}), metrics: ctx.catalog.metrics, pub: ctx.date });
  const claimOf = new Map<FoundFigure, Claim>(found.map((f, i) => [f, claims[i]!]));
  const out: ClaimCheck = { problems: [], printings: new Map(), claims: new Map() };

  for (const m of metrics) {
    if (m.derived) continue;
    const printings = printingsOf(found, m);
    if (printings.length === 0) continue;
    // The first printing whose sentence claims what the frontmatter says; else the first, and its problems.
    let chosen = 0;
    let problems = judge(m, claimOf.get(printings[0]!)!, text, ctx);
    for (let i = 1; i < printings.length && problems.some((p) => p.severity === 'error'); i++) {
      const next = judge(m, claimOf.get(printings[i]!)!, text, ctx);
      if (!next.some((p) => p.severity === 'error')) {
        chosen = i;
        problems = next;
      }
    }
    if (chosen > 0) out.printings.set(m.index, chosen);
    out.claims.set(m.index, claimOf.get(printings[chosen]!)!);
    out.problems.push(...problems);
  }
  out.problems.push(...partProblems(metrics, found, claimOf, out, ctx));
  return out;
}

/**
 * What the check would say of one figure proposed for a report (the importer's draft entry) that `c` is the claim
 * of: the entry resolved as the check resolves frontmatter, then judged against that claim. The importer writes a
 * key only where this finds no error, so a draft never carries a key the check refuses.
 */
export function judgeProposed(input: ReportMetricInput, c: Claim, text: string, ctx: { catalog: Catalog; date: string; org?: Org }): Problem[] {
  const resolved = resolveMetrics([input], {
    catalog: ctx.catalog, file: '', date: ctx.date, ...(ctx.org ? { org: ctx.org } : {}), locate: () => undefined, sourceOf: () => undefined,
  });
  const m = resolved.metrics[0] ?? resolved.withheld[0];
  if (!m) return resolved.problems;
  return [...resolved.problems, ...judge(m, c, text, { file: '', catalog: ctx.catalog, date: ctx.date, locate: (_m, field = 'text') => ({ field }) })];
}

/** Everything wrong with reading `m` as the claim `c` makes. */
function judge(m: ResolvedMetric, c: Claim, text: string, ctx: ClaimCheckContext): Problem[] {
  const problems: Problem[] = [];
  const at = (field: string) => ({ file: ctx.file, ...ctx.locate(m, field) });
  const sentence = quote(text.slice(c.sentence.start, c.sentence.end));
  const name = figureCaption(m);
  const def = m.definition;

  if (m.context && (m.key || m.featured !== undefined)) {
    problems.push({
      severity: 'error', code: 'claim-context-key', ...at(m.key ? 'key' : 'featured'),
      title: '背景数字不能写 key 或 featured',
      what: `“${name} ${m.text}”标了 context: true（别处的数字），又写了 ${m.key ? `key: ${m.key}` : `featured: ${m.featured}`}。`,
      why: '写了 key 的数字进排行、合计和趋势，featured 的数字领先显示在卡片上：它们都当作本机构的成绩。别处的数字只能作为背景出现在报告页。',
      fix: `删掉 ${m.key ? 'key' : 'featured'}，保留 context: true 和写明是谁的数字的 label；它确实是本机构的数字时删掉 context。`,
    });
    return problems;
  }

  if (c.plan && !(m.label && PLAN_LABEL.test(m.label) && !m.key)) {
    problems.push({
      severity: 'error', code: 'claim-plan', ...at(m.key ? 'key' : 'text'),
      title: '这是计划或目标，不是已经做到的数字',
      what: `正文里“${m.text}”所在的句子是：“${sentence}”——“${c.plan}”说明它是计划或目标。`,
      why: '网站、卡片和排行上的数字都当作已经做到的成绩；把目标当成绩发布，等于替机构许下没兑现的数。',
      fix: m.key
        ? `从 metrics 里删掉这一项；要展示这个目标，删掉 key，写 label 写明是目标（如 label: 计划${def?.label ?? '投放贷款'}目标），asOf 写发布日期。`
        : `从 metrics 里删掉这一项；要展示这个目标，把 label 写明是目标（如 label: 计划新增贷款），asOf 写发布日期。`,
    });
    return problems;
  }

  if (c.subject.kind === 'other' && !m.context) {
    problems.push({
      severity: 'error', code: 'claim-subject-other', ...at(m.key ? 'key' : 'text'),
      title: '这个数字说的是别处，不是本机构的',
      what: `正文里“${m.text}”所在的句子是：“${sentence}”。这句话说的是“${c.subject.words ?? '别处'}”${VIA[c.subject.via]}的数字${m.key ? `，这里却写成了本机构的“${def?.label ?? m.key}”` : ''}。`,
      why: '全国、全省、人民银行、银行业、合作企业、地方的数字不是本机构的成绩；写进 metrics 就会作为本机构的数字显示在卡片、列表、排行和合计里。',
      fix: m.key
        ? '别处的数字不写进 metrics，删掉这一项；要在报告页作为背景列出，删掉 key 和 featured，加 context: true，label 写明是谁的（如 label: 全国普惠小微贷款余额）。'
        : '别处的数字不写进 metrics，删掉这一项；要在报告页作为背景列出，加一行 context: true，并让 label 写明是谁的（如 label: 全省农商银行各项存款余额）。',
    });
    return problems;
  }
  if (m.context) return problems;

  if (c.perUnit) {
    const labelSays = [m.label, m.scope].some((s) => s && PER_UNIT_WORDS.test(s));
    if (m.key || !labelSays) {
      problems.push({
        severity: 'error', code: 'claim-per-unit', ...at(m.key ? 'key' : 'label'),
        title: '这是按单位计的数字或规则，不是总数',
        what: `正文里“${m.text}”所在的句子是：“${sentence}”——“${c.perUnit}”说明它是每个单位的数、平均数或一条规则。`,
        why: m.key
          ? `写了 key 的数字就是本机构的“${def?.label ?? m.key}”总数，会进排行和合计；每户、户均、至少多少这样的数不能和总数比较或相加。`
          : '页面和卡片上只显示 label 和数字；label 不说明是“每……”的数，读者会当成总数。',
        fix: m.key
          ? `删掉 key，写 label 说明它是每个单位的数（如 label: 每户最高授信、label: ${c.perUnit === '每' ? '每个乡镇对接企业' : `${c.perUnit}贷款`}）。`
          : `把 label 写成正文的说法，带上“${c.perUnit}”（如 label: 每个乡镇对接企业）。`,
      });
      return problems;
    }
  }

  if (def) problems.push(...metricProblems(m, def, c, text, sentence, ctx, at));
  else problems.push(...labelProblems(m, c, sentence, at));
  problems.push(...dateProblems(m, c, sentence, ctx, at));
  if (def) problems.push(...scopeProblems(m, def, c, sentence, ctx, at));
  return problems;
}

type At = (field: string) => Pick<Problem, 'file' | 'line' | 'column' | 'field'>;

/** A catalog metric that fits what the sentence says: its topic and measure, in the figure's dimension. */
function metricFor(catalog: Catalog, c: Claim, dimension: string): MetricDefinition | undefined {
  if (!c.topic) return c.named?.definition.dimension === dimension ? c.named.definition : undefined;
  const fits = catalog.metrics.filter((d) => {
    if (d.dimension !== dimension) return false;
    const w = metricWords(d);
    return w.topic === c.topic!.topic && (!c.measure || !w.measure || measuresAgree(c.measure.measure, w.measure));
  });
  return fits.find((d) => c.measure && metricWords(d).measure === c.measure.measure) ?? fits[0];
}

/** Two-character words of a metric's names that tell it from others (乡镇 of 联建覆盖乡镇, not 人数). */
function distinctiveWords(def: MetricDefinition): string[] {
  const out = new Set<string>();
  for (const n of [def.label, ...def.aliases]) {
    for (let i = 0; i + 2 <= n.length; i++) {
      const w = n.slice(i, i + 2);
      if (/^[\u4e00-\u9fff]{2}$/.test(w) && !COMMON_WORDS.has(w)) out.add(w);
    }
  }
  return [...out];
}
const COMMON_WORDS = new Set(['金额', '余额', '人数', '户数', '次数', '笔数', '数量', '个数', '总数', '人员', '活动', '服务', '开展', '参与', '覆盖']);

function metricProblems(m: ResolvedMetric, def: MetricDefinition, c: Claim, text: string, sentence: string, ctx: ClaimCheckContext, at: At): Problem[] {
  const own = metricWords(def);
  const clause = text.slice(c.clause.start, c.clause.end);
  const sentenceBefore = text.slice(c.sentence.start, c.figure.start);
  // Topic words name money: a count of households (贷款户数) is read by its own words below.
  const byTopic = own.topic !== undefined && (def.dimension === 'money' || def.dimension === 'percent');
  // A bare 贷款 after the sentence named 普惠小微贷款 speaks of those (…余额412.6亿元，贷款户数2.3万户).
  const generic = c.topic && (c.topic.topic === '贷款' || c.topic.topic === '存款') && own.topic && own.topic.includes(c.topic.topic) && TOPIC_WORDS.find((t) => t.topic === own.topic)!.words.some((w) => sentenceBefore.includes(w));
  let says: string | undefined;
  if (byTopic && c.topic && c.topic.topic !== own.topic && !generic && !(c.segment && own.topic === '贷款')) says = c.topic.words;
  else if (byTopic && c.measure?.via === 'clause' && own.measure && !measuresAgree(c.measure.measure, own.measure) && (generic || (c.topic?.topic ?? own.topic) === own.topic)) says = `${c.topic?.words ?? ''}${c.measure.words}`;
  else if (!distinctiveWords(def).some((w) => clause.includes(w))) {
    // The clause prints another metric's name (涉及金额, 培训教育) and nothing of this one's.
    const other = c.named && c.named.definition.key !== def.key && c.named.definition.dimension === def.dimension
      ? c.named.definition
      : byTopic ? undefined : closestByWords(ctx.catalog, def, nounBefore(text, c));
    if (other) says = c.named?.definition === other ? c.named.words : other.label;
  }
  if (!says) return [];
  const other = metricFor(ctx.catalog, c, def.dimension) ?? (c.named && c.named.definition.key !== def.key ? c.named.definition : undefined)
    ?? closestByWords(ctx.catalog, def, nounBefore(text, c));
  const better = other && other.key !== def.key ? other : undefined;
  return [{
    severity: 'error', code: 'claim-metric-other', ...at('key'),
    title: '句子说的是另一个指标',
    what: `key 写的是“${def.label}”（${def.key}），正文里“${m.text}”所在的句子是：“${sentence}”——它说的是“${says}”。`,
    why: '写了 key 的数字会作为本机构的这个指标进排行、合计和趋势；把别的指标的数字记成它，排行和趋势就错了。正文里同一个数字也可能恰好出现在说别的指标的句子里。',
    fix: better
      ? `核对正文：这个数字是“${better.label}”就改写 key: ${better.key}；正文另有说“${def.label}”的数字，就照那句话写 text。`
      : `核对正文：找到说“${def.label}”的那句话，照它写 text；这个数字不是目录里的指标时删掉 key，写 label: ${says}${c.scopes.length ? `，scope: ${c.scopes[0]!.words}` : ''}。`,
  }];
}

/** The words right before the figure in its clause: what a writer puts there is what the figure counts. */
function nounBefore(text: string, c: Claim): string {
  return text.slice(c.clause.start, c.figure.start).slice(-8);
}

/**
 * Another metric of the same dimension that the words before the figure name plainly (培训教育群众 → 培训教育人数):
 * two of its own words at least, so that one shared word (党员) does not decide it.
 */
function closestByWords(catalog: Catalog, def: MetricDefinition, words: string): MetricDefinition | undefined {
  let best: { d: MetricDefinition; n: number } | undefined;
  for (const d of catalog.metrics) {
    if (d.key === def.key || d.dimension !== def.dimension) continue;
    const n = distinctiveWords(d).filter((w) => words.includes(w)).length;
    if (n >= 2 && (!best || n > best.n)) best = { d, n };
  }
  return best?.d;
}

/** The measure word a label ends with nearest (发放普惠贷款 → 发放). */
function lastMeasure(label: string): { measure: string; words: string } | undefined {
  let best: { measure: string; words: string; end: number } | undefined;
  for (const e of MEASURE_WORDS) {
    for (const w of e.words) {
      const at = label.lastIndexOf(w);
      if (at >= 0 && (!best || at + w.length > best.end)) best = { measure: e.measure, words: w, end: at + w.length };
    }
  }
  return best;
}

function topicFamily(topic: string): string {
  return topic.includes('存款') ? '存款' : '贷款';
}

function labelProblems(m: ResolvedMetric, c: Claim, sentence: string, at: At): Problem[] {
  if (!m.label) return [];
  const mine = TOPIC_WORDS.map((t) => ({ t, w: t.words.find((w) => m.label!.includes(w)) })).find((x) => x.w);
  let says: string | undefined;
  if (mine && c.topic) {
    const a = mine.t.topic;
    const b = c.topic.topic;
    if (topicFamily(a) !== topicFamily(b) || (a !== b && a !== '贷款' && a !== '存款' && b !== '贷款' && b !== '存款')) says = c.topic.words;
  }
  // 发放普惠贷款 on a sentence that prints the balance; 清收 on the amount sued for (起诉……涉及金额).
  const measure = lastMeasure(m.label);
  if (!says && measure && c.measure && !measuresAgree(measure.measure, c.measure.measure) && !(measure.measure === '增加' || c.measure.measure === '增加')) says = `${c.topic?.words ?? ''}${c.measure.words}`;
  if (!says) return [];
  const w = mine?.w ?? measure?.words ?? m.label;
  return [{
    severity: 'warning', code: 'claim-label-other', ...at('label'),
    title: 'label 和句子说的不是一回事',
    what: `label 写的是“${m.label}”，正文里“${m.text}”所在的句子是：“${sentence}”——它说的是“${says}”。`,
    why: '页面和卡片在数字旁边显示 label；label 说的和正文不同，读者就被误导了。',
    fix: `照正文改写 label（如 label: ${says}）；正文另有说“${w}”的数字时，照那句话写 text。`,
  }];
}

const yearOfDay = (d: string) => Number(d.slice(0, 4));
const monthEndOf = (d: string) => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

function dateProblems(m: ResolvedMetric, c: Claim, sentence: string, ctx: ClaimCheckContext, at: At): Problem[] {
  const d = c.date;
  const asOfYear = yearOfDay(m.asOf);
  // A year that only opens a scope (2019年以来, 近3年) is never the figure's date.
  const since = d?.kind === 'since' ? d.sinceYear : undefined;
  const scopeYear = since ?? (() => {
    const p = PERIOD_SCOPE.exec(sentence);
    const y = p && /(\d{4})/.exec(p[0]);
    return y ? Number(y[1]) : undefined;
  })();
  const pubYear = yearOfDay(ctx.date);
  // A figure that adds up since a year runs to the report's time: its asOf is never the first year, nor years back.
  const sinceWords = d?.kind === 'since' ? d.words : c.scopes.find((x) => x.kind === 'period')?.words;
  const range = c.ranges?.find((x) => x.from && asOfYear === yearOfDay(x.from));
  if ((scopeYear !== undefined && scopeYear < pubYear && asOfYear === scopeYear) || (sinceWords && asOfYear < pubYear - 1) || range) {
    const words = range?.words ?? sinceWords ?? PERIOD_SCOPE.exec(sentence)![0];
    return [{
      severity: 'error', code: 'claim-asof-scope', ...at('asOf'),
      title: '截至日期写成了口径的起点',
      what: `asOf 写的是 ${m.asOfLabel}，正文里“${m.text}”所在的句子是：“${sentence}”——“${words}”说的是从那时起累计，数字截至的是报告时点。`,
      why: '截至日期是数字所说的那一天；“2019年以来”“近3年”是这个数字的口径，不是它的日期。按起点的年份排进趋势，数字就出现在错误的年份。',
      fix: `asOf 写数字截至的日期（正文没说时写发布日期 ${ctx.date}）；把“${words.replace(/^自/, '')}”写进 scope（不写 key），如 scope: ${words.replace(/^自/, '')}。`,
    }];
  }
  if (!d) return [];
  if (d.via === 'antecedent' && !(m.definition?.kind === 'stock' || c.measure?.measure === '余额')) return [];
  let fits = true;
  if (d.kind === 'point' && d.from && d.to) {
    // A period's figure is as of its end (前4个月 → 4月末); a day's event may be counted to its month's end
    // (5月20日 in a figure as of 5月末), a 截至 day is that day.
    const day = d.from === d.to && !/^截[至止]/.test(d.words);
    fits = d.loose ? m.asOf >= d.from && m.asOf <= d.to : day ? m.asOf >= d.from && m.asOf <= monthEndOf(d.to) : m.asOf === d.to;
  } else if (d.kind === 'now' && d.from) fits = m.asOf >= d.from;
  if (fits) return [];
  return [{
    severity: 'error', code: 'claim-asof', ...at('asOf'),
    title: '截至日期与正文不符',
    what: `asOf 写的是 ${m.asOfLabel}（${m.asOf}），正文里“${m.text}”所在的句子是：“${sentence}”——“${d.words}”${d.via === 'antecedent' ? '（前文给出的时间）' : ''}是 ${d.from === d.to ? d.to : `${d.from} 到 ${d.to}`}。`,
    why: '截至日期决定数字在排行、趋势和各报告之间的核对里算在哪一天；日期错了，同一个数字就会和别的时点的数字放在一起比较。',
    fix: `照正文写 asOf: ${d.asOf ?? d.to}。`,
  }];
}

/** Words a metric's own names already say (累计发放扶贫贷款): not a narrower scope of it. */
function ownWords(def: MetricDefinition, words: string): boolean {
  return [def.label, ...def.aliases, ...def.scopes].some((n) => n.includes(words) || words.includes(n));
}

function scopeProblems(m: ResolvedMetric, def: MetricDefinition, c: Claim, sentence: string, ctx: ClaimCheckContext, at: At): Problem[] {
  if (m.scope !== undefined && !def.scopes.includes(m.scope)) return [];
  const found: { words: string; where: string }[] = c.scopes
    .filter((s) => !(s.kind === 'segment' && metricWords(def).topic !== '贷款'))
    .filter((s) => !ownWords(def, s.words))
    .map((s) => ({ words: s.words, where: 'sentence' }));
  if (m.label && m.label !== def.label) {
    const label = m.label;
    const branch = /[\u4e00-\u9fff]{1,6}?(?:支行|分行|网点|营业部|分理处)/.exec(label);
    if (branch && NOT_IN_NAME.test(branch[0])) branch.length = 0;
    const period = PERIOD_SCOPE.exec(label);
    const cumulative = CUMULATIVE.test(label) && !WITHIN_YEAR.test(label) ? CUMULATIVE.exec(label)![0] : undefined;
    const quoted = /“([^”]+)”/.exec(label);
    for (const w of [branch?.[0] ?? undefined, period?.[0], cumulative, quoted?.[1]]) if (w && !ownWords(def, w)) found.push({ words: w, where: 'label' });
  }
  if (found.length === 0) return [];
  const first = found[0]!;
  const sub = ctx.catalog.metrics.find((d) => d.scopes.includes(first.words) && d.dimension === def.dimension && d.kind === def.kind);
  return [{
    severity: 'error', code: 'claim-scope-missing', ...at('key'),
    title: '口径比全行窄，却写成了全行的指标',
    what: first.where === 'label'
      ? `key 是“${def.label}”（全行口径），label 写的是“${m.label}”——“${first.words}”是比全行窄的口径。`
      : `key 是“${def.label}”（全行口径），正文里“${m.text}”所在的句子是：“${sentence}”——“${first.words}”是比全行窄的口径（某个支行、产品、项目、业务或时段）。`,
    why: '写了 key 的数字就是本机构整体的这个指标，会进排行、首页合计和变化趋势；一个支行、产品、项目或一段时期的数字只是其中一部分，当作全行的数字比较就错了。',
    fix: sub
      ? `改写 key: ${sub.key}（${sub.label}）；或者删掉 key，写 scope: ${first.words} 和 label，作为本报告自己的数字显示。`
      : `删掉 key，写 scope: ${first.words}，label 用正文的说法（如 label: ${m.label ?? def.label}）；它照样显示在报告页和卡片上，但不进排行、合计和趋势。`,
  }];
}

/** 其中: a part larger than the whole the same sentence gives for it. */
function partProblems(
  metrics: readonly ResolvedMetric[], found: readonly FoundFigure[], claimOf: Map<FoundFigure, Claim>, out: ClaimCheck, ctx: ClaimCheckContext,
): Problem[] {
  const problems: Problem[] = [];
  const sourceOf = new Map<FoundFigure, ResolvedMetric>();
  for (const m of metrics) {
    if (m.derived || m.context) continue;
    const f = printingsOf(found, m)[out.printings.get(m.index) ?? 0];
    if (f) sourceOf.set(f, m);
  }
  for (const part of found) {
    const c = claimOf.get(part)!;
    const whole = c.whole;
    if (!whole || part.interval[0] <= whole.interval[1] * (1 + 1e-9)) continue;
    const m = sourceOf.get(part) ?? sourceOf.get(whole);
    if (!m) continue;
    problems.push({
      severity: 'error', code: 'claim-part-exceeds-whole', file: ctx.file, ...ctx.locate(m, 'text'),
      title: '“其中”的部分大于整体',
      what: `正文说“${whole.text}”，其中“${part.text}”——部分比整体还大。`,
      why: '“其中”后面的数是前面那个数的一部分，不可能更大；多半是抄错了数字或单位。',
      fix: `对照原稿核对“${whole.text}”和“${part.text}”，改正正文和 metrics 里抄错的那一个。`,
    });
  }
  return problems;
}
