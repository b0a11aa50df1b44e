/**
 * Pages a rebuild copies from Astro's cache instead of rendering (experimental.incrementalBuild with the cache
 * keys of src/astro/site-data.ts) are exactly what a full render gives: after editing a report's body, a
 * figure (frontmatter and body) and the organisation registry, the incremental build and a forced full build of
 * the same content are identical file for file. And the cache is used: an unchanged rebuild renders no report
 * page, an edit renders the edited report's page, and a figure edit spares the pages that draw nothing of it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_NOW, editBody, editFigure, writeBenchCorpus } from '../../tools/bench/corpus.ts';
import { buildManifest, diffManifests } from '../../src/publish/build-output.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-incremental-pages-'));
const content = path.join(tmp, 'content');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function build(outDir: string, ...args: string[]): string {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.ts'), '--outDir', outDir, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SHOWCASE_CONTENT: content, SHOWCASE_NOW: BENCH_NOW, SHOWCASE_CACHE: path.join(tmp, 'cache'), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
  });
  const out = `${res.stdout}${res.stderr}`;
  expect(res.status, out).toBe(0);
  return out;
}

/** Report pages the build rendered (not restored from the cache). */
function renderedReports(log: string): string[] {
  return [...log.matchAll(/\/reports\/(bench-\d+)\/index\.html \(\+/g)].map((m) => m[1]!);
}

function same(a: string, b: string): void {
  const d = diffManifests(buildManifest(a), buildManifest(b));
  expect({ added: d.added, changed: d.changed, removed: d.removed }).toEqual({ added: [], changed: [], removed: [] });
}

describe('incremental pages', () => {
  it('render only what changed, and give the same site as a full render', () => {
    // Two organisations (reports alternate between them): a report's page charts its organisation's figures
    // over time, so an edit to one report's figure changes pages of that organisation that do not list the report
    // (they must be rendered again) and no page of the other organisation that does not list it (it must be
    // restored).
    const corpus = writeBenchCorpus(content, 24, undefined, 2);
    const otherOrg = corpus.files.map((f) => path.basename(f, '.md')).filter((_, i) => i % 2 === 1);
    const dist = path.join(tmp, 'dist');
    const full = path.join(tmp, 'full');

    build(dist);
    const warm = build(dist);
    expect(warm).toContain('(restored)');
    expect(renderedReports(warm)).toEqual([]);

    // A body: that report's page, and no other report page (a list entry shows nothing of the body).
    editBody(corpus.files[5]!);
    const body = build(dist);
    expect(renderedReports(body)).toEqual(['bench-00006']);
    build(full, '--force');
    same(dist, full);

    // A figure: also every page charting the organisation's figures, and none that draws nothing of it.
    editFigure(corpus.files[0]!);
    const figure = renderedReports(build(dist));
    expect(figure).toContain('bench-00001');
    const spared = otherOrg.filter((slug) => !readFileSync(path.join(dist, 'reports', slug, 'index.html'), 'utf8').includes('/reports/bench-00001/'));
    expect(spared.length).toBeGreaterThan(0);
    expect(figure.filter((slug) => spared.includes(slug))).toEqual([]);
    build(full, '--force');
    same(dist, full);

    // Every page shows the registry (organisation names, regions): a change to it renders every page again.
    const orgs = path.join(content, 'orgs.yaml');
    writeFileSync(orgs, readFileSync(orgs, 'utf8').replace(corpus.orgs[0]!.name, `${corpus.orgs[0]!.name.replace(/银行$/, '')}银行股份`));
    for (const f of corpus.files) writeFileSync(f, readFileSync(f, 'utf8').replace(`org: ${corpus.orgs[0]!.name}`, `org: ${corpus.orgs[0]!.name.replace(/银行$/, '')}银行股份`));
    const renamed = build(dist);
    expect(renderedReports(renamed).length).toBe(corpus.files.length);
    build(full, '--force');
    same(dist, full);
  }, 600_000);
});
