/**
 * The build runs the same checks as `npm run check` before anything else: a report with an error stops it
 * with the Chinese message and no stack trace; a future-dated report is published once its day has come.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../helpers/content.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('build with content errors', () => {
  it('stops before building, with the Chinese message and exit code 1', () => {
    const content = path.join(tmp, 'content');
    mkdirSync(path.join(content, 'reports'), { recursive: true });
    cpSync('test/fixtures/check/orgs.yaml', path.join(content, 'orgs.yaml'));
    cpSync('test/fixtures/invalid/unit-wrong-dimension.md', path.join(content, 'reports', 'jiexiu-2025q1.md'));
    const res = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', path.join(tmp, 'dist')], {
      encoding: 'utf8',
      env: { ...process.env, SHOWCASE_CONTENT: content, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    const out = `${res.stdout}${res.stderr}`;
    expect(res.status).toBe(1);
    expect(out).toContain('reports/jiexiu-2025q1.md:9:11  metrics[0].text');
    expect(out).toContain('单位与指标不符');
    expect(out).toContain('构建停止');
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  }, 120_000);
});

describe('embargo', () => {
  it('a future-dated report is published from its day on (Shanghai time)', async () => {
    const at = async (iso: string) => (await loadContent({ contentDir: 'test/fixtures/content', now: new Date(iso) })).model.reports.find((r) => r.slug === 'shili-embargo-2031')!;
    expect((await at('2031-01-14T15:59:59Z')).published).toBe(false);
    expect((await at('2031-01-14T16:00:00Z')).published).toBe(true);
    const draft = (await loadContent({ contentDir: 'test/fixtures/content', now: new Date('2040-01-01') })).model.reports.find((r) => r.slug === 'shili-draft-2025q3')!;
    expect(draft.published).toBe(false);
  });
});
