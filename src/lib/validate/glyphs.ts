/**
 * Text that goes on a share card must be drawable by the card font. Checked with the report, so an emoji in a
 * title is found by `npm run check` with the field and line, not after the pages of a build were written.
 */
import type { Report } from '../model.ts';
import type { Problem } from '../problems.ts';

export type MissingGlyphs = (text: string) => string[];

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function glyphProblems(
  report: Pick<Report, 'title' | 'summary' | 'metrics'>,
  missing: MissingGlyphs,
  ctx: { file: string; locate: (path: (string | number)[]) => { line: number; column: number } | undefined },
): Problem[] {
  const fields: { path: (string | number)[]; text: string }[] = [
    { path: ['title'], text: report.title },
    { path: ['summary'], text: report.summary },
    // Cards show what a figure counts (label and scope) next to its printed text.
    ...report.metrics.flatMap((m) => [
      { path: ['metrics', m.index, 'label'], text: m.label },
      ...(m.scope ? [{ path: ['metrics', m.index, 'scope'], text: m.scope }] : []),
      { path: ['metrics', m.index, 'text'], text: m.text },
    ]),
  ];
  const out: Problem[] = [];
  for (const f of fields) {
    const chars = missing(f.text);
    if (chars.length === 0) continue;
    const field = f.path.reduce<string>((s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), '');
    out.push({
      severity: 'error', code: 'card-glyph', file: ctx.file, ...ctx.locate(f.path), field,
      title: '分享卡片的字体里没有这些字符',
      what: `${field} 里有 ${chars.map((c) => `“${c}”（${codePoint(c)}）`).join('、')}。`,
      why: '分享卡片用思源黑体生成，字体里没有的字符（表情符号、生僻字、特殊符号）在卡片上会变成方框。',
      fix: '删掉这些字符，或换成常用字；表情符号请改用文字表达。',
    });
  }
  return out;
}
