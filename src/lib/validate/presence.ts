/**
 * Every figure in the frontmatter must be findable in the text: a reader who sees 216.66亿元 on a card must
 * be able to find it in the report. The match tolerates how figures are printed (spaces from PDF text,
 * full-width digits, thousands separators, 1.2亿元 written as 12000万元) but not a different value or a
 * dropped 余/超, which changes what the bank claims.
 */
import type { ResolvedMetric } from '../model.ts';
import { APPROX_MARKERS, extractFigures, formatFigure, type FoundFigure } from '../numbers.ts';
import type { Problem } from '../problems.ts';

export interface PresenceContext {
  file: string;
  baseUnits: readonly string[];
  locate: (m: ResolvedMetric) => { line: number; column: number; field: string } | undefined;
}

/** `<Figure metric="deposit_balance" />` in an MDX body prints the validated figure itself. */
const FIGURE_COMPONENT = /<Figure\b[^>]*\bmetric\s*=\s*["']([\w-]+)["'][^>]*>/g;

function sameValue(m: ResolvedMetric, f: FoundFigure): boolean {
  if (f.base === m.base) return true;
  const scale = Math.max(Math.abs(m.base), Math.abs(f.base), 1);
  return Math.abs(f.base - m.base) <= scale * 1e-12;
}

function unitMatches(m: ResolvedMetric, f: FoundFigure): boolean {
  if (f.baseUnit === m.baseUnit) return true;
  // "2万多农户", "120余名学生": a count word follows the number; accept the metric's unit character in it.
  if (f.baseUnit === '' && m.baseUnit !== '元' && m.baseUnit !== '%') {
    return f.context.slice(0, 4).includes(m.baseUnit);
  }
  return false;
}

function kind(approx: string | undefined): string | undefined {
  return approx ? APPROX_MARKERS[approx] : undefined;
}

function show(f: { value: number; unit: string; approx?: string; decimals?: number }): string {
  return formatFigure(f);
}

export function checkPresence(metrics: readonly ResolvedMetric[], body: string, ctx: PresenceContext): Problem[] {
  const problems: Problem[] = [];
  const found = extractFigures(body, { baseUnits: ctx.baseUnits });
  const components = new Set([...body.matchAll(FIGURE_COMPONENT)].map((m) => m[1]));
  for (const m of metrics) {
    if (m.derived || components.has(m.key)) continue;
    const loc = ctx.locate(m) ?? {};
    const printed = show(m);
    const hits = found.filter((f) => sameValue(m, f) && unitMatches(m, f));
    if (hits.length > 0) {
      if (hits.some((f) => kind(f.approx) === kind(m.approx))) continue;
      const h = hits[0]!;
      problems.push({
        severity: 'error', code: 'presence-approx', file: ctx.file, ...loc,
        title: '约数标记与正文不一致',
        what: m.approx
          ? `这里写的是“${printed}”，正文里是“${h.raw}”。`
          : `正文里是“${h.raw}”（约数），这里写成了确数“${printed}”。`,
        why: '“余”“超”“近”等字改变数字的含义：120余名不是120名。',
        fix: h.approx ? `加上 approx: ${h.approx}，与正文一致。` : '删掉 approx，或先改正文。',
      });
      continue;
    }
    // Say what the text does have, so the author sees at once whether the value or the unit is off.
    const sameDigits = found.filter((f) => f.value === m.value && f.baseUnit !== '' && !unitMatches(m, f));
    const sameUnit = found
      .filter((f) => unitMatches(m, f) && f.base !== 0)
      .sort((a, b) => Math.abs(Math.log(a.base / m.base)) - Math.abs(Math.log(b.base / m.base)))
      .slice(0, 3);
    let what = `“${m.label}”写的是 ${printed}，正文里找不到这个数字。`;
    let fix = '把数字改成与正文一致；如果正文漏写了，请在正文补上；确实是推算的数字，加 derived: true 和 note 说明算法。';
    if (sameDigits.length > 0) {
      what += `正文里有“${sameDigits[0]!.raw}”，单位不同。`;
      fix = `核对单位：正文是“${sameDigits[0]!.raw}”，这里单位是“${m.unit}”。`;
    } else if (sameUnit.length > 0) {
      what += `正文里同单位的数字有：${sameUnit.map((f) => `“${f.raw}”`).join('、')}。`;
    }
    problems.push({
      severity: 'error', code: 'presence-missing', file: ctx.file, ...loc,
      title: '数字在正文中找不到',
      what,
      why: '网站和分享卡片上的每个数字，读者都要能在报告正文里找到出处。',
      fix,
    });
  }
  return problems;
}
