/**
 * Where each of a report's figures is printed: the sentence of the text that prints it, and the figure itself in
 * that sentence, for the source links (src/lib/figure-source.ts names them). The figure is found by the presence
 * check's own rule (figure-printing.ts: the first printing in the text), in the same plain text the check reads
 * (src/lib/body/plain-text.ts), so a figure the check accepted is always found; a derived figure is printed
 * nowhere and is sourced to its note instead.
 *
 * A sentence ends at 。！？；(and ! ? ;), with the closing quotes or brackets after it, and at the end of a line
 * (a paragraph, list item, heading, table cell or <br>). Pure: offsets are into the text given.
 */
import { figureSourceId } from './source.ts';
import { printingOf, readAsMetric, type PrintedMetric } from './printing.ts';
import { findFigures } from './find.ts';
import type { FigureVocabulary } from './words.ts';

export type SourcedMetric = PrintedMetric & { index: number; derived: boolean };

export interface Span {
  start: number;
  end: number;
}

export interface FigureSentence {
  /** metrics[index] of the report. */
  index: number;
  /** The fragment id (src-3). */
  id: string;
  /** The printing of the figure, as the presence check found it. */
  figure: Span;
  /** What is marked: the figure and, where the rule read one, its count word (2万多农户 for 2万多户). */
  mark: Span;
  sentence: Span;
}

export interface LocatedFigures {
  located: FigureSentence[];
  /** Derived figures (printed nowhere): their source is the note, id note-N. */
  derived: { index: number; id: string }[];
  /** Figures the text does not print: the presence check refuses such a report, so none in a valid one. */
  missing: number[];
}

export interface LocateOptions {
  /**
   * Offsets that end a sentence whatever they hold: the line breaks between blocks and the spaces between table
   * cells. By default every line break does; a text that keeps a newspaper column break inside a figure
   * (1\n2.64亿元) passes its real breaks here.
   */
  breaks?: ReadonlySet<number>;
}

const TERMINATORS = '。！？；!?;';
/** After a terminator, still the sentence's: 他说：“……增长了。” */
const CLOSERS = '”’」』）》】〕)]';
const SPACE = /\s/;

export function locateFigureSentences(text: string, metrics: readonly SourcedMetric[], vocab: FigureVocabulary, opts: LocateOptions = {}): LocatedFigures {
  const isBreak = (i: number) => (opts.breaks ? opts.breaks.has(i) : text[i] === '\n');
  const found = findFigures(text, vocab);
  const out: LocatedFigures = { located: [], derived: [], missing: [] };
  for (const m of metrics) {
    const id = figureSourceId(m);
    if (m.derived) {
      out.derived.push({ index: m.index, id });
      continue;
    }
    const f = printingOf(found, m);
    if (!f) {
      out.missing.push(m.index);
      continue;
    }
    const next = found.find((g) => g.start >= f.end)?.start ?? text.length;
    const mark = { start: f.start, end: withCountWord(text, f.end, readAsMetric(f, m).countWord, Math.min(next, text.length), isBreak) };
    out.located.push({ index: m.index, id, figure: { start: f.start, end: f.end }, mark, sentence: sentenceAround(text, mark, isBreak) });
  }
  return out;
}

/** The end of the figure with its count word (农户 after 2万多), which the figure's `after` gives without spaces. */
function withCountWord(text: string, end: number, countWord: string | undefined, limit: number, isBreak: (i: number) => boolean): number {
  if (!countWord) return end;
  let i = end;
  let taken = 0;
  while (i < limit && taken < countWord.length && !isBreak(i)) {
    if (!SPACE.test(text[i]!)) taken++;
    i++;
  }
  return taken === countWord.length ? i : end;
}

/** The sentence holding `span`: back to the previous end of sentence, on to the next, spaces trimmed. */
export function sentenceAround(text: string, span: Span, isBreak: (i: number) => boolean): Span {
  let start = span.start;
  while (start > 0) {
    const at = start - 1;
    const c = text[at]!;
    if (isBreak(at) || TERMINATORS.includes(c)) break;
    if (CLOSERS.includes(c)) {
      let k = at;
      while (k > 0 && CLOSERS.includes(text[k - 1]!) && !isBreak(k - 1)) k--;
      if (k > 0 && TERMINATORS.includes(text[k - 1]!)) break;
    }
    start--;
  }
  while (start < span.start && SPACE.test(text[start]!)) start++;
  let end = span.end;
  while (end < text.length && !isBreak(end)) {
    const c = text[end]!;
    end++;
    if (TERMINATORS.includes(c)) {
      while (end < text.length && CLOSERS.includes(text[end]!) && !isBreak(end)) end++;
      break;
    }
  }
  while (end > span.end && SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}
