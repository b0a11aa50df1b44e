/**
 * What the operator reads when the machine is at fault: every mapped system error is one Chinese paragraph
 * with what to do and exit code 2. Where the tests run as root, the real thing is also produced — a folder
 * another account may not write, a full disk and a read-only disk (small tmpfs mounts) — and the previous
 * site or live release must come through untouched.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsProblem } from '../../src/errors/operator.ts';
import { hashTree, makeProject, openToAll, type Project } from './publish-fixture.ts';

const CODES = ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'ENOTDIR', 'EBUSY', 'EMFILE', 'EIO', 'EXDEV'];

describe('system errors in the operator’s words', () => {
  for (const code of CODES) {
    it(code, () => {
      const e = fsProblem(Object.assign(new Error(`${code}: some English text, open '/srv/site/x'`), { code, path: '/srv/site/x' }), {
        doing: '写入发布文件夹',
        safe: '线上版本没有改动。',
      });
      expect(e.exitCode).toBe(2);
      if (!code.startsWith('EMFILE')) expect(e.message).toContain('“/srv/site/x”');
      expect(e.message).toContain('线上版本没有改动。');
      expect(e.message).toMatch(/请/);
      expect(e.message).not.toContain('\n');
      // No English from the library: only the path, the account name, option names and a code to look up.
      const prose = e.message.replace(/“[^”]*”/g, '').replace(/账号（[^）]*）/, '').replace(/系统代码 [A-Z]+/, '').replace(/--[a-z-]+/g, '');
      expect(prose).not.toMatch(/[A-Za-z]{3,}/);
    });
  }

  it('names the problem plainly for the common cases', () => {
    const msg = (code: string) => fsProblem({ code }, { doing: '写入', where: '/x' }).message;
    expect(msg('ENOSPC')).toContain('磁盘已满');
    expect(msg('EROFS')).toContain('只读');
    expect(msg('EACCES')).toContain('没有权限');
  });
});

const isRoot = process.getuid?.() === 0;
const canMount = isRoot && spawnSync('mount', ['--version']).status === 0;

describe.skipIf(!isRoot)('a folder this account may not write', () => {
  let p: Project;
  beforeAll(() => {
    p = makeProject({ prefix: 'showcase-perm-' });
    openToAll(p.root);
    mkdirSync(path.join(p.root, 'builds'));
    expect(p.run('build', ['--outDir', path.join(p.root, 'builds', 'a')]).code).toBe(0);
    mkdirSync(path.join(p.root, 'site'));
  });
  afterAll(() => p.cleanup());

  it('publish says so in Chinese, with exit code 2, and writes nothing', () => {
    const r = p.run('publish', ['--to', path.join(p.root, 'site'), '--from', path.join(p.root, 'builds', 'a')], {}, { uid: 65534, gid: 65534 });
    expect(r.out).toContain('没有权限');
    expect(r.out).toContain('发布文件夹');
    expect(r.code).toBe(2);
    expect(readdirSync(path.join(p.root, 'site'))).toEqual([]);
  });

  it('build says so in Chinese, with exit code 2', () => {
    const r = p.run('build', ['--outDir', path.join(p.root, 'builds', 'b')], {}, { uid: 65534, gid: 65534 });
    expect(r.out).toContain('没有权限');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(p.root, 'builds', 'b'))).toBe(false);
  });
});

describe.skipIf(!canMount)('a full disk and a read-only disk', () => {
  let p: Project;
  let mnt: string;
  const mount = (...args: string[]) => {
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  beforeAll(() => {
    p = makeProject({ prefix: 'showcase-disk-' });
    mnt = path.join(p.root, 'share');
    mkdirSync(mnt);
    mount('-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt);
    chmodSync(mnt, 0o755);
    mkdirSync(path.join(p.root, 'builds'));
    // A small site that fits, and one (about 3 MB) that does not.
    expect(p.run('build', ['--outDir', path.join(p.root, 'builds', 'small')], { FAKE_VARIANT: 's' }).code).toBe(0);
    expect(p.run('build', ['--outDir', path.join(p.root, 'builds', 'big')], { FAKE_VARIANT: 'b', FAKE_FILES: '300', FAKE_BYTES: '10000' }).code).toBe(0);
  });
  afterAll(() => {
    spawnSync('umount', [mnt]);
    p.cleanup();
  });

  it('publish onto a full disk: Chinese message, exit 2, the live release untouched, no half release left', () => {
    const ok = p.run('publish', ['--to', mnt, '--from', path.join(p.root, 'builds', 'small')]);
    expect(ok.code, ok.out).toBe(0);
    const live = readlinkSync(path.join(mnt, 'current'));
    const before = hashTree(path.join(mnt, 'current'));
    const r = p.run('publish', ['--to', mnt, '--from', path.join(p.root, 'builds', 'big')]);
    expect(r.out).toContain('磁盘已满');
    expect(r.out).toContain('线上版本没有改动');
    expect(r.out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(r.code).toBe(2);
    expect(readlinkSync(path.join(mnt, 'current'))).toBe(live);
    expect(hashTree(path.join(mnt, 'current'))).toEqual(before);
    expect(readdirSync(path.join(mnt, 'releases'))).toEqual([path.basename(live)]);
  });

  it('build onto a full disk: the previous site stays, and the operator is told the disk is full', () => {
    const out = path.join(mnt, 'dist');
    const first = p.run('build', ['--outDir', out], { FAKE_VARIANT: 'd1' });
    expect(first.code, first.out).toBe(0);
    const before = hashTree(out);
    const r = p.run('build', ['--outDir', out], { FAKE_VARIANT: 'd2', FAKE_FILES: '300', FAKE_BYTES: '10000' });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('磁盘已满');
    expect(hashTree(out)).toEqual(before);
    expect(readdirSync(mnt).filter((n) => n.startsWith('.dist.'))).toEqual([]);
  });

  it('publish onto a read-only disk: Chinese message, exit 2', () => {
    mount('-o', 'remount,ro', mnt);
    try {
      const r = p.run('publish', ['--to', mnt, '--from', path.join(p.root, 'builds', 'big')]);
      expect(r.out).toContain('只读');
      expect(r.code).toBe(2);
      const rb = p.run('publish', ['--to', mnt, '--rollback']);
      expect(rb.out).toContain('只读');
      expect(rb.code).toBe(2);
    } finally {
      mount('-o', 'remount,rw', mnt);
    }
  });
});
