/**
 * Every figure in the frontmatter must be in the text as the article prints it: a reader who sees 40余亿元 on a
 * card must find 40余亿元 in the report. Only what page layout and typing change is tolerated: spaces and a line
 * break inside the figure, full-width digits, thousands separators, and a count word after the number (2万多农户
 * for 2万多户). A different marker (余 for 多), a marker moved (14万余元 for 14余万元), other decimals (12.6 for
 * 12.60) or a rewritten unit (12000万元 for 1.2亿元) is a different printed figure: the site shows the frontmatter
 * text, so it must be the article's.
 */
import type { ResolvedMetric } from '../model.ts';
import { figureCaption } from '../figures/index.ts';
import {
  compactFigureText, figureVocabulary, findFigures, parseFigure, type FoundFigure,
} from '../figures/index.ts';
import { printingOf, readAsMetric } from '../figures/index.ts';
import type { Problem } from '../problems.ts';

export interface PresenceContext {
  file: string;
  /** The catalog's base units (`catalog.baseUnits`). */
  baseUnits: readonly string[];
  locate: (m: ResolvedMetric) => { line: number; column: number; field: string } | undefined;
  /** The figures of `plainBody`, when the caller has found them already (the claim check reads the same ones). */
  found?: readonly FoundFigure[];
}

function sameAmount(m: ResolvedMetric, f: FoundFigure): boolean {
  return f.base === m.base || Math.abs(f.base - m.base) <= Math.max(Math.abs(m.base), 1) * 1e-12;
}

/**
 * `plainBody` is the report's text as readers see it: for MDX, with `<Figure>` components already replaced by
 * the figures they print.
 */
export function checkPresence(metrics: readonly ResolvedMetric[], plainBody: string, ctx: PresenceContext): Problem[] {
  const vocab = figureVocabulary(ctx.baseUnits);
  const problems: Problem[] = [];
  const found = ctx.found ?? findFigures(plainBody, vocab);
  for (const m of metrics) {
    if (m.derived) continue;
    const loc = ctx.locate(m) ?? {};
    // The rule is figure-printing.ts's, shared with the source links, which find the same printing.
    if (printingOf(found, m)) continue;
    const read = found.map((f) => ({ f, ...readAsMetric(f, m) }));

    // The same amount in the same unit, printed otherwise: say exactly what the text has. A printing that
    // differs only in form (12.6 for 12.60) comes first; otherwise the marker differs, in word or in place.
    const own = parseFigure(m.text, vocab);
    const position = own.ok ? own.figure.approxPosition : undefined;
    const same = read.filter((r) => r.baseUnit === m.baseUnit && sameAmount(m, r.f)).map((r) => r.f);
    const markerDiffers = (f: FoundFigure) => (f.approx ?? '') !== (m.approx ?? '') || f.approxPosition !== position;
    const formOnly = same.find((f) => !markerDiffers(f));
    const marker = same.find(markerDiffers);
    if (formOnly) problems.push(formProblem(m, formOnly, ctx.file, loc));
    else if (marker) problems.push(approxProblem(m, marker, ctx.file, loc));
    else problems.push(missingProblem(m, found, ctx.file, loc));
  }
  return problems;
}

type Location = { line?: number; column?: number; field?: string };

function approxProblem(m: ResolvedMetric, f: FoundFigure, file: string, loc: Location): Problem {
  const body = compactFigureText(f.text);
  const what = !m.approx
    ? `正文里是“${body}”（约数），这里写成了确数“${m.text}”。`
    : !f.approx
      ? `这里写的是约数“${m.text}”，正文里是确数“${body}”。`
      : `这里写的是“${m.text}”，正文里是“${body}”。`;
  return {
    severity: 'error', code: 'presence-approx', file, ...loc,
    title: '约数标记与正文不一致',
    what,
    why: '“余”“多”“超”“近”等字和它们的位置改变数字的含义：120余名不是120名，40余亿元（40亿到50亿）不是40亿余元（40亿出头）。网站照 text 显示，它必须是正文印的样子。',
    fix: `照正文写：text: ${body}。`,
  };
}

function formProblem(m: ResolvedMetric, f: FoundFigure, file: string, loc: Location): Problem {
  const body = compactFigureText(f.text);
  return {
    severity: 'error', code: 'presence-form', file, ...loc,
    title: '数字的写法与正文不同',
    what: `这里写的是“${m.text}”，正文里印的是“${body}”。`,
    why: '网站和分享卡片照正文印的样子显示数字；换算单位、增减小数位，读者就对不上原文，数字的精度也变了。',
    fix: `照正文写：text: ${body}。`,
  };
}

function missingProblem(m: ResolvedMetric, found: readonly FoundFigure[], file: string, loc: Location): Problem {
  // Say what the text does have, so the author sees at once whether the value or the unit is off.
  const sameDigits = found.filter((f) => f.value === m.value && f.baseUnit !== '' && f.baseUnit !== m.baseUnit);
  const sameUnit = found
    .filter((f) => f.baseUnit === m.baseUnit && f.base !== 0 && m.base !== 0)
    .sort((a, b) => Math.abs(Math.log(a.base / m.base)) - Math.abs(Math.log(b.base / m.base)))
    .slice(0, 3);
  let what = `“${figureCaption(m)}”写的是 ${m.text}，正文里找不到这个数字。`;
  let fix = '把数字改成与正文一致；如果正文漏写了，请在正文补上；确实是推算的数字，加 derived: true 和 note 说明算法。';
  if (sameDigits.length > 0) {
    const body = compactFigureText(sameDigits[0]!.text);
    what += `正文里有“${body}”，单位不同。`;
    fix = `核对单位：正文是“${body}”，这里写的是“${m.text}”；照正文写 text: ${body}，或换成正文里真正的那个数字。`;
  } else if (sameUnit.length > 0) {
    what += `正文里同单位的数字有：${sameUnit.map((f) => `“${compactFigureText(f.text)}”`).join('、')}。`;
  }
  return {
    severity: 'error', code: 'presence-missing', file, ...loc,
    title: '数字在正文中找不到',
    what,
    why: '网站和分享卡片上的每个数字，读者都要能在报告正文里找到出处。',
    fix,
  };
}
