/**
 * The site's rehype plugin for report bodies, in Astro's Markdown pipeline and in its MDX pipeline alike
 * (astro.config.mjs). It runs the same cleaning `analyzeBody` runs (src/lib/body/sanitize.ts): raw HTML is
 * parsed, the MDX policy is applied, the allow-list (src/lib/body/schema.ts) is enforced. So the page holds
 * nothing the allow-list does not, even for a report whose problems were never looked at.
 *
 * MDX: the allowed components (Figure, MetricChart) pass through with their literal props; imports, exports,
 * expressions and other components are removed here, so an `import` of another report (a draft, say) cannot
 * reach the page even if the build's check were skipped.
 *
 * Then, on the cleaned tree, the targets of the source links: each figure's sentence gets its id (src-N) and
 * the figure a <mark> (src/lib/body/figure-anchors.ts), from the report's validated figures: a .md body brings
 * them in its vfile from the reports loader (body-figures.ts), an .mdx body gets them from the `mdxFigures`
 * option (mdx-figures.ts). Ids of the source links come from this step only.
 *
 * Last, links on the site are made absolute under the base (src/lib/body/links.ts): the same HTML is shown on
 * the report page, in the casebooks and in print, each at another depth.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { anchorFigureSources, reserveSourceIds, type BodyFigures } from '../lib/body/figure-anchors.ts';
import { resolveSiteLinks } from '../lib/body/links.ts';
import { cleanBodyTree } from '../lib/body/sanitize.ts';
import { slugOf } from '../lib/validate/report.ts';
import { REPORT_COMPONENTS } from '../lib/body/mdx.ts';
import { figureCaption } from '../lib/figures/index.ts';
import { takeBodyFigures } from './body-figures.ts';

export interface RehypeBodyOptions {
  /** Components a body may use (default: the report components, Figure and MetricChart). */
  components?: readonly string[];
  /**
   * The figures of an .mdx report, which @astrojs/mdx compiles from the file (astro.config.mjs passes
   * mdx-figures.ts); without it an .mdx body gets no source targets. A .md body brings its own in the vfile.
   */
  mdxFigures?: (file: VFile) => BodyFigures | undefined;
  /** The site's base (astro.config.mjs): without it, links are left as written. */
  base?: string;
}

export default function rehypeShowcaseBody(options: RehypeBodyOptions = {}) {
  const components = options.components ?? REPORT_COMPONENTS;
  const figuresOf = (file: VFile) => (/\.mdx$/i.test(file.path ?? '') ? options.mdxFigures?.(file) : takeBodyFigures(file));
  return (tree: Root, file: VFile): Root => {
    const clean = cleanBodyTree(tree, { components, file });
    reserveSourceIds(clean);
    const figures = figuresOf(file);
    if (figures) {
      const { missing } = anchorFigureSources(clean, figures);
      // Never for a report the check accepted (the same text, the same rule); if it happens, the link checker
      // reports the dead links, and this says which figures.
      for (const m of missing) {
        process.stderr.write(`提醒：${file.path ?? '报告'} 的数字“${figureCaption(m)} ${m.text}”（metrics[${m.index}]）在正文里找不到可以链接的句子，它的出处链接会失效。\n`);
      }
    }
    if (options.base !== undefined && file.path) resolveSiteLinks(clean, slugOf(file.path), options.base);
    return clean;
  };
}
