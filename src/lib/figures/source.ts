/**
 * Where a published figure comes from: the sentence of its report's body that prints it, or, for a figure the
 * report marked derived (printed nowhere), its note in the report's figures panel. Every page, download and card
 * that shows a figure links here, so a reader can check it before quoting it.
 *
 * The ids are positional (metrics[index] of the report's frontmatter): stable while the report keeps its
 * figures in the same order, and never derived from the figure's text (two figures may print alike).
 */
import { absoluteUrl, routes, withBase } from '../urls.ts';

interface FigureRef {
  /** Position in the report's frontmatter list. */
  index: number;
  derived: boolean;
}

/**
 * The accessible name of a link to a figure's source: the figure as printed (the link's visible text), then
 * where it leads, so a screen reader announces more than a bare number.
 */
export function figureSourceLabel(m: FigureRef & { text: string }, report?: { title: string }): string {
  const where = report ? `《${report.title}》` : '本报告';
  return `${m.text}，出处：${where}${m.derived ? '中的推算说明' : '正文中印着这个数字的句子'}`;
}

/** The fragment id on the report page: `src-3` for the sentence printing metrics[2], `note-3` for a derived one's note. */
export function figureSourceId(m: FigureRef): string {
  return `${m.derived ? 'note' : 'src'}-${m.index + 1}`;
}

/** Path relative to the site's base, like `routes`: reports/<slug>/#src-3. */
export function figureSourcePath(slug: string, m: FigureRef): string {
  return `${routes.report(slug)}#${figureSourceId(m)}`;
}

/** The link a page prints (base included). */
export function figureSourceHref(base: string, slug: string, m: FigureRef): string {
  return withBase(base, figureSourcePath(slug, m));
}

/** The absolute URL (downloads, cards): on the intranet host named by the site's `site` setting. */
export function figureSourceUrl(site: string, base: string, slug: string, m: FigureRef): string {
  return absoluteUrl(site, base, figureSourcePath(slug, m));
}
