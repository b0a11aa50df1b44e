/**
 * The Markdown processor of the site, for .md and .mdx report bodies (astro.config.mjs `markdown.processor`;
 * the MDX integration extends it). It is Astro's unified processor (@astrojs/markdown-remark), not the default
 * Sätteri one, because the sanitiser is a rehype plugin and Sätteri runs none: with it, raw HTML in a report
 * would reach the page unchecked. It is also the parser family `analyzeBody` reads bodies with, so what the
 * check reports is what the page gets.
 *
 * No smartypants: the page prints the text as the author wrote it, the same text the figures were checked
 * against and search indexes ("2024--2025" stays two hyphens, straight quotes stay straight). It was also
 * about a third of the time spent rendering a body.
 */
import { unified } from '@astrojs/markdown-remark';
import { REMARK_REHYPE_OPTIONS } from '../lib/body/parse.ts';
import rehypeShowcaseBody, { type RehypeBodyOptions } from './rehype-body.ts';

/**
 * `base`: the site's base path, which links in a body are resolved under; `mdxFigures`: where an .mdx report's
 * figures come from, for its source links (both: see rehype-body.ts).
 */
export function showcaseMarkdownProcessor(opts: Pick<RehypeBodyOptions, 'base' | 'mdxFigures'> = {}) {
  return unified({
    rehypePlugins: [[rehypeShowcaseBody, { base: opts.base, mdxFigures: opts.mdxFigures }]],
    remarkRehype: REMARK_REHYPE_OPTIONS,
    smartypants: false,
  });
}
