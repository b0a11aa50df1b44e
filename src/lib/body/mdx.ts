/**
 * MDX policy — MDX is code, and reports are written by people who are not programmers and are not trusted to
 * run code on the build machine or in readers' browsers. So an .mdx report may contain only:
 *
 * - Markdown, exactly as in a .md report (and through the same HTML allow-list, src/lib/body/schema.ts);
 * - the project's components (`Figure`, `MetricChart`), with literal props only: `metric="deposit_balance"`,
 *   `asOf="2025-03-31"`, `asOf={"2025-03-31"}`, `metrics={["deposit_balance", "loan_balance"]}`, `title="…"`,
 *   numbers, `true`/`false`; prop names are plain words (no `set:html`, no `client:load`);
 * - lowercase HTML elements that the allow-list keeps (`<sup>`, `<br />`, `<figure>` …), with literal
 *   attributes it keeps;
 * - comments `{/* … *\/}`.
 *
 * Everything else is an error of `analyzeBody` (the build stops on it) and is also removed from the page by
 * the site's rehype plugin, so that nothing depends on the check having run:
 * - `import` / `export`: an import pulls another file into the report — another report (a draft or an
 *   embargoed one would be published inside this one), a data file, a script — past every check;
 * - `{expressions}`: `{process.env.SECRET}`, `{readFileSync(…)}` run on the build machine;
 * - other components (`<Foo />`, `<a.b />`, `<svg:use />`, `<>…</>`), spread props `{...x}`, non-literal props
 *   `metric={x}`: their values are computed by code;
 * - lowercase elements or attributes the allow-list drops (`<script>`, `<iframe>`, `onError="…"`, `style=…`).
 */
import type { Expression, Program } from 'estree';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx';

/** The components a report body may use; the report page passes exactly these to the body. */
export const REPORT_COMPONENTS = ['Figure', 'MetricChart'] as const;

/** MDX node types, in mdast and in hast (remark-rehype passes them through). */
export const MDX_NODE_TYPES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'] as const;

export type LiteralScalar = string | number | boolean | null;
export type LiteralValue = LiteralScalar | LiteralScalar[];

export type Literal = { ok: true; value: LiteralValue } | { ok: false };

const NOT_LITERAL: Literal = { ok: false };

function scalar(e: Expression): { ok: true; value: LiteralScalar } | { ok: false } {
  switch (e.type) {
    case 'Literal':
      // A regular expression or bigint literal is code, not a value a component expects.
      if ('regex' in e || 'bigint' in e) return { ok: false };
      return { ok: true, value: e.value as LiteralScalar };
    case 'TemplateLiteral':
      return e.expressions.length === 0 && e.quasis.length === 1 ? { ok: true, value: e.quasis[0]!.value.cooked ?? '' } : { ok: false };
    case 'UnaryExpression':
      if (e.operator === '-' && e.argument.type === 'Literal' && typeof e.argument.value === 'number') return { ok: true, value: -e.argument.value };
      return { ok: false };
    default:
      return { ok: false };
  }
}

/** The value of `{…}` when it is a literal (or an array of literals); a comment-only program is not a value. */
export function literalExpression(program: Program | undefined): Literal {
  if (!program || program.body.length !== 1) return NOT_LITERAL;
  const stmt = program.body[0]!;
  if (stmt.type !== 'ExpressionStatement') return NOT_LITERAL;
  const e = stmt.expression;
  if (e.type === 'ArrayExpression') {
    const values: LiteralScalar[] = [];
    for (const el of e.elements) {
      if (!el || el.type === 'SpreadElement') return NOT_LITERAL;
      const s = scalar(el);
      if (!s.ok) return NOT_LITERAL;
      values.push(s.value);
    }
    return { ok: true, value: values };
  }
  const s = scalar(e);
  return s.ok ? s : NOT_LITERAL;
}

/** An MDX expression that holds only comments (`{/* … *\/}`): the way to write a note in MDX; it renders nothing. */
export function isCommentOnly(program: Program | undefined): boolean {
  return !!program && program.body.length === 0;
}

/** The literal value of a JSX attribute: `a="x"` → "x", `a` → true, `a={["x"]}` → ["x"]. */
export function attributeLiteral(attr: MdxJsxAttribute): Literal {
  if (attr.value === null || attr.value === undefined) return { ok: true, value: true };
  if (typeof attr.value === 'string') return { ok: true, value: attr.value };
  return literalExpression(attr.value.data?.estree ?? undefined);
}

/** Prop names a component may receive: plain words. `set:html`, `client:load`, `is:raw` are Astro directives. */
export const PROP_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export type JsxName =
  | { kind: 'component' }
  | { kind: 'element' }
  | { kind: 'other' };

/**
 * Lowercase names are HTML elements (MDX renders them as such); any other name is a component, a member
 * (`a.b`), a namespaced name (`svg:use`) or a fragment (no name). A lowercase name that is a component's, on an
 * element without content (`<figure metric="…" />`), is a mistyped component, not an empty HTML element.
 */
export function jsxNameKind(name: string | null | undefined, components: readonly string[], empty = false): JsxName {
  if (name && components.includes(name)) return { kind: 'component' };
  if (name && /^[a-z][a-z0-9-]*$/.test(name)) {
    if (empty && components.some((c) => c.toLowerCase() === name)) return { kind: 'other' };
    return { kind: 'element' };
  }
  return { kind: 'other' };
}

export type JsxAttribute = MdxJsxAttribute | MdxJsxExpressionAttribute;
