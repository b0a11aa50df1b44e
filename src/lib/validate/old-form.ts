/**
 * The figures of older reports were written in parts (value: 40, unit: 亿元, approx: 余). Parts put back
 * together can say something else than the article (40亿余元 is not 40余亿元), so a figure is now written
 * whole, as printed (`text`), and the parts are refused. Each refusal quotes the text to write: the body's own
 * printing of that amount when the body has it, so the writer only has to confirm it.
 */
import { findFigures, figureKey, figureVocabulary, parseFigure, withApprox, type FigureVocabulary } from '../figures/index.ts';
import type { Problem } from '../problems.ts';

export const OLD_FIELDS = ['value', 'unit', 'approx'] as const;

export interface OldFormContext {
  file: string;
  baseUnits: readonly string[];
  /** The body as written (Markdown), and the file line it starts on, to say where the figure is printed. */
  body: string;
  bodyLine: number;
  locate: (path: readonly (string | number)[], opts?: { key?: boolean }) => { line: number; column: number } | undefined;
  sourceOf: (path: readonly (string | number)[]) => string | undefined;
}

export interface OldForm {
  /** metrics[index] → the text to write in its place (undefined when the parts do not make a figure). */
  items: Map<number, string | undefined>;
  problems: Problem[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The figure the parts meant, the way the old frontmatter read them. */
function composed(item: Record<string, unknown>, source: string | undefined, vocab: FigureVocabulary): string | undefined {
  if (typeof item.text === 'string' && item.text.trim()) return item.text.trim();
  const raw = item.value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const valueText = (typeof raw === 'number' ? (source ?? String(raw)) : raw).trim();
  const alone = parseFigure(valueText, vocab);
  if (!alone.ok) return undefined;
  let text = valueText;
  const unit = typeof item.unit === 'string' ? item.unit.trim() : '';
  if (unit && alone.figure.baseUnit === '') {
    // "2万多" + "万户" is 2万多户: a prefix written in both is read once.
    text = `${valueText}${alone.figure.unit && unit.startsWith(alone.figure.unit) ? unit.slice(alone.figure.unit.length) : unit}`;
  }
  const approx = typeof item.approx === 'string' ? item.approx.trim() : '';
  if (approx) {
    const parsed = parseFigure(text, vocab);
    if (parsed.ok && !parsed.figure.approx) text = withApprox(text, approx, vocab) ?? text;
  }
  return parseFigure(text, vocab).ok ? text : undefined;
}

/** Where the body prints this figure: the same printing, or the same amount in the same unit printed otherwise. */
function inBody(text: string, ctx: OldFormContext, vocab: FigureVocabulary): { text: string; line: number } | undefined {
  const parsed = parseFigure(text, vocab);
  if (!parsed.ok) return undefined;
  const found = findFigures(ctx.body, vocab);
  const key = figureKey(text);
  const hit = found.find((f) => figureKey(f.text) === key)
    ?? found.find((f) => f.baseUnit === parsed.figure.baseUnit && f.base === parsed.figure.base);
  if (!hit) return undefined;
  const line = ctx.bodyLine + (ctx.body.slice(0, hit.start).match(/\n/g)?.length ?? 0);
  return { text: hit.text.replace(/\s+/g, ''), line };
}

/** Every metrics item still written in parts, with the one problem it gets. */
export function oldFormFigures(data: unknown, ctx: OldFormContext): OldForm {
  const items = new Map<number, string | undefined>();
  const problems: Problem[] = [];
  const list = isRecord(data) && Array.isArray(data.metrics) ? data.metrics : [];
  const vocab = figureVocabulary(ctx.baseUnits);
  list.forEach((item, i) => {
    if (!isRecord(item)) return;
    const old = OLD_FIELDS.filter((f) => f in item);
    if (old.length === 0) return;
    const candidate = composed(item, ctx.sourceOf(['metrics', i, 'value']), vocab);
    const body = candidate ? inBody(candidate, ctx, vocab) : undefined;
    const text = body?.text ?? candidate;
    items.set(i, text);
    const written = old.map((f) => `${f}: ${String(item[f])}`).join('，');
    const hasText = typeof item.text === 'string' || typeof item.text === 'number';
    const lines = old.length === 1 ? `${old[0]} 这一行` : `${old.join('、')} ${old.length === 2 ? '两' : '三'}行`;
    let fix: string;
    if (hasText) fix = `删掉 ${lines}：text 已经是整个数字。`;
    else if (text && body) fix = `把 ${lines}换成一行 text: ${text}——正文第 ${body.line} 行印的就是“${text}”，请对照确认。`;
    else if (text) fix = `把 ${lines}换成一行 text: ${text}，并对照正文确认（正文里没有找到这个数字，照正文印的样子写）。`;
    else fix = `把 ${lines}换成一行 text，照正文印的样子写整个数字，如 text: 40余亿元。`;
    const first = old[0]!;
    problems.push({
      severity: 'error', code: 'metric-old-form', file: ctx.file, ...ctx.locate(['metrics', i, first], { key: true }), field: `metrics[${i}].${first}`,
      title: '数字要照正文整个写在 text 里',
      what: `metrics[${i}] 把数字拆开写成了 ${written}；value、unit、approx 已不再使用。`,
      why: '网站、卡片和排行照正文印的样子显示数字；拆开再拼起来会改变意思：40余亿元（40亿到50亿）和40亿余元（40亿出头）不是一回事。',
      fix,
    });
  });
  return { items, problems };
}

/**
 * The data with each old-form item written whole, so the rest of the report can still be checked in the same
 * run; problems of these items are then dropped by the caller, the old-form problem says it all.
 */
export function withTextFields(data: Record<string, unknown>, items: ReadonlyMap<number, string | undefined>): Record<string, unknown> {
  if (items.size === 0 || !Array.isArray(data.metrics)) return data;
  const metrics = data.metrics.map((item: unknown, i: number) => {
    if (!items.has(i) || !isRecord(item)) return item;
    const copy: Record<string, unknown> = { ...item };
    for (const f of OLD_FIELDS) delete copy[f];
    if (copy.text === undefined) copy.text = items.get(i) ?? '';
    return copy;
  });
  return { ...data, metrics };
}
