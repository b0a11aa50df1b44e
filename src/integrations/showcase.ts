/**
 * The site's integration. Content is read and checked by the reports loader (src/loaders/reports.ts), not here;
 * this integration adds what is made from content rather than from pages:
 * - build: the search index and the share cards, written after the pages from one document the build renders
 *   from the collection (src/routes/outputs.ts), which is then removed from the output;
 * - dev: the same cards on request (routes) and the same search index, rebuilt in memory whenever the content
 *   changes, so the search page and the card buttons work while writing; and the review page (<base>_review/),
 *   where a writer confirms an imported draft's figures and fields (src/routes/review/).
 * - build: Astro's own cache is checked against the content hashes recorded by the last build before Astro
 *   reads it, and recorded again when Astro is done (src/cache/astro.ts); the hashes of the cards and
 *   search files copied into the site are handed to the stamp (FileHashes), which need not read them again.
 */
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTPUTS_ROUTE, modelOf, searchDigest, type OutputsManifest } from '../astro/outputs.ts';
import { buildCards, MissingGlyphError } from '../cards/build.ts';
import { contentType } from '../lib/mime.ts';
import { normalizeBase } from '../lib/urls.ts';
import { showcaseError } from '../node/errors.ts';
import { buildSearchIndex, searchIndexFiles } from '../search/index-build.ts';
import { timingsLine, timingsWanted, type Timings } from '../node/timings.ts';
import { cacheDirFromEnv } from '../node/config.ts';
import { astroCacheMessage, recordAstroCache, verifyAstroCache } from '../cache/astro.ts';
import { FileHashes, fileHashesFile } from '../publish/build-output.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default function showcase(): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let buildStarted = 0;
  let isBuild = false;
  let astroCache = '';
  let astroSeen: ReadonlyMap<string, string> | undefined;
  const timings: Timings = {};
  return {
    name: 'case-showcase',
    hooks: {
      'astro:config:setup': ({ command, config, injectRoute, updateConfig }) => {
        root = fileURLToPath(config.root);
        base = normalizeBase(config.base);
        isBuild = command === 'build';
        injectRoute({ pattern: `/${OUTPUTS_ROUTE.replace(/\.json$/, '')}.json`, entrypoint: here('../routes/outputs.ts') });
        if (command === 'dev') {
          injectRoute({ pattern: '/cards/reports/[name].png', entrypoint: here('../routes/report-card.ts') });
          injectRoute({ pattern: '/cards/orgs/[id].png', entrypoint: here('../routes/org-card.ts') });
          // The review page (审阅) writes report files: it exists on the dev server only, for this computer only
          // (src/lib/review/guard.ts), and no build has it.
          injectRoute({ pattern: '/_review', entrypoint: here('../routes/review/list.astro') });
          injectRoute({ pattern: '/_review/[slug]', entrypoint: here('../routes/review/report.astro') });
          injectRoute({ pattern: '/_review/[slug]/file.json', entrypoint: here('../routes/review/file.ts') });
        }
        const vite: ViteUserConfig = {
            // Dev: Vite's pre-bundled dependencies (chart.js …) in this content folder's own cache (astro.config.mjs
            // keeps one per folder) instead of the project-wide node_modules/.vite. Vite re-bundles there whenever
            // its config differs, as it does for another content folder or for a build's sync, and a dev server
            // that is already running then answers 504 for chart.js: its pages' charts stay blank until restarted.
            ...(command === 'dev' ? { cacheDir: fileURLToPath(new URL('vite-dev/', config.cacheDir)) } : {}),
            build: {
              rolldownOptions: {
                // Every MDX report compiles to a module with Astro's "use astro:head-inject" directive, and the
                // bundler warns once per file in a box; the directive is Astro's own and handled by Astro.
                onLog(level, log, handler) {
                  if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
                  handler(level, log);
                },
              },
            },
        };
        updateConfig({ vite });
      },
      'astro:server:setup': ({ server, logger }) => {
        // Dev: /pagefind/* from the current content. The records come from the outputs route of this same
        // server, so search in dev sees exactly what a build would index.
        let current: { digest: string; files: Map<string, Uint8Array> } | undefined;
        // The index before the last change: a search page opened before it still asks for that index's chunks and
        // fragments, whose names are content hashes and never change meaning; they are served until the next change.
        let previous: Map<string, Uint8Array> | undefined;
        let building: Promise<void> | undefined;
        const prefix = `${base}pagefind/`;
        server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
          const url = (req.url ?? '').split('?')[0]!;
          if (!url.startsWith(prefix)) return next();
          const serve = async () => {
            const addr = server.httpServer?.address() as AddressInfo | null;
            if (!addr) throw new Error('开发服务器还没有启动完成');
            const host = addr.family === 'IPv6' ? `[${addr.address === '::' ? '::1' : addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
            const r = await fetch(`http://${host}:${addr.port}${base}${OUTPUTS_ROUTE}`);
            if (!r.ok) throw new Error(`检索记录读取失败（${r.status}）`);
            const manifest = (await r.json()) as OutputsManifest;
            const digest = searchDigest(manifest.search);
            if (current?.digest !== digest) {
              building ??= searchIndexFiles(manifest.search).then((files) => {
                previous = current?.files;
                current = { digest, files };
                logger.info(`检索索引已更新：${manifest.search.length} 篇`);
              }).finally(() => {
                building = undefined;
              });
              await building;
            }
            const name = decodeURIComponent(url.slice(prefix.length));
            const file = current?.files.get(name) ?? previous?.get(name);
            if (!file) {
              res.statusCode = 404;
              res.end();
              return;
            }
            res.setHeader('content-type', contentType(url));
            res.setHeader('cache-control', 'no-store');
            res.end(Buffer.from(file));
          };
          serve().catch((e: unknown) => {
            logger.error(`开发模式检索出错：${e instanceof Error ? e.message : String(e)}`);
            res.statusCode = 500;
            res.end();
          });
        });
      },
      'astro:config:done': ({ config, logger }) => {
        if (!isBuild) return;
        // Before Astro reads its content store and page cache (the content is synced right after this hook).
        astroCache = fileURLToPath(config.cacheDir);
        const t0 = performance.now();
        const checked = verifyAstroCache(astroCache);
        astroSeen = checked.seen;
        timings.astroCacheCheck = Math.round(performance.now() - t0);
        const message = astroCacheMessage(checked);
        if (message) logger.warn(message);
      },
      'astro:build:start': () => {
        buildStarted = performance.now();
      },
      'astro:build:done': async ({ dir, logger }) => {
        // Bundling and page generation: from the start of the build proper to here.
        timings.astro = Math.round(performance.now() - buildStarted);
        const outDir = fileURLToPath(dir);
        // Astro has written its caches for this build: what the next build checks them against.
        if (astroCache) {
          const t0 = performance.now();
          recordAstroCache(astroCache, astroSeen);
          timings.astroCacheRecord = Math.round(performance.now() - t0);
        }
        const manifestFile = path.join(outDir, OUTPUTS_ROUTE);
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as OutputsManifest;
        rmSync(path.join(outDir, path.dirname(OUTPUTS_ROUTE)), { recursive: true, force: true });
        logger.info(`已发布 ${manifest.reports.length} 份报告（草稿与未到发布日期的报告不输出）。`);
        // Shards of the search index and cards whose inputs did not change come from here.
        const cache = cacheDirFromEnv(process.env, root);
        const search = await buildSearchIndex({ outDir, docs: manifest.search, cacheDir: path.join(cache, 'showcase-search'), log: (s) => logger.warn(s) });
        logger.info(`检索索引：${search.pages} 篇，${search.shards} 个分片（重建 ${search.indexed} 个，其余沿用缓存），${(search.bytes / 1024).toFixed(0)} KB，${Math.round(search.ms)} 毫秒`);
        timings.search = Math.round(search.ms);
        timings.searchBytes = search.bytes;
        timings.searchShards = { shards: search.shards, indexed: search.indexed };
        const started = performance.now();
        try {
          const cards = await buildCards({ model: modelOf(manifest), outDir, log: (s) => logger.info(s), warn: (s) => logger.warn(s), root, cacheDir: path.join(cache, 'showcase-cards') });
          const ms = performance.now() - started;
          logger.info(`分享卡片：新生成 ${cards.rendered} 张${cards.threads > 0 ? `（${cards.threads} 个线程）` : ''}，沿用缓存 ${cards.cached} 张，${Math.round(ms)} 毫秒`);
          timings.cards = Math.round(ms);
          timings.cardStats = cardStats(cards);
          // The stamp (scripts/build.ts) takes these hashes instead of reading the copies again.
          const known = new FileHashes();
          for (const [file, hash] of [...search.hashes, ...cards.hashes]) known.record(file, hash);
          known.save(fileHashesFile(cache), outDir);
          if (timingsWanted()) logger.info(timingsLine(timings));
        } catch (e) {
          if (e instanceof MissingGlyphError) throw showcaseError('分享卡片', e.message, '改正后重新构建；npm run check 会在构建前指出这些字符。');
          throw e;
        }
      },
    },
  };
}

/** Medians per rendered card and poster (satori + sharp, per worker), for the bench. */
function cardStats(c: { rendered: number; cached: number; jobs: { kind: string; svgMs: number; pngMs: number; bytes: number }[]; threads: number }): Record<string, number> {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? Math.round(((s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2) * 10) / 10 : 0;
  };
  const of = (kind?: string) => c.jobs.filter((j) => !kind || j.kind === kind);
  return {
    rendered: c.rendered,
    cached: c.cached,
    threads: c.threads,
    medianMs: median(of().map((j) => j.svgMs + j.pngMs)),
    medianSvgMs: median(of().map((j) => j.svgMs)),
    medianPngMs: median(of().map((j) => j.pngMs)),
    medianCardMs: median(of('card').map((j) => j.svgMs + j.pngMs)),
    medianPosterMs: median(of('poster').map((j) => j.svgMs + j.pngMs)),
    medianCardBytes: median(of('card').map((j) => j.bytes)),
    medianPosterBytes: median(of('poster').map((j) => j.bytes)),
  };
}
