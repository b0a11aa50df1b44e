// @ts-check
/**
 * The bare Astro baseline of `npm run bench -- --reports N`: the same Markdown report files, read by Astro's own
 * glob loader and rendered by its default Markdown pipeline, one page each and nothing else. It builds with
 * the project's node_modules. BENCH_CONTENT is the content folder (its reports/ are read), BENCH_CACHE Astro's
 * cache folder (the bench empties it for a cold build).
 */
import { defineConfig } from 'astro/config';

export default defineConfig({
  ...(process.env.BENCH_CACHE ? { cacheDir: process.env.BENCH_CACHE } : {}),
  devToolbar: { enabled: false },
});
