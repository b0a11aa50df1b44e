/**
 * npm run publish end to end on a generated project (stand-ins for Astro and for the checks): what it refuses,
 * the release layout, the atomic switch of `current`, keeping N releases, rollback and the dry run.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashTree, makeProject, type Project } from './publish-fixture.ts';

let p: Project;
let site: string;
const builds: Record<string, string> = {};

beforeAll(() => {
  p = makeProject({ prefix: 'showcase-publish-' });
  site = path.join(p.root, 'site');
  mkdirSync(site);
  mkdirSync(path.join(p.root, 'builds'));
  for (const v of ['a', 'b', 'c', 'd', 'e']) {
    const out = path.join(p.root, 'builds', v);
    const r = p.run('build', ['--outDir', out], { FAKE_VARIANT: v, FAKE_FILES: v === 'b' ? '41' : '40' });
    expect(r.code, r.out).toBe(0);
    builds[v] = out;
  }
});
afterAll(() => p.cleanup());

const publish = (...args: string[]) => p.run('publish', ['--to', site, ...args]);
const from = (v: string) => ['--from', builds[v]!];
const noStack = (out: string) => expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
const current = () => path.basename(readlinkSync(path.join(site, 'current')));
const releases = () => readdirSync(path.join(site, 'releases')).sort();

/** Everything about the publish folder a reader could notice: files, their contents, where links point. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, r);
      if (e.isSymbolicLink()) out.push(`${r} -> ${readlinkSync(full)}`);
      else if (e.isDirectory()) walk(r);
      else out.push(`${r} ${readFileSync(full).toString('base64')}`);
    }
  };
  walk('');
  return out;
}

describe('publish refuses', () => {
  it('a missing --to, an unknown option, a bad --keep and a missing target, with exit code 2', () => {
    for (const args of [[], ['--to', site, '--frobnicate'], ['--to', site, '--keep', '0'], ['--to', path.join(p.root, 'no-such-share')]]) {
      const r = p.run('publish', args);
      expect(r.code, r.out).toBe(2);
      expect(r.out).toMatch(/[\u4e00-\u9fff]/);
      noStack(r.out);
    }
    expect(p.run('publish', ['--to', path.join(p.root, 'no-such-share')]).out).toContain('发布文件夹');
    const nested = p.run('publish', ['--to', path.join(builds.a!, 'cards'), ...from('a')]);
    expect(nested.code).toBe(2);
    expect(nested.out).toContain('不能互相包含');
    expect(existsSync(path.join(p.root, 'no-such-share'))).toBe(false);
  });

  it('when the checks find content errors (exit 1) or bad settings (exit 2), showing their output', () => {
    try {
      writeFileSync(path.join(p.content, 'check-result'), '1');
      let r = publish(...from('a'));
      expect(r.code).toBe(1);
      expect(r.out).toContain('标题太短（替身校验）');
      expect(r.out).toContain('没有发布');
      writeFileSync(path.join(p.content, 'check-result'), '2');
      r = publish(...from('a'));
      expect(r.code).toBe(2);
      expect(r.out).toContain('设置有误（替身校验）');
      expect(readdirSync(site)).toEqual([]);
    } finally {
      rmSync(path.join(p.content, 'check-result'));
    }
  });

  it('a folder that is not a complete build, or not one made by npm run build', () => {
    const partial = path.join(p.root, 'partial');
    mkdirSync(partial);
    writeFileSync(path.join(partial, 'index.html'), '<h1>x</h1>');
    let r = publish('--from', partial);
    expect(r.code).toBe(2);
    expect(r.out).toContain('不是完整的构建结果');
    expect(r.out).toContain('pagefind/shards.json');
    mkdirSync(path.join(partial, 'pagefind'));
    mkdirSync(path.join(partial, 'cards'));
    writeFileSync(path.join(partial, 'pagefind', 'shards.json'), '');
    r = publish('--from', partial);
    expect(r.code).toBe(2);
    expect(r.out).toContain('build.json');
    expect(readdirSync(site)).toEqual([]);
  });

  it('a build made from other content than the content just checked', () => {
    const report = path.join(p.content, 'reports', 'a.md');
    const before = readFileSync(report, 'utf8');
    try {
      writeFileSync(report, `${before}补充一句。\n`);
      const r = publish(...from('a'));
      expect(r.code).toBe(2);
      expect(r.out).toContain('不是用现在的报告构建的');
    } finally {
      writeFileSync(report, before);
    }
  });

  it('a build changed after it was made, leaving no half release behind', () => {
    const copy = path.join(p.root, 'builds', 'a-edited');
    p.run('build', ['--outDir', copy], { FAKE_VARIANT: 'a' });
    writeFileSync(path.join(copy, 'reports', 'r7', 'index.html'), '改过');
    const r = publish('--from', copy);
    expect(r.code).toBe(2);
    expect(r.out).toContain('与构建记录不符');
    expect(existsSync(path.join(site, 'current'))).toBe(false);
    expect(existsSync(path.join(site, 'releases')) ? readdirSync(path.join(site, 'releases')) : []).toEqual([]);
  });
});

describe('publish', () => {
  let first = '';

  it('copies the build into releases/<time>-<hash>/, marks it complete and points current (and current.txt) at it', () => {
    const r = publish(...from('a'));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('这是第一个发布的版本');
    first = current();
    expect(first).toMatch(/^\d{8}-\d{6}-[0-9a-f]{8}$/);
    const stamp = JSON.parse(readFileSync(path.join(builds.a!, 'build.json'), 'utf8'));
    expect(first.endsWith(stamp.contentHash.slice(0, 8))).toBe(true);
    expect(readlinkSync(path.join(site, 'current'))).toBe(`releases/${first}`);
    expect(readFileSync(path.join(site, 'current.txt'), 'utf8').trim()).toBe(first);
    const { '.release-complete.json': marker, ...files } = hashTree(path.join(site, 'current'));
    expect(marker).toBeDefined();
    expect(files).toEqual(hashTree(builds.a!));
    expect(readdirSync(site).sort()).toEqual(['current', 'current.txt', 'releases']);
  });

  it('does nothing when the build is what is already live', () => {
    const r = publish(...from('a'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('不需要发布');
    expect(releases()).toEqual([first]);
  });

  it('--dry-run lists added, changed and removed files against the live release and changes nothing', () => {
    const before = snapshot(site);
    const r = publish(...from('b'), '--dry-run');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('新增 1 个，修改 43 个，删除 0 个');
    expect(r.out).toContain('  + reports/r40/index.html');
    expect(r.out).toContain('  ~ index.html');
    expect(r.out).not.toContain('build.json');
    expect(snapshot(site)).toEqual(before);
    const back = publish(...from('a'), '--dry-run');
    expect(back.out).toContain('完全相同');
  });

  it('switches current to each new release and keeps only the newest N (and always the live one)', () => {
    for (const v of ['b', 'c', 'd']) expect(publish(...from(v), '--keep', '2').code).toBe(0);
    const kept = releases();
    expect(kept).toHaveLength(2);
    expect(current()).toBe(kept[1]);
    expect(readFileSync(path.join(site, 'current', 'index.html'), 'utf8')).toContain('首页 d');
    expect(kept).not.toContain(first);
  });

  it('--rollback goes back to the previous complete release, and says so when there is none older', () => {
    const [older, newer] = releases() as [string, string];
    const dry = publish('--rollback', '--dry-run');
    expect(dry.code).toBe(0);
    expect(current()).toBe(newer);
    const r = publish('--rollback');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`从 ${newer} 切回 ${older}`);
    expect(current()).toBe(older);
    expect(readFileSync(path.join(site, 'current.txt'), 'utf8').trim()).toBe(older);
    const none = publish('--rollback');
    expect(none.code).toBe(2);
    expect(none.out).toContain('没有可以回滚到的完整版本');
    expect(current()).toBe(older);
  });

  it('never deletes the live release, even when it is older than the newest N', () => {
    expect(publish(...from('e'), '--keep', '1').code).toBe(0);
    expect(releases()).toHaveLength(1);
    expect(publish(...from('c'), '--keep', '5').code).toBe(0);
    expect(publish('--rollback').code).toBe(0);
    const live = current();
    expect(readFileSync(path.join(site, 'current', 'index.html'), 'utf8')).toContain('首页 e');
    // Publishing what is live changes nothing but still prunes: the newest one and the live one stay.
    const r = publish(...from('e'), '--keep', '1');
    expect(r.out).toContain('不需要发布');
    expect(releases()).toHaveLength(2);
    expect(releases()).toContain(live);
    expect(current()).toBe(live);
  });

  it('rollback passes over a damaged release', () => {
    expect(publish(...from('a'), '--keep', '5').code).toBe(0);
    expect(publish(...from('b'), '--keep', '5').code).toBe(0);
    const [oldest, damaged, live] = releases().slice(-3) as [string, string, string];
    expect(current()).toBe(live);
    writeFileSync(path.join(site, 'releases', damaged, 'index.html'), '坏了');
    const r = publish('--rollback');
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`跳过版本 ${damaged}`);
    expect(current()).toBe(oldest);
  });

  it('refuses to replace a `current` that is not a symlink', () => {
    const link = path.join(site, 'current');
    const live = readlinkSync(link);
    rmSync(link);
    mkdirSync(link);
    try {
      const r = publish(...from('d'));
      expect(r.code).toBe(2);
      expect(r.out).toContain('不是符号链接');
      noStack(r.out);
    } finally {
      rmSync(link, { recursive: true });
      const tmp = path.join(site, 'relink');
      symlinkSync(live, tmp);
      renameSync(tmp, link);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('is refused while another publish holds the publish folder, or a build holds the project', () => {
    const holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), purpose: '发布' };
    const lock = path.join(site, '.publish.lock');
    writeFileSync(lock, JSON.stringify(holder));
    try {
      const r = publish(...from('c'));
      expect(r.code).toBe(2);
      expect(r.out).toContain(`另一个发布正在进行（进程号 ${process.pid}`);
    } finally {
      rmSync(lock);
    }
    const projectLock = path.join(p.root, 'node_modules', '.cache', 'showcase', 'build.lock');
    mkdirSync(path.dirname(projectLock), { recursive: true });
    writeFileSync(projectLock, JSON.stringify({ ...holder, purpose: '构建' }));
    try {
      const r = publish(...from('c'));
      expect(r.code).toBe(2);
      expect(r.out).toContain('另一个构建正在进行');
    } finally {
      rmSync(projectLock);
    }
  });
});

describe('publish stays inside the publish folder', () => {
  /** A fresh publish folder and, beside it, a folder a symlink in it leads to. */
  function target(name: string): { to: string; outside: string } {
    const to = path.join(p.root, `${name}-site`);
    const outside = path.join(p.root, `${name}-outside`);
    mkdirSync(to);
    mkdirSync(outside);
    return { to, outside };
  }
  const refused = (r: { code: number | null; out: string }, link: string) => {
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain(link);
    expect(r.out).toContain('符号链接');
    expect(r.out).toContain('线上版本没有改动');
    noStack(r.out);
  };

  it('refuses a releases/ that is a symlink out of the folder and writes nothing there (publish, rollback, dry run); follows one that stays inside', () => {
    const { to, outside } = target('releases-out');
    symlinkSync(outside, path.join(to, 'releases'));
    for (const args of [[...from('a')], [...from('a'), '--dry-run'], ['--rollback']]) {
      const r = p.run('publish', ['--to', to, ...args]);
      refused(r, 'releases');
      expect(readdirSync(outside), args.join(' ')).toEqual([]);
    }
    expect(readdirSync(to).sort()).toEqual(['releases']);
    // A symlink that stays inside the folder is followed.
    rmSync(path.join(to, 'releases'));
    mkdirSync(path.join(to, 'store'));
    symlinkSync(path.join(to, 'store'), path.join(to, 'releases'));
    const r = p.run('publish', ['--to', to, ...from('a')]);
    expect(r.code, r.out).toBe(0);
    expect(readdirSync(path.join(to, 'store'))).toHaveLength(1);
  });

  it('refuses a release folder that is a symlink out of the folder, before tidying or pruning it', () => {
    const { to, outside } = target('release-out');
    // Named like an unfinished release: tidying would empty it; with a marker, pruning would delete the marker.
    writeFileSync(path.join(outside, '.release-complete.json'), '{"format":1}');
    writeFileSync(path.join(outside, 'keep.txt'), '别处的文件');
    mkdirSync(path.join(to, 'releases'));
    symlinkSync(outside, path.join(to, 'releases', '20200101-000000-deadbeef'));
    const before = hashTree(outside);
    refused(p.run('publish', ['--to', to, ...from('a'), '--keep', '1']), '20200101-000000-deadbeef');
    expect(hashTree(outside)).toEqual(before);
    expect(readdirSync(path.join(to, 'releases'))).toEqual(['20200101-000000-deadbeef']);
  });

  it('names the release by the build clock (SHOWCASE_NOW), not the machine clock', () => {
    const { to } = target('clock');
    const r = p.run('publish', ['--to', to, ...from('a')], { SHOWCASE_NOW: '2025-06-30T09:15' });
    expect(r.code, r.out).toBe(0);
    const id = readdirSync(path.join(to, 'releases'))[0]!;
    expect(id).toMatch(/^20250630-091500-[0-9a-f]{8}$/);
    const marker = JSON.parse(readFileSync(path.join(to, 'releases', id, '.release-complete.json'), 'utf8'));
    expect(marker.publishedAt).toBe('2025-06-30T01:15:00.000Z');
    const bad = p.run('publish', ['--to', to, ...from('b')], { SHOWCASE_NOW: '明天' });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('SHOWCASE_NOW');
    noStack(bad.out);
  });
});
