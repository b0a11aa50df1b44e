/**
 * `bodyPlainText`: the words a reader reads in a report body, one line per block (paragraph, heading, list
 * item, table row, …), for the search index and for the check that every frontmatter figure is printed in
 * the text. It is taken from the cleaned HTML tree the page itself is made from, so text the sanitiser drops
 * (a <script>, a <style>) is not searchable, image descriptions and footnote numbers (not printed as words)
 * are not there, and each `<Figure … />` counts as the figure it prints.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import { attributeLiteral, REPORT_COMPONENTS } from './mdx.ts';
import { parseBody, toBodyHast } from './parse.ts';
import { cleanBodyTree } from './sanitize.ts';
import type { BodyPlainTextOptions } from './types.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const CELL = new Set(['td', 'th']);

/** CJK characters and punctuation: a line break between two of them is no space when the page lays out. */
const CJK = /[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/** Between table cells: a space the line-break joining below must not remove. */
const CELL_GAP = '\uE000';

function normaliseLine(s: string): string {
  return s
    .replace(/[ \t]*\n[ \t\n]*/g, (m, offset: number, all: string) => {
      const before = all[offset - 1] ?? '';
      const after = all[offset + m.length] ?? '';
      if (CJK.test(before) && CJK.test(after)) return '';
      // A newspaper column break inside a figure (1\n2.64亿元) stays a line break, which the presence check
      // tolerates inside a figure; a space there would read as two numbers.
      return /\d/.test(before) && /[\d.,]/.test(after) ? '\n' : ' ';
    })
    .replaceAll(CELL_GAP, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

export function bodyPlainText(body: string, opts: BodyPlainTextOptions): string {
  let tree: HastRoot;
  try {
    tree = toBodyHast(parseBody(body, opts.mdx));
  } catch {
    // MDX that cannot be parsed is an error of analyzeBody and stops the build; its words still count as words.
    tree = toBodyHast(parseBody(body, false));
  }
  const clean = cleanBodyTree(tree, { components: REPORT_COMPONENTS });

  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const l = normaliseLine(line);
    if (l) lines.push(l);
    line = '';
  };

  const walk = (n: HastRoot | HastContent, pre: boolean): void => {
    switch (n.type) {
      case 'text':
        if (pre) {
          const parts = n.value.split('\n');
          parts.forEach((p, i) => {
            if (i > 0) flush();
            line += p;
          });
        } else line += n.value;
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        component(n);
        return;
      case 'element':
        element(n, pre);
        return;
      case 'root':
        for (const k of n.children) walk(k, pre);
        return;
      default:
    }
  };
  const element = (el: Element, pre: boolean) => {
    const p = el.properties;
    // Footnote markers and back-links are numbers and arrows, not words; the footnotes' heading is the site's.
    if (p.dataFootnoteRef !== undefined || p.dataFootnoteBackref !== undefined) return;
    if (el.tagName === 'img' || el.tagName === 'input') return;
    if (el.tagName === 'br') {
      flush();
      return;
    }
    const block = BLOCK.has(el.tagName);
    if (block) flush();
    if (CELL.has(el.tagName)) line += CELL_GAP;
    const kids = p.dataFootnotes !== undefined
      ? el.children.filter((k) => !(k.type === 'element' && /^h[1-6]$/.test(k.tagName)))
      : el.children;
    for (const k of kids) walk(k, pre || el.tagName === 'pre');
    if (CELL.has(el.tagName)) line += CELL_GAP;
    if (block) flush();
  };
  const component = (n: MdxJsxFlowElementHast | MdxJsxTextElementHast) => {
    const flow = n.type === 'mdxJsxFlowElement';
    if (flow) flush();
    if (n.name === 'Figure') {
      const props: Record<string, unknown> = {};
      for (const a of n.attributes) {
        if (a.type !== 'mdxJsxAttribute') continue;
        const lit = attributeLiteral(a);
        if (lit.ok) props[a.name] = lit.value;
      }
      line += opts.figureText(props) ?? '';
    }
    for (const k of n.children) walk(k, false);
    if (flow) flush();
  };
  walk(clean, false);
  flush();
  return lines.join('\n');
}
