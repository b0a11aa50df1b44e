/**
 * How a .md report's validated figures reach the source-link step of the rehype plugin (rehype-body.ts): in the
 * vfile, as Astro hands any body's frontmatter to remark and rehype plugins (`file.data.astro.frontmatter`).
 * The reports loader renders the body with the loader context's `renderMarkdown`, which reads a frontmatter
 * block at the start of what it is given and passes it to the plugins; the loader writes the figures there
 * (withBodyFigures) and the plugin takes them out again (takeBodyFigures). An .mdx body is compiled by
 * @astrojs/mdx from the file, with the author's own frontmatter: see mdx-figures.ts.
 */
import type { VFile } from 'vfile';
import type { BodyFigures } from '../lib/body/figure-anchors.ts';

/** The frontmatter field; no report field is named so, and the loader's block is the only one a .md body gets. */
const FIELD = 'showcaseBodyFigures';

/**
 * The body to hand to `renderMarkdown`, preceded by a frontmatter block holding the figures. The block is one
 * line of JSON (which is YAML) in pure ASCII, so no character of a label or figure can end the block early or be
 * read as a line break; once Astro has removed it, the body starts after one newline, which keeps a body that
 * begins with a thematic break (---) from being read as frontmatter itself.
 */
export function withBodyFigures(body: string, figures: BodyFigures): string {
  const json = JSON.stringify({ [FIELD]: figures }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `---\n${json}\n---\n${body}`;
}

/**
 * The figures the loader wrote, removed from the vfile's frontmatter: Astro returns that frontmatter with the
 * rendered body and the content store keeps it, while the entry's data already holds the figures.
 */
export function takeBodyFigures(file: VFile): BodyFigures | undefined {
  const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
  const figures = frontmatter?.[FIELD] as BodyFigures | undefined;
  if (frontmatter && FIELD in frontmatter) delete frontmatter[FIELD];
  return figures;
}
