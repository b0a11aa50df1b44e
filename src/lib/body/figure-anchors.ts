/**
 * The targets of the source links in a report body (src/lib/figure-source.ts): the sentence printing each
 * figure is wrapped in `<span id="src-N" class="figure-source" tabindex="-1">`, and the figure in it in
 * `<mark class="figure-mark">`. It runs on the cleaned tree (after the allow-list, src/lib/body/sanitize.ts), so
 * these ids and classes come only from here: an author's own `id="src-1"` has long been prefixed to
 * `user-content-src-1`, and authors cannot write classes.
 *
 * Which printing and which sentence: figure-sentences.ts, on the plain text of this very tree
 * (plain-text.ts `mappedPlainText`), which is the text and the rule of the presence check. A figure that a
 * `<Figure>` prints is marked by wrapping the component. The printed characters are never changed: text nodes
 * are split and inline elements (bold, links) divided where a sentence or a figure begins or ends inside them.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import { resolveFigureRef } from '../figures/index.ts';
import { locateFigureSentences, type FigureSentence, type Span } from '../figures/index.ts';
import type { ResolvedMetric } from '../model.ts';
import { figureVocabulary } from '../figures/index.ts';
import { mappedPlainText, type MappedText, type TextOrigin } from './plain-text.ts';

export interface BodyFigures {
  /** The report's validated figures (metrics[index]). */
  metrics: readonly ResolvedMetric[];
  /** The catalog's base units (`catalog.baseUnits`): the vocabulary figures are read with. */
  baseUnits: readonly string[];
}

export interface AnchoredFigures {
  located: FigureSentence[];
  /** Non-derived figures left without a target: never for a report the check accepted. */
  missing: ResolvedMetric[];
}

/** The classes of the targets; the site's stylesheet highlights `.figure-source:target` and its marks. */
export const SOURCE_CLASS = 'figure-source';
export const MARK_CLASS = 'figure-mark';

type JsxHast = MdxJsxFlowElementHast | MdxJsxTextElementHast;
type Leaf = Text | JsxHast;
type Parent = Root | Element;
type Node = Root | RootContent;

/** Wraps each figure's sentence and marks the figure; the tree is changed in place. */
export function anchorFigureSources(tree: Root, figures: BodyFigures): AnchoredFigures {
  const mapped = mappedPlainText(tree, (props) => resolveFigureRef(figures.metrics, props.metric, props.asOf)?.text);
  const breaks = new Set<number>();
  mapped.origins.forEach((o, i) => {
    if (o === 'cell' || o === 'line') breaks.add(i);
  });
  const found = locateFigureSentences(mapped.text, figures.metrics, figureVocabulary(figures.baseUnits), { breaks });
  const missing = found.missing.map((i) => figures.metrics.find((m) => m.index === i)!);

  // Every wrap as a first and last character of the tree; text nodes are then cut at all of them at once, so the
  // wraps below move whole nodes only and each keeps pointing at the right ones.
  type Ends = { first: TextOrigin; last: TextOrigin };
  const marks = new Map<string, Ends>();
  const sentences: { f: FigureSentence; ends: Ends }[] = [];
  const located: FigureSentence[] = [];
  for (const f of found.located) {
    const mark = ends(mapped, f.mark);
    const sentence = ends(mapped, f.sentence);
    if (!mark || !sentence) {
      missing.push(figures.metrics.find((m) => m.index === f.index)!);
      continue;
    }
    marks.set(`${f.mark.start}:${f.mark.end}`, mark);
    sentences.push({ f, ends: sentence });
    located.push(f);
  }
  const cuts = new Map<Text, Set<number>>();
  const cut = (o: TextOrigin, at: number) => {
    if (o.node.type !== 'text') return;
    const set = cuts.get(o.node) ?? new Set<number>();
    set.add(at);
    cuts.set(o.node, set);
  };
  for (const e of [...marks.values(), ...sentences.map((s) => s.ends)]) {
    cut(e.first, e.first.offset);
    cut(e.last, e.last.offset + 1);
  }
  const leafOf = splitTexts(tree, cuts);
  const made = new Set<Element>();
  for (const e of marks.values()) {
    const mark: Element = { type: 'element', tagName: 'mark', properties: { className: [MARK_CLASS] }, children: [] };
    if (wrapRange(tree, leafOf(e.first), leafOf(e.last), mark, made)) made.add(mark);
  }
  for (const { f, ends: e } of sentences) {
    const ok = wrapRange(tree, leafOf(e.first), leafOf(e.last), {
      type: 'element', tagName: 'span', properties: { id: f.id, className: [SOURCE_CLASS], tabIndex: -1 }, children: [],
    }, made);
    if (!ok) {
      missing.push(figures.metrics.find((m) => m.index === f.index)!);
      located.splice(located.indexOf(f), 1);
    }
  }
  return { located, missing };
}

/** The tree characters at the two ends of a span of the plain text (layout spaces have none). */
function ends(mapped: MappedText, span: Span): { first: TextOrigin; last: TextOrigin } | undefined {
  let first: TextOrigin | undefined;
  let last: TextOrigin | undefined;
  for (let i = span.start; i < span.end && !first; i++) {
    const o = mapped.origins[i];
    if (o && typeof o === 'object') first = o;
  }
  for (let i = span.end - 1; i >= span.start && !last; i--) {
    const o = mapped.origins[i];
    if (o && typeof o === 'object') last = o;
  }
  return first && last ? { first, last } : undefined;
}

/** Cuts text nodes at the given offsets; returns the node that now holds a character of the original. */
function splitTexts(tree: Root, cuts: ReadonlyMap<Text, ReadonlySet<number>>): (o: TextOrigin) => Leaf {
  const pieces = new Map<Text, { from: number; node: Text }[]>();
  const walk = (p: Parent) => {
    p.children = p.children.flatMap((c): RootContent[] => {
      if (c.type === 'text') {
        const at = [...(cuts.get(c) ?? [])].filter((x) => x > 0 && x < c.value.length).sort((a, b) => a - b);
        if (at.length === 0) return [c];
        const bounds = [0, ...at, c.value.length];
        const parts = bounds.slice(0, -1).map((from, i) => ({ from, node: { ...c, value: c.value.slice(from, bounds[i + 1]) } as Text }));
        pieces.set(c, parts);
        return parts.map((x) => x.node);
      }
      if (c.type === 'element') walk(c);
      else if ('children' in c && c.type !== 'mdxJsxFlowElement' && c.type !== 'mdxJsxTextElement') walk(c as unknown as Parent);
      return [c];
    }) as typeof p.children;
  };
  walk(tree);
  return (o) => {
    if (o.node.type !== 'text') return o.node;
    const parts = pieces.get(o.node);
    if (!parts) return o.node;
    return parts.findLast((x) => x.from <= o.offset)!.node;
  };
}

/**
 * Wraps everything from `first` to `last` (inclusive, in document order) in `wrapper`, dividing the inline
 * elements either end lies inside; a mark made here (`marks`) is wrapped whole, never entered: a sentence that
 * is just its figure (a table cell) holds the mark. False when the two share no parent to wrap in (never within
 * one line).
 */
function wrapRange(tree: Root, first: Leaf, last: Leaf, wrapper: Element, marks: ReadonlySet<Element>): boolean {
  const parents = new Map<Node, Parent>();
  const walk = (p: Parent) => {
    for (const c of p.children) {
      parents.set(c, p);
      if (c.type === 'element') walk(c);
    }
  };
  walk(tree);
  const chain = (n: Node): Node[] => {
    const out: Node[] = [n];
    for (let p = parents.get(n); p; p = parents.get(p)) out.push(p);
    return out;
  };
  const a = chain(first);
  const b = chain(last);
  if (a.at(-1) !== tree || b.at(-1) !== tree) return false;
  const inB = new Set(b.slice(1));
  let lca = a.slice(1).find((x) => inB.has(x)) as Parent | undefined;
  if (!lca || b.indexOf(lca) < 1) return false;
  let whole: Node | undefined;
  while (lca.type === 'element' && marks.has(lca)) {
    whole = lca;
    lca = parents.get(lca)!;
  }

  const replace = (el: Element, parts: Element[]) => {
    const p = parents.get(el)!;
    p.children.splice(p.children.indexOf(el as never), 1, ...(parts as never[]));
    for (const part of parts) {
      parents.set(part, p);
      for (const c of part.children) parents.set(c, part);
    }
  };
  // The left end: each element it lies inside, below the common parent, is divided before it.
  let start: Node = whole ?? first;
  for (let k = whole ? a.indexOf(whole) + 1 : 1; a[k] !== lca; k++) {
    const el = a[k] as Element;
    const i = el.children.indexOf(start as ElementContent);
    if (i > 0) {
      const [left, right] = divide(el, i);
      replace(el, [left, right]);
      start = right;
    } else start = el;
  }
  let end: Node = whole ?? last;
  for (let k = whole ? b.indexOf(whole) + 1 : 1; b[k] !== lca; k++) {
    const el = b[k] as Element;
    const i = el.children.indexOf(end as ElementContent);
    if (i < el.children.length - 1) {
      const [left, right] = divide(el, i + 1);
      replace(el, [left, right]);
      end = left;
    } else end = el;
  }
  const i0 = lca.children.indexOf(start as never);
  const i1 = lca.children.indexOf(end as never);
  if (i0 < 0 || i1 < i0) return false;
  wrapper.children = lca.children.slice(i0, i1 + 1) as ElementContent[];
  lca.children.splice(i0, i1 - i0 + 1, wrapper as never);
  return true;
}

/** An element divided before child `i`: two copies of it, the second without the id (ids are unique). */
function divide(el: Element, i: number): [Element, Element] {
  const { id: _id, ...rest } = el.properties;
  return [
    { ...el, properties: { ...el.properties }, children: el.children.slice(0, i) },
    { ...el, properties: rest, children: el.children.slice(i) },
  ];
}

/**
 * Headings get their ids later in Astro's pipeline, from their text (rehype-heading-ids): a heading written
 * “src-1” (or two written “src”) would get an id of the source links. Such headings get the author prefix here,
 * as the allow-list gives any id an author writes; the others keep Astro's.
 */
export function reserveSourceIds(tree: Root): void {
  const taken = new Set<string>();
  const headings: Element[] = [];
  const walk = (p: Parent) => {
    for (const c of p.children) {
      if (c.type !== 'element') continue;
      if (typeof c.properties.id === 'string') taken.add(c.properties.id);
      if (/^h[1-6]$/.test(c.tagName) && typeof c.properties.id !== 'string') headings.push(c);
      walk(c);
    }
  };
  walk(tree);
  for (const h of headings) {
    const words = textOf(h).trim().toLowerCase();
    if (!/^(?:src|note)\d*$/.test(words.replace(/[^a-z0-9]/g, ''))) continue;
    const id = `user-content-${words.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    let unique = id;
    for (let n = 1; taken.has(unique); n++) unique = `${id}-${n}`;
    taken.add(unique);
    h.properties.id = unique;
  }
}

function textOf(n: Node): string {
  if (n.type === 'text') return n.value;
  return 'children' in n ? (n.children as Node[]).map(textOf).join('') : '';
}
