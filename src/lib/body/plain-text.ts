/**
 * `bodyPlainText`: the words a reader reads in a report body, one line per block (paragraph, heading, list
 * item, table row, …), for the search index and for the check that every frontmatter figure is printed in
 * the text. It is taken from the cleaned HTML tree the page itself is made from, so text the sanitiser drops
 * (a <script>, a <style>) is not searchable, image descriptions and footnote numbers (not printed as words)
 * are not there, and each `<Figure … />` counts as the figure it prints.
 */
import type { Element, Root as HastRoot, RootContent as HastContent, Text as HastText } from 'hast';
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

type JsxHast = MdxJsxFlowElementHast | MdxJsxTextElementHast;

/**
 * Where a character of the plain text comes from: a character of a text node of the tree, or (for the figure a
 * `<Figure>` prints, and whatever a component wraps) the component node itself, which has no text of its own
 * in the tree. 'cell' is the space between two table cells, 'line' the line break between two blocks (or at a
 * <br>); null is any other space the text gained or lost in layout.
 */
export type TextOrigin = { node: HastText | JsxHast; offset: number };
export type Origin = TextOrigin | 'cell' | 'line' | null;

/** The plain text with the origin of each of its UTF-16 code units: `origins.length === text.length`. */
export interface MappedText {
  text: string;
  origins: Origin[];
}

/** `text.replace(re, fn)`, keeping each unchanged character's origin; the replacement's get `originOf(match)`. */
function replaceMapped(m: MappedText, re: RegExp, fn: (match: string, offset: number, all: string) => string, originOf: (match: Origin[]) => Origin): MappedText {
  let text = '';
  const origins: Origin[] = [];
  let last = 0;
  for (const x of m.text.matchAll(re)) {
    const at = x.index;
    text += m.text.slice(last, at);
    for (let k = last; k < at; k++) origins.push(m.origins[k]!);
    const r = fn(x[0], at, m.text);
    const o = originOf(m.origins.slice(at, at + x[0].length));
    text += r;
    for (let k = 0; k < r.length; k++) origins.push(o);
    last = at + x[0].length;
  }
  text += m.text.slice(last);
  for (let k = last; k < m.text.length; k++) origins.push(m.origins[k]!);
  return { text, origins };
}

function normaliseLine(line: MappedText): MappedText {
  let m = replaceMapped(line, /[ \t]*\n[ \t\n]*/g, (match, offset, all) => {
    const before = all[offset - 1] ?? '';
    const after = all[offset + match.length] ?? '';
    if (CJK.test(before) && CJK.test(after)) return '';
    // A newspaper column break inside a figure (1\n2.64亿元) stays a line break, which the presence check
    // tolerates inside a figure; a space there would read as two numbers.
    return /\d/.test(before) && /[\d.,]/.test(after) ? '\n' : ' ';
  }, () => null);
  m = replaceMapped(m, new RegExp(CELL_GAP, 'g'), () => ' ', () => 'cell');
  m = replaceMapped(m, /[^\S\n]+/g, () => ' ', (run) => (run.includes('cell') ? 'cell' : null));
  const lead = /^\s*/.exec(m.text)![0].length;
  const trail = /\s*$/.exec(m.text.slice(lead))![0].length;
  const end = m.text.length - trail;
  return { text: m.text.slice(lead, end), origins: m.origins.slice(lead, end) };
}

export function bodyPlainText(body: string, opts: BodyPlainTextOptions): string {
  let tree: HastRoot;
  try {
    tree = toBodyHast(opts.tree ?? parseBody(body, opts.mdx));
  } catch {
    // MDX that cannot be parsed is an error of analyzeBody and stops the build; its words still count as words.
    tree = toBodyHast(parseBody(body, false));
  }
  return mappedPlainText(cleanBodyTree(tree, { components: REPORT_COMPONENTS }), opts.figureText).text;
}

/**
 * The plain text of a cleaned body tree (the one `bodyPlainText` reads, or the one the site's Markdown pipeline
 * is rendering), with where each character comes from in that tree: the source links find a figure in the text
 * exactly as the presence check does, and mark it in the tree.
 */
export function mappedPlainText(clean: HastRoot, figureText: BodyPlainTextOptions['figureText']): MappedText {
  const lines: MappedText[] = [];
  let line: MappedText = { text: '', origins: [] };
  const add = (s: string, origin: (i: number) => Origin) => {
    line.text += s;
    for (let i = 0; i < s.length; i++) line.origins.push(origin(i));
  };
  const flush = () => {
    const l = normaliseLine(line);
    if (l.text) lines.push(l);
    line = { text: '', origins: [] };
  };

  /** `owner`: the component whose content this is; its characters are the component's. */
  const walk = (n: HastRoot | HastContent, pre: boolean, owner: JsxHast | undefined): void => {
    switch (n.type) {
      case 'text': {
        const at = (offset: number): Origin => (owner ? { node: owner, offset: 0 } : { node: n, offset });
        if (pre) {
          let offset = 0;
          n.value.split('\n').forEach((p, i) => {
            if (i > 0) flush();
            const from = offset;
            add(p, (k) => at(from + k));
            offset += p.length + 1;
          });
        } else add(n.value, at);
        return;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        component(n, owner);
        return;
      case 'element':
        element(n, pre, owner);
        return;
      case 'root':
        for (const k of n.children) walk(k, pre, owner);
        return;
      default:
    }
  };
  const element = (el: Element, pre: boolean, owner: JsxHast | undefined) => {
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
    if (CELL.has(el.tagName)) add(CELL_GAP, () => 'cell');
    const kids = p.dataFootnotes !== undefined
      ? el.children.filter((k) => !(k.type === 'element' && /^h[1-6]$/.test(k.tagName)))
      : el.children;
    for (const k of kids) walk(k, pre || el.tagName === 'pre', owner);
    if (CELL.has(el.tagName)) add(CELL_GAP, () => 'cell');
    if (block) flush();
  };
  const component = (n: JsxHast, owner: JsxHast | undefined) => {
    const flow = n.type === 'mdxJsxFlowElement';
    if (flow) flush();
    const self = owner ?? n;
    if (n.name === 'Figure') {
      const props: Record<string, unknown> = {};
      for (const a of n.attributes) {
        if (a.type !== 'mdxJsxAttribute') continue;
        const lit = attributeLiteral(a);
        if (lit.ok) props[a.name] = lit.value;
      }
      add(figureText(props) ?? '', (offset) => ({ node: self, offset }));
    }
    for (const k of n.children) walk(k, false, self);
    if (flow) flush();
  };
  walk(clean, false, undefined);
  flush();

  const out: MappedText = { text: '', origins: [] };
  lines.forEach((l, i) => {
    if (i > 0) {
      out.text += '\n';
      out.origins.push('line');
    }
    out.text += l.text;
    for (const o of l.origins) out.origins.push(o);
  });
  return out;
}
