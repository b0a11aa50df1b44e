/**
 * One site build for every site test: the bundled sample reports plus a generated corpus (for search
 * exactness at a realistic size) and a report quoting a figure about someone else (CONTEXT_REPORT), built
 * under the sub-path /showcase/ and served by a plain static server that does not guess .html — as on the
 * intranet.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic, type StaticServer } from '../../src/serve/static-server.ts';
import { ATTACKS_DIR, PUBLISHED_ATTACKS } from './attacks.ts';
import { writeContextReport, writeCorpus } from '../../tools/corpus.ts';

export const BASE = '/showcase/';
export const SITE = 'http://showcase.intranet.test';
/** Corpus size: enough pages for Pagefind's ranking and chunking to matter, small enough for CI. */
const CORPUS = Number(process.env.SHOWCASE_TEST_CORPUS ?? 300);

let server: StaticServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    distDir: string;
    contentDir: string;
  }
}

export default async function setup(project: TestProject) {
  const work = process.env.SHOWCASE_TEST_WORKDIR ?? mkdtempSync(path.join(os.tmpdir(), 'showcase-site-'));
  const contentDir = path.join(work, 'content');
  const distDir = path.join(work, 'dist');
  const reuse = process.env.SHOWCASE_TEST_REUSE === '1' && existsSync(path.join(distDir, 'index.html'));
  if (!reuse) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(contentDir, { recursive: true });
    cpSync('test/fixtures/content', contentDir, { recursive: true });
    writeCorpus(path.join(contentDir, 'reports'), CORPUS);
    writeContextReport(path.join(contentDir, 'reports'));
    mkdirSync(path.join(contentDir, 'reports', 'attacks'));
    for (const name of PUBLISHED_ATTACKS) cpSync(path.join(ATTACKS_DIR, `${name}.md`), path.join(contentDir, 'reports', 'attacks', `${name}.md`));
    const started = Date.now();
    // Astro's own entry on this Node (the pinned one under npm test), whatever PATH holds.
    const res = spawnSync(process.execPath, [path.resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', distDir], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, SHOWCASE_CONTENT: contentDir, SHOWCASE_BASE: BASE, SHOWCASE_SITE: SITE, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (res.status !== 0) throw new Error(`测试站点构建失败（退出码 ${res.status}）`);
    console.log(`测试站点构建用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（${CORPUS} 份生成报告 + 样例）`);
  }
  server = await serveStatic({ root: distDir, base: BASE });
  project.provide('siteUrl', server.url);
  project.provide('distDir', distDir);
  project.provide('contentDir', contentDir);
  return async () => {
    await server?.close();
    if (!process.env.SHOWCASE_TEST_WORKDIR) rmSync(work, { recursive: true, force: true });
  };
}
