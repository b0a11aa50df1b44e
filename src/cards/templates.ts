/**
 * Card and poster layouts as satori element trees: pure functions of the card data and a text measurer.
 * Text is fitted here, with the font's real advances, rather than left to overflow: titles are broken into
 * lines (CJK may break between any two characters, but a line never starts with closing punctuation) and
 * cut with an ellipsis after the last allowed line; figures shrink until number and unit fit their box.
 */
import type { CardData, CardFigure } from './data.ts';

export interface Measure {
  width: (text: string, size: number, weight?: 400 | 700) => number;
}

export interface El {
  type: string;
  props: { style?: Record<string, string | number>; children?: (El | string)[] | El | string; src?: string; width?: number; height?: number };
}

export const CARD = { width: 1200, height: 630 } as const;

/** Every string a tree draws: what the font must cover. */
export function treeText(el: El | string): string {
  if (typeof el === 'string') return el;
  const c = el.props.children;
  if (c === undefined) return '';
  return (Array.isArray(c) ? c : [c]).map(treeText).join('');
}
export const POSTER = { width: 1080, height: 1440 } as const;

function h(type: string, style: Record<string, string | number>, children?: (El | string)[] | El | string, extra: Record<string, unknown> = {}): El {
  return { type, props: { style, ...(children === undefined ? {} : { children }), ...extra } };
}

const NO_LINE_START = /^[，。、；：！？）」』”’》〉,.;:!?)\]%…]/;
const NO_LINE_END = /[“‘（《〈「『(\[]$/;

/** Units that must stay together on a line: Latin words and numbers; every CJK character on its own. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9.%+\-]+|\s+|./gu) ?? [];
}

/** Break `text` into at most `maxLines` lines no wider than `maxWidth`; the last kept line ends in … when cut. */
export function fitLines(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const t of tokens(text)) {
    if (m.width(cur + t, size, weight) <= maxWidth || cur === '') {
      cur += t;
      continue;
    }
    if (NO_LINE_START.test(t) && cur.length > 1) {
      // Carry the previous character down with the punctuation.
      const chars = [...cur];
      const last = chars.pop()!;
      lines.push(chars.join('').trimEnd());
      cur = last + t;
    } else if (NO_LINE_END.test(cur) && cur.length > 1) {
      // An opening quote or bracket goes down with the word it opens.
      const chars = [...cur];
      const last = chars.pop()!;
      lines.push(chars.join('').trimEnd());
      cur = last + t;
    } else {
      lines.push(cur.trimEnd());
      cur = t.trimStart();
    }
  }
  if (cur) lines.push(cur.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && m.width(`${last}…`, size, weight) > maxWidth) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last.replace(/[，。、；：\s]+$/, '')}…`;
  return kept;
}

/** Cut a single line to width with an ellipsis. */
export function fitOneLine(text: string, m: Measure, size: number, weight: 400 | 700, maxWidth: number): string {
  return fitLines(text, m, size, weight, maxWidth, 1)[0] ?? '';
}

export interface FigureLayout {
  numberSize: number;
  unitSize: number;
  label: string;
  asOf: string;
}

const UNIT_RATIO = 0.42;

/** Number and unit sized together so `超2100亿元` fits its box on one line. */
export function layoutFigure(f: CardFigure, m: Measure, boxWidth: number, maxSize: number, labelSize: number): FigureLayout {
  let size = maxSize;
  const total = (s: number) => m.width(f.number, s, 700) + m.width(`${f.prefix}${f.unit}`, Math.round(s * UNIT_RATIO), 700) + 4;
  while (size > 24 && total(size) > boxWidth) size -= 1;
  return {
    numberSize: size,
    unitSize: Math.round(size * UNIT_RATIO),
    label: fitOneLine(f.label, m, labelSize, 400, boxWidth),
    asOf: fitOneLine(`截至${f.asOf}`, m, Math.round(labelSize * 0.8), 400, boxWidth),
  };
}

function figureBox(f: CardFigure, l: FigureLayout, width: number, color: string, labelSize: number): El {
  const unitStyle = { fontSize: l.unitSize, fontWeight: 700, color, marginBottom: Math.round(l.numberSize * 0.14) };
  // No overflow: hidden here: the text is already fitted, and satori turns every clip into an SVG mask that
  // makes rasterising several times slower.
  return h('div', { display: 'flex', flexDirection: 'column', width }, [
    h('div', { fontSize: labelSize, color: '#5c6370' }, l.label),
    h('div', { display: 'flex', alignItems: 'flex-end', lineHeight: 1.1 }, [
      ...(f.prefix ? [h('div', unitStyle, f.prefix)] : []),
      h('div', { fontSize: l.numberSize, fontWeight: 700, color }, f.number),
      h('div', { ...unitStyle, marginLeft: 2 }, f.unit),
    ]),
    h('div', { fontSize: Math.round(labelSize * 0.8), color: '#8a9099' }, l.asOf),
  ]);
}

function brandMark(c: CardData, size: number, color: string): El {
  return h('div', { display: 'flex', alignItems: 'center', fontSize: size, color }, [
    ...(c.logo ? [h('img', { width: size * 1.3, height: size * 1.3, marginRight: 10 }, undefined, { src: c.logo, width: size * 1.3, height: size * 1.3 })] : []),
    h('div', {}, c.siteName),
  ]);
}

/** 1200×630: used as og:image and posted in chat groups. */
export function cardTree(c: CardData, m: Measure): El {
  const pad = 56;
  const inner = CARD.width - pad * 2;
  const titleLines = fitLines(c.title, m, 50, 700, inner, 2);
  const n = Math.max(1, c.figures.length);
  const gap = 28;
  const boxW = Math.floor((inner - gap * (n - 1)) / n);
  const maxNumber = n <= 2 ? 84 : n === 3 ? 72 : 60;
  return h('div', { width: CARD.width, height: CARD.height, display: 'flex', flexDirection: 'column', backgroundColor: '#ffffff', fontFamily: 'Noto Sans SC', color: c.brand.ink }, [
    h('div', { height: 14, backgroundColor: c.brand.color, width: CARD.width }),
    h('div', { display: 'flex', flexDirection: 'column', padding: `36px ${pad}px 40px`, flexGrow: 1, justifyContent: 'space-between' }, [
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center' }, [
        h('div', { fontSize: 30, fontWeight: 700, color: c.brand.color }, fitOneLine(c.org, m, 30, 700, inner * 0.62)),
        brandMark(c, 24, '#5c6370'),
      ]),
      h('div', { display: 'flex', flexDirection: 'column' }, titleLines.map((line) => h('div', { fontSize: 50, fontWeight: 700, lineHeight: 1.3 }, line))),
      c.figures.length > 0
        ? h('div', { display: 'flex', gap }, c.figures.map((f) => figureBox(f, layoutFigure(f, m, boxW, maxNumber, 24), boxW, c.brand.color, 24)))
        : h('div', { fontSize: 26, color: '#5c6370' }, '图文案例'),
      // A rule drawn as a box, not a border: satori renders borders with clip paths and masks, which
      // cost more to rasterise than the rest of the card.
      h('div', { display: 'flex', flexDirection: 'column' }, [
        h('div', { height: 2, backgroundColor: c.brand.accent, width: inner }),
        h('div', { display: 'flex', justifyContent: 'space-between', fontSize: 22, color: '#8a9099', paddingTop: 14 }, [
          h('div', {}, c.footer),
          h('div', {}, c.kind === 'report' ? '阅读全文请访问内网案例展台' : '机构最新数字'),
        ]),
      ]),
    ]),
  ]);
}

/** 1080×1440 portrait: the same content set large, with a QR code to the report. */
export function posterTree(c: CardData, m: Measure, qrDataUri: string): El {
  const pad = 72;
  const inner = POSTER.width - pad * 2;
  const titleLines = fitLines(c.title, m, 64, 700, inner, 3);
  const cols = c.figures.length > 1 ? 2 : 1;
  const gap = 36;
  const boxW = Math.floor((inner - gap * (cols - 1)) / cols);
  const rows: CardFigure[][] = [];
  for (let i = 0; i < c.figures.length; i += cols) rows.push(c.figures.slice(i, i + cols));
  return h('div', { width: POSTER.width, height: POSTER.height, display: 'flex', flexDirection: 'column', backgroundColor: '#ffffff', fontFamily: 'Noto Sans SC', color: c.brand.ink }, [
    h('div', { display: 'flex', flexDirection: 'column', backgroundColor: c.brand.color, padding: `48px ${pad}px 40px`, color: '#ffffff' }, [
      brandMark(c, 30, '#ffffff'),
      h('div', { fontSize: 40, fontWeight: 700, marginTop: 24 }, fitOneLine(c.org, m, 40, 700, inner)),
    ]),
    h('div', { display: 'flex', flexDirection: 'column', padding: `48px ${pad}px`, flexGrow: 1 }, [
      h('div', { display: 'flex', flexDirection: 'column', marginBottom: 40 }, titleLines.map((line) => h('div', { fontSize: 64, fontWeight: 700, lineHeight: 1.3 }, line))),
      h('div', { display: 'flex', flexDirection: 'column', gap: 36 }, rows.map((row) =>
        h('div', { display: 'flex', gap }, row.map((f) => figureBox(f, layoutFigure(f, m, boxW, 104, 30), boxW, c.brand.color, 30))),
      )),
    ]),
    h('div', { display: 'flex', alignItems: 'flex-end', justifyContent: 'space-between', padding: `0 ${pad}px 64px` }, [
      h('div', { display: 'flex', flexDirection: 'column', fontSize: 28, color: '#5c6370' }, [h('div', {}, c.footer), h('div', { marginTop: 8 }, '扫码阅读全文')]),
      h('img', { width: 260, height: 260 }, undefined, { src: qrDataUri, width: 260, height: 260 }),
    ]),
  ]);
}
