// @ts-check
// First: an older Node stops here with one line saying what to run instead.
import './src/node-version.mjs';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { showcaseMarkdownProcessor } from './src/markdown/processor.ts';
import { mdxBodyFigures } from './src/markdown/mdx-figures.ts';
import showcase from './src/integrations/showcase.ts';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { contentDirFromEnv, projectContentDir } from './src/node/config.ts';
import { readSiteAddress } from './src/node/content-config.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const contentDir = contentDirFromEnv(process.env, root);

// base and site come from content/site.yaml, overridden by SHOWCASE_BASE / SHOWCASE_SITE. A change to them
// needs a restart of the dev server; everything else in site.yaml is read by the reports loader, live.
const settings = readSiteAddress({ contentDir, projectContentDir: projectContentDir(root) });

// Astro keeps loaded content (with resolved image paths) in its cache between builds; a cache per content
// folder keeps a build of one folder from reusing entries, and image paths, from another.
const contentKey = createHash('sha256').update(contentDir).digest('hex').slice(0, 12);

export default defineConfig({
  site: settings.site,
  cacheDir: `./node_modules/.astro/${contentKey}`,
  base: settings.base,
  trailingSlash: 'always',
  // One Content-Security-Policy for every page (src/lib/csp.ts) needs pages without inline <style> or <script>:
  // Astro inlines small stylesheets and, below Vite's assetsInlineLimit, small scripts; both go to _astro/ files.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  // Intranet readers have no internet: nothing may be fetched from another host, not even by dev tooling.
  devToolbar: { enabled: false },
  prefetch: false,
  // Report bodies are untrusted: Astro's unified processor with the project's sanitiser (src/markdown/), not the
  // default Sätteri processor, which runs no rehype plugin and would pass raw HTML through. No syntax
  // highlighting: its inline styles would be removed by the sanitiser, and reports are not code listings.
  // Links between reports are resolved under the base here, so a body links right on every page that shows it.
  // An .mdx report's figures, for its source links, come from its file checked against this content folder's data
  // files (a .md body brings them from the reports loader).
  markdown: {
    processor: showcaseMarkdownProcessor({ base: settings.base, mdxFigures: mdxBodyFigures({ contentDir, projectContentDir: projectContentDir(root) }) }),
    syntaxHighlight: false,
  },
  // MDX extends the Markdown config: the same processor and plugin, which keeps the allowed components
  // (Figure, MetricChart) and removes imports, expressions and everything else the MDX policy forbids.
  integrations: [showcase(), mdx({ extendMarkdownConfig: true })],
  // A page whose cache key (getStaticPaths: what it shows beyond its code, see src/astro/site-data.ts pageKey)
  // and code are unchanged since the last build is copied from Astro's cache instead of rendered again: a
  // rebuild after editing one report renders that report's page and the few pages that list it.
  // contentIntellisense: editors with Astro's language server (the VS Code extension) complete and check a
  // report's frontmatter from the reports collection's schema (src/content.config.ts).
  experimental: { incrementalBuild: true, contentIntellisense: true },
});
