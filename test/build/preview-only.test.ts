/**
 * A build never contains what only the dev server's preview shows — draft and embargoed pages, problem
 * banners, the dev stylesheet policy — even when NODE_ENV is not "production" (then Vite sets
 * import.meta.env.DEV in a build too, which is why the pages ask the loader instead).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP_META } from '../../src/lib/csp.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-preview-only-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const VALID = readFileSync(path.join(ROOT, 'test/fixtures/valid/jiexiu-2025q1.md'), 'utf8');

describe.each(['development', 'test'])('a build with NODE_ENV=%s', (nodeEnv) => {
  it('has no draft or embargoed page, no problem banner and the production policy', () => {
    const content = path.join(tmp, nodeEnv, 'content');
    const dist = path.join(tmp, nodeEnv, 'dist');
    mkdirSync(path.join(content, 'reports'), { recursive: true });
    cpSync(path.join(ROOT, 'test/fixtures/check/orgs.yaml'), path.join(content, 'orgs.yaml'));
    writeFileSync(path.join(content, 'reports', 'jiexiu-2025q1.md'), VALID);
    writeFileSync(path.join(content, 'reports', 'jiexiu-draft.md'), VALID.replace('党建赋能', '草稿').replace('date: 2025-04-22', 'date: 2025-04-22\ndraft: true'));
    // Dated years later, its “截至3月末” would be that year's: the body says which March.
    writeFileSync(path.join(content, 'reports', 'jiexiu-later.md'), VALID.replace('党建赋能', '定时').replace('date: 2025-04-22', 'date: 2031-01-15').replaceAll('截至3月末', '截至2025年3月末'));
    const res = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: nodeEnv, SHOWCASE_CONTENT: content, SHOWCASE_NOW: '2026-01-10', ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(res.status, `${res.stdout}${res.stderr}`).toBe(0);
    expect(existsSync(path.join(dist, 'reports/jiexiu-2025q1/index.html'))).toBe(true);
    expect(existsSync(path.join(dist, 'reports/jiexiu-draft'))).toBe(false);
    expect(existsSync(path.join(dist, 'reports/jiexiu-later'))).toBe(false);
    const pages = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(path.join(dist, page), 'utf8');
      expect(html, page).not.toMatch(/草稿预览|定时发布预览|dev-problems|份报告有错误/);
      expect(html, page).not.toMatch(/jiexiu-draft|jiexiu-later/);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'");
      expect(csp, page).toBe(CSP_META);
    }
  }, 180_000);
});
