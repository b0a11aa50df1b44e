/**
 * Which figure printed in a report's text is a frontmatter figure: the one rule, for the presence check (is it
 * printed at all?) and for the source links (where is it printed?). Only what page layout and typing change is
 * tolerated (see figureKey), plus a count word after the number: 2万多农户 prints 2万多户.
 * Pure: no I/O.
 */
import type { ResolvedMetric } from '../model.ts';
import { figureKey } from './text.ts';
import type { FoundFigure } from './find.ts';

/** What of a metric the rule reads: its printed text and the base unit that text is in. */
export type PrintedMetric = Pick<ResolvedMetric, 'text' | 'baseUnit'> & Partial<Pick<ResolvedMetric, 'printing'>>;

/**
 * A body figure as it bears on a metric: "2万多" followed by 农户 counts 户, so for a metric in 户 it reads as
 * "2万多户". Money and percent are never implied by a count word.
 */
export function readAsMetric(f: FoundFigure, m: PrintedMetric): { key: string; baseUnit: string; countWord?: string } {
  const countWord = f.after.slice(0, 3);
  if (f.baseUnit === '' && m.baseUnit !== '元' && m.baseUnit !== '%' && countWord.includes(m.baseUnit)) {
    return { key: `${figureKey(f.text)}${m.baseUnit}`, baseUnit: m.baseUnit, countWord: countWord.slice(0, countWord.indexOf(m.baseUnit) + m.baseUnit.length) };
  }
  return { key: figureKey(f.text), baseUnit: f.baseUnit };
}

/** Whether `f` (found in the text) is the printing of `m`. */
export function printsMetric(f: FoundFigure, m: PrintedMetric): boolean {
  return readAsMetric(f, m).key === figureKey(m.text);
}

/** Every printing of `m` in a text, in order. */
export function printingsOf(found: readonly FoundFigure[], m: PrintedMetric): FoundFigure[] {
  return found.filter((f) => printsMetric(f, m));
}

/**
 * The printing of `m` that is its source: the one the claim check chose (`printing`, the first whose sentence
 * claims what the report says), else the first. The presence check and the source links both ask here.
 */
export function printingOf(found: readonly FoundFigure[], m: PrintedMetric): FoundFigure | undefined {
  const all = printingsOf(found, m);
  return all[m.printing ?? 0] ?? all[0];
}
