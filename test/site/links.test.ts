/**
 * The offline link checker on the shared test build: no broken internal reference and no asset from another
 * host in any page, stylesheet, script or feed, under the sub-path the site was built for.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { checkLinks, formatReport } from '../../src/linkcheck/index.ts';
import { BASE, SITE } from './global-setup.ts';

const distDir = inject('distDir');

describe('links in the built site', () => {
  it('every internal reference resolves to a file under the base, every anchor to an element', () => {
    const res = checkLinks({ dist: distDir, base: BASE, site: SITE });
    console.log(formatReport(res));
    const htmlFiles = readdirSync(distDir, { recursive: true }).filter((f) => String(f).endsWith('.html'));
    // The check saw the whole site, not an empty or partial folder.
    expect(res.pages).toBe(htmlFiles.length);
    expect(res.pages).toBeGreaterThan(50);
    expect(res.refs).toBeGreaterThan(res.pages * 10);
    expect(res.problems.map((p) => `${p.from} → ${p.url}：${p.reason}`)).toEqual([]);
    expect(res.problems.filter((p) => p.problem === 'external-asset')).toEqual([]);
  });

  it('scripts/linkcheck.ts exits 0 and says so', () => {
    const r = spawnSync(process.execPath, ['scripts/linkcheck.ts', distDir, '--base', BASE, '--site', SITE], { encoding: 'utf8' });
    expect(r.stdout).toContain('没有断链');
    expect(r.status).toBe(0);
  });
});
