/**
 * Each report is parsed once per build, by the loader, and not at all on a warm build when nothing changed:
 * the loader says how many reports it parsed and how many entries it reused.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-incremental-'));
const content = path.join(tmp, 'content');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const VALID = readFileSync(path.join(ROOT, 'test/fixtures/valid/jiexiu-2025q1.md'), 'utf8');
const FILES = ['a', 'b', 'c', 'd', 'e'].map((x) => `jiexiu-2025q1-${x}.md`);

function build(now = '2026-01-10', dir = content, ok = true): { parsed: number; reused: number; out: string } {
  const res = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', path.join(dir, '..', 'dist')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SHOWCASE_CONTENT: dir, SHOWCASE_NOW: now, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
  });
  const out = `${res.stdout}${res.stderr}`;
  expect(res.status === 0, out).toBe(ok);
  if (!ok) return { parsed: 0, reused: 0, out };
  const loader = /解析 (\d+) 份，未改动沿用 (\d+) 份/.exec(out);
  expect(loader, out).not.toBeNull();
  return { parsed: Number(loader![1]), reused: Number(loader![2]), out };
}

describe('parsing per build', () => {
  it('parses every report once on a cold build, none on a warm one, and only what changed after an edit', () => {
    mkdirSync(path.join(content, 'reports'), { recursive: true });
    cpSync(path.join(ROOT, 'test/fixtures/check/orgs.yaml'), path.join(content, 'orgs.yaml'));
    FILES.forEach((f, i) => writeFileSync(path.join(content, 'reports', f), VALID.replace('党建赋能存贷款稳步增长', `党建赋能存贷款稳步增长（${i + 1}）`)));
    // A build stores neither a draft nor an embargoed report, yet an unchanged one is not parsed again either.
    writeFileSync(path.join(content, 'reports', 'jiexiu-draft.md'), VALID.replace('党建赋能', '草稿').replace('date: 2025-04-22', 'date: 2025-04-22\ndraft: true'));
    writeFileSync(path.join(content, 'reports', 'jiexiu-later.md'), VALID.replace('党建赋能', '定时').replace('date: 2025-04-22', 'date: 2026-02-01'));

    expect(build()).toMatchObject({ parsed: 7, reused: 0 });
    expect(build()).toMatchObject({ parsed: 0, reused: 7 });
    expect(existsSync(path.join(tmp, 'dist/reports/jiexiu-later'))).toBe(false);
    // The embargo ends: the unchanged file is published, the rest is reused.
    expect(build('2026-02-01')).toMatchObject({ parsed: 1, reused: 6 });
    expect(existsSync(path.join(tmp, 'dist/reports/jiexiu-later/index.html'))).toBe(true);
    expect(build('2026-02-01')).toMatchObject({ parsed: 0, reused: 7 });

    const edited = path.join(content, 'reports', FILES[2]!);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n该行表示，将继续做好金融服务。\n`);
    const afterEdit = build('2026-02-01');
    expect(afterEdit).toMatchObject({ parsed: 1, reused: 6 });
    expect(readFileSync(path.join(tmp, 'dist/reports/jiexiu-2025q1-c/index.html'), 'utf8')).toContain('将继续做好金融服务');

    // Every report is checked against the registry: a change to it re-checks them all.
    const orgs = path.join(content, 'orgs.yaml');
    writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('parent: 晋中管理中心', 'parent: 晋中市管理中心'));
    expect(build('2026-02-01')).toMatchObject({ parsed: 7, reused: 0 });
  }, 600_000);
});

describe('links between reports on a warm build', () => {
  it('an unchanged report is not parsed again, yet its link to a report that became a draft is an error', () => {
    const dir = path.join(tmp, 'links', 'content');
    mkdirSync(path.join(dir, 'reports'), { recursive: true });
    cpSync(path.join(ROOT, 'test/fixtures/check/orgs.yaml'), path.join(dir, 'orgs.yaml'));
    const target = path.join(dir, 'reports', 'jiexiu-target.md');
    writeFileSync(target, VALID.replace('党建赋能', '被链接').replace('date: 2025-04-22', 'date: 2025-04-10'));
    writeFileSync(path.join(dir, 'reports', 'jiexiu-2025q1.md'), `${VALID}\n详见[上一期](../jiexiu-target/)。\n`);
    expect(build('2026-01-10', dir)).toMatchObject({ parsed: 2, reused: 0 });
    writeFileSync(target, readFileSync(target, 'utf8').replace('date: 2025-04-10', 'date: 2025-04-10\ndraft: true'));
    const r = build('2026-01-10', dir, false);
    expect(r.out).toMatch(/解析 1 份，未改动沿用 1 份/);
    expect(r.out).toContain('reports/jiexiu-2025q1.md:20:3');
    expect(r.out).toContain('链接指向的报告还是草稿');
  }, 300_000);
});
