/**
 * The report body as syntax trees, read the way the site's renderer reads it: remark-parse with GFM (tables,
 * footnotes, autolinks, strikethrough), plus remark-mdx for .mdx — the parsers Astro's unified processor and
 * @mdx-js/mdx use — and remark-rehype with the same options the site passes (REMARK_REHYPE_OPTIONS, which
 * astro.config.mjs takes from here). What `analyzeBody` reports is therefore what the page will contain.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import { MDX_NODE_TYPES } from './mdx.ts';

/**
 * - `allowDangerousHtml`: raw HTML is kept so the sanitiser can judge it (and tell the author what it drops)
 *   rather than being silently discarded;
 * - `clobberPrefix: ''`: the sanitiser prefixes every id with `user-content-` itself; a second prefix from here
 *   would leave footnote links pointing nowhere;
 * - footnote labels in Chinese: the defaults are English text on the page.
 */
export const REMARK_REHYPE_OPTIONS: RemarkRehypeOptions = {
  allowDangerousHtml: true,
  clobberPrefix: '',
  footnoteLabel: '注释',
  footnoteLabelProperties: {},
  footnoteBackLabel: (reference: number, rereference: number) =>
    `返回正文第 ${reference + 1} 处注释引用${rereference > 1 ? `（第 ${rereference} 次）` : ''}`,
  passThrough: [...MDX_NODE_TYPES],
};

const mdParser = unified().use(remarkParse).use(remarkGfm).freeze();
// Same order as @mdx-js/mdx with Astro's options: remark-mdx, then GFM.
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();
const toHastProcessor = unified().use(remarkRehype, REMARK_REHYPE_OPTIONS).freeze();

/** The Markdown tree; for MDX throws the parser's message (a VFileMessage with line, column, source, ruleId). */
export function parseBody(body: string, mdx: boolean): MdastRoot {
  const parser = mdx ? mdxParser : mdParser;
  return parser.runSync(parser.parse(body)) as MdastRoot;
}

/** The HTML tree before any cleaning: raw HTML still as `raw` nodes, MDX nodes passed through. */
export function toBodyHast(tree: MdastRoot): HastRoot {
  return toHastProcessor.runSync(tree) as HastRoot;
}

/** What the MDX parser says when it cannot read the body. */
export interface MdxSyntax {
  line?: number;
  column?: number;
  /** Which part of MDX failed: 'micromark-extension-mdx-jsx', 'micromark-extension-mdx-expression', … */
  source?: string;
  ruleId?: string;
}

export function mdxSyntaxOf(e: unknown): MdxSyntax | undefined {
  if (!e || typeof e !== 'object' || !('ruleId' in e || 'source' in e)) return undefined;
  const m = e as { line?: number | null; column?: number | null; source?: string | null; ruleId?: string | null };
  return {
    line: m.line ?? undefined,
    column: m.column ?? undefined,
    source: m.source ?? undefined,
    ruleId: m.ruleId ?? undefined,
  };
}
