// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import showcase from './src/integrations/showcase.ts';
import { loadSiteSettings } from './src/node/content.ts';

// base and site come from content/site.yaml, overridden by SHOWCASE_BASE / SHOWCASE_SITE.
const settings = loadSiteSettings();

export default defineConfig({
  site: settings.site,
  base: settings.base,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // Intranet readers have no internet: nothing may be fetched from another host, not even by dev tooling.
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [showcase({ strict: process.env.SHOWCASE_STRICT === '1' }), mdx()],
});
