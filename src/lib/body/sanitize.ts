/**
 * The one cleaning of a report body's HTML tree, for the site (src/markdown/rehype-body.ts runs it inside
 * Astro's Markdown and MDX pipelines) and for `analyzeBody` (which runs the same steps to say what they remove).
 *
 * 1. Raw HTML is parsed into elements (hast-util-raw, as rehype-raw does), so the allow-list sees real
 *    elements, not strings: `<img onerror>` split over a paragraph, or a `<script>` inside a `<div>`.
 * 2. MDX nodes are settled by the MDX policy (mdx.ts): the allowed components stay, holding only literal
 *    props; lowercase JSX elements become plain elements, so the allow-list judges them exactly like HTML in a
 *    .md report; imports, exports, expressions and other components are removed.
 * 3. The allow-list (schema.ts) is applied by hast-util-sanitize, the library behind rehype-sanitize. The
 *    allowed components are not HTML, so they pass through it as placeholders and are put back afterwards,
 *    with their children cleaned like everything else.
 * 4. In-page links follow the `user-content-` prefix the sanitiser puts on ids (footnotes, author anchors).
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from 'mdast-util-mdx-jsx';
import { attributeLiteral, jsxNameKind, MDX_NODE_TYPES, PROP_NAME } from './mdx.ts';
import { bodySchema } from './schema.ts';

type JsxHast = MdxJsxFlowElementHast | MdxJsxTextElementHast;
type AnyNode = Root | RootContent;
type ParentLike = { children: RootContent[] };

/** Placeholder for an allowed component while the allow-list runs; authored elements of this name are removed. */
const SLOT_TAG = 'showcase-mdx-component';
const SLOT_PROP = 'dataShowcaseSlot';

/** The allow-list plus the placeholder; identical to `bodySchema` for any tree without allowed components. */
const slotSchema: Schema = {
  ...bodySchema,
  tagNames: [...(bodySchema.tagNames ?? []), SLOT_TAG],
  attributes: { ...bodySchema.attributes, [SLOT_TAG]: [[SLOT_PROP, /^\d+$/]] },
};

export interface PreparedTree {
  tree: Root;
  /** Allowed components, by placeholder index, with their literal props and without children. */
  slots: JsxHast[];
  /** Elements that were lowercase JSX in the MDX source (for `analyzeBody`, which judges them as code). */
  fromJsx: WeakSet<Element>;
}

/**
 * Step 1: raw HTML becomes elements; MDX nodes are left in place for step 2. The file (the body's text) gives
 * the new elements their positions; without it they have none.
 */
export function parseRaw(tree: Root, file?: VFile): Root {
  return raw(tree, { passThrough: [...MDX_NODE_TYPES], file }) as Root;
}

/**
 * Step 2: applies the MDX policy (a no-op for a .md report, which has no MDX nodes). The allow-list of step 3
 * would drop any node type it does not know, ESM and expressions included; removing them here as well keeps
 * that a rule of the policy rather than a side effect of the library.
 */
export function prepareMdx(tree: Root, components: readonly string[]): PreparedTree {
  const slots: JsxHast[] = [];
  const fromJsx = new WeakSet<Element>();

  const children = (nodes: readonly RootContent[]): RootContent[] => nodes.flatMap((n) => node(n));
  const node = (n: RootContent): RootContent[] => {
    switch (n.type) {
      case 'mdxjsEsm':
        return [];
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return [];
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return jsx(n);
      case 'element':
        // Only a component may become a placeholder: one written by hand is dropped with its content.
        if (n.tagName === SLOT_TAG) return [];
        return [{ ...n, children: children(n.children) as ElementContent[] }];
      default:
        return [n];
    }
  };
  const jsx = (n: JsxHast): RootContent[] => {
    const kind = jsxNameKind(n.name, components, n.children.length === 0).kind;
    const inner = children(n.children as RootContent[]);
    if (kind === 'component') {
      const attributes = n.attributes.filter(
        (a) => a.type === 'mdxJsxAttribute' && PROP_NAME.test(a.name) && attributeLiteral(a).ok,
      );
      slots.push({ ...n, attributes, children: [] });
      const slot: Element = {
        type: 'element', tagName: SLOT_TAG, properties: { [SLOT_PROP]: String(slots.length - 1) },
        children: inner as ElementContent[], position: n.position,
      };
      return [slot];
    }
    if (kind === 'element' && n.name !== SLOT_TAG) {
      const props: Properties = {};
      for (const a of n.attributes) {
        if (a.type !== 'mdxJsxAttribute') continue;
        const lit = attributeLiteral(a);
        if (!lit.ok || Array.isArray(lit.value) || lit.value === null || lit.value === false) continue;
        props[a.name] = lit.value;
      }
      // hastscript maps JSX/HTML attribute names (class, className, onerror, onError) to hast properties.
      const el = h(n.name!, props) as Element;
      el.children = inner as ElementContent[];
      if (n.position) el.position = n.position;
      fromJsx.add(el);
      return [el];
    }
    // Another component, a member or namespaced name, a fragment: what it wraps stays, cleaned.
    return inner;
  };
  return { tree: { ...tree, children: children(tree.children) }, slots, fromJsx };
}

/** Step 3: the allow-list; placeholders of allowed components pass. */
export function applyAllowList(tree: Root): Root {
  return sanitize(tree, slotSchema) as Root;
}

/** Step 3, second half: the allowed components return in place of their placeholders. */
export function restoreComponents(tree: Root, slots: readonly JsxHast[]): Root {
  const walk = (parent: ParentLike) => {
    parent.children = parent.children.flatMap((c): RootContent[] => {
      if (c.type === 'element' && c.tagName === SLOT_TAG) {
        walk(c as ParentLike);
        const slot = slots[Number(c.properties[SLOT_PROP])];
        if (!slot) return c.children as RootContent[];
        return [{ ...slot, children: c.children } as RootContent];
      }
      if ('children' in c) walk(c as ParentLike);
      return [c];
    });
  };
  walk(tree as ParentLike);
  return tree;
}

/**
 * Step 4: `#x` links to an id the sanitiser prefixed to `user-content-x` are pointed at it, as GitHub does with
 * script; without this, footnote links and an author's own anchors would lead nowhere.
 */
export function linkPrefixedIds(tree: Root): Root {
  const prefix = bodySchema.clobberPrefix ?? '';
  const ids = new Set<string>();
  const links: Element[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'element') {
      if (typeof n.properties.id === 'string') ids.add(n.properties.id);
      if (n.tagName === 'a' && typeof n.properties.href === 'string' && n.properties.href.startsWith('#')) links.push(n);
    }
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(tree);
  for (const a of links) {
    const href = a.properties.href as string;
    let target: string;
    try {
      target = decodeURIComponent(href.slice(1));
    } catch {
      continue;
    }
    if (!ids.has(target) && ids.has(prefix + target)) a.properties.href = `#${encodeURIComponent(prefix + target)}`;
  }
  return tree;
}

/** Steps 1–4: the tree a reader's browser receives. */
export function cleanBodyTree(tree: Root, opts: { components: readonly string[]; file?: VFile }): Root {
  const prepared = prepareMdx(parseRaw(tree, opts.file), opts.components);
  return linkPrefixedIds(restoreComponents(applyAllowList(prepared.tree), prepared.slots));
}

