/**
 * `npm run bench -- --reports N --json FILE` keeps working: a small run writes the JSON the performance
 * section of the README is made from, every figure present and positive. No timing is asserted: the machine
 * is shared, and only the shape is the bench's promise.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-bench-smoke-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const positive = expect.any(Number);

describe('npm run bench -- --reports', () => {
  it('measures a small corpus and writes the JSON', () => {
    const json = path.join(tmp, 'bench.json');
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench.ts'), '--reports', '20', '--json', json], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r).toMatchObject({
      reports: 20,
      baseline: { coldSeconds: positive, warmSeconds: positive },
      full: { coldSeconds: positive, warmSeconds: positive, oneEditSeconds: positive, peakRssMiB: positive, phases: expect.any(Object) },
      ratios: { cold: positive, warm: positive, oneEdit: positive },
      cards: { msPerCard: positive },
      dist: { mib: positive },
      search: { indexMiB: positive },
    });
    const numbers = [
      r.baseline.coldSeconds, r.baseline.warmSeconds, r.full.coldSeconds, r.full.warmSeconds, r.full.bodyEditSeconds, r.full.figureEditSeconds,
      r.full.oneEditSeconds, r.full.peakRssMiB, r.ratios.cold, r.ratios.warm, r.ratios.oneEdit, r.cards.msPerCard, r.dist.mib, r.search.indexMiB,
      r.full.phases.loader, r.full.phases.validation, r.full.phases.pages, r.full.phases.search, r.full.phases.cards,
    ];
    for (const n of numbers) expect(n).toBeGreaterThan(0);
    // Every card was drawn on the cold build; the unchanged rebuild drew none.
    expect(r.cards.rendered).toBe(2 * 20 + r.orgs);
    expect(r.cards.warmRendered).toBe(0);
    // The figure edit changes one report's card and poster, and its organisation's card.
    expect(r.cards.figureEditRendered).toBeGreaterThanOrEqual(2);
    expect(r.cards.figureEditRendered).toBeLessThanOrEqual(3);
  }, 600_000);
});
