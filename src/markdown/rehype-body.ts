/**
 * The site's rehype plugin for report bodies, in Astro's Markdown pipeline and in its MDX pipeline alike
 * (astro.config.mjs). It runs the same cleaning `analyzeBody` runs (src/lib/body/sanitize.ts): raw HTML is
 * parsed, the MDX policy is applied, the allow-list (src/lib/body/schema.ts) is enforced. So the page holds
 * nothing the allow-list does not, even for a report whose problems were never looked at.
 *
 * MDX: the allowed components (Figure, MetricChart) pass through with their literal props; imports, exports,
 * expressions and other components are removed here, so an `import` of another report (a draft, say) cannot
 * reach the page even if the build's check were skipped.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { cleanBodyTree } from '../lib/body/sanitize.ts';
import { REPORT_COMPONENTS } from '../lib/body/mdx.ts';

export interface RehypeBodyOptions {
  /** Components a body may use (default: the report components, Figure and MetricChart). */
  components?: readonly string[];
}

export default function rehypeShowcaseBody(options: RehypeBodyOptions = {}) {
  const components = options.components ?? REPORT_COMPONENTS;
  return (tree: Root, file: VFile): Root => cleanBodyTree(tree, { components, file });
}
