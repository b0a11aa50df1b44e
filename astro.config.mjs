// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import showcase from './src/integrations/showcase.ts';
import { createHash } from 'node:crypto';
import { contentDirFromEnv } from './src/node/config.ts';
import { loadSiteSettings } from './src/node/content.ts';

// base and site come from content/site.yaml, overridden by SHOWCASE_BASE / SHOWCASE_SITE.
const settings = loadSiteSettings();

// Astro keeps parsed content (with resolved image paths) in its cache between builds; a cache per content
// folder keeps a build of one folder from reusing entries, and image paths, from another.
const contentKey = createHash('sha256').update(contentDirFromEnv()).digest('hex').slice(0, 12);

export default defineConfig({
  site: settings.site,
  cacheDir: `./node_modules/.astro/${contentKey}`,
  base: settings.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Intranet readers have no internet: nothing may be fetched from another host, not even by dev tooling.
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [showcase({ strict: process.env.SHOWCASE_STRICT === '1' }), mdx()],
});
