/**
 * No stack trace on any path an operator reaches. The build runs a stand-in for Astro that fails the way Astro
 * fails — through Astro's own error printer (the same `throwAndExit` its command line uses), or as a Node crash
 * — with a full disk, a program defect and a content problem: the operator reads Chinese, the exit code is the
 * README's, and the stack trace is in the error log. Where the tests run as root, a real full disk (a small
 * tmpfs) too. The other commands turn a system error into the same Chinese paragraph.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childErrorRelay } from '../../src/errors/child.ts';
import { hashTree, makeProject, type Project } from './publish-fixture.ts';

const MAIN = path.resolve(import.meta.dirname, '..', '..');
const STACK = /^\s+at .+|Stack trace:|node:internal|Node\.js v\d+/m;

/** Fails after writing part of the site, as FAULT says. */
const FAILING_ASTRO = String.raw`
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { throwAndExit } from ${JSON.stringify(path.join(MAIN, 'node_modules/astro/dist/cli/throw-and-exit.js'))};
import { showcaseError } from ${JSON.stringify(path.join(MAIN, 'src/node/errors.ts'))};
const args = process.argv.slice(2);
const out = args[args.indexOf('--outDir') + 1];
console.log('构建中（替身）');
mkdirSync(path.join(out, 'reports'), { recursive: true });
writeFileSync(path.join(out, 'reports', 'a.html'), '<h1>半个网站</h1>');
const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, open '" + path.join(out, 'reports', 'b.html') + "'"), { errno: -28, code: 'ENOSPC', syscall: 'open', path: path.join(out, 'reports', 'b.html') });
switch (process.env.FAULT) {
  case 'astro-enospc': await throwAndExit('build', enospc()); break;
  case 'crash-enospc': throw enospc();
  case 'defect': await throwAndExit('build', new TypeError("Cannot read properties of undefined (reading 'slug')")); break;
  case 'content': await throwAndExit('build', showcaseError('内容检查', '✖ 错误  reports/a.md:2:8  title\n  标题太短\n\n有 1 个错误，构建停止。')); break;
}
`;

describe('the relay of Astro\'s error output', () => {
  it('passes the operator\'s lines on as they come, in any chunks, and holds back stack frames and English system errors', () => {
    const lines = [
      '\x1b[31m[内容检查]\x1b[39m ✖ 错误  reports/a.md:2:8  title',
      "ENOSPC: no space left on device, open '/srv/site/.dist.tmp/reports/b.html'",
      '  \x1b[1mStack trace:\x1b[22m',
      '\x1b[2m    at async open (node:internal/fs/promises:638:25)',
      '    at async writeFile (node:internal/fs/promises:1212:14)\x1b[22m',
      '  Hint:',
      '    请检查磁盘。',
    ];
    const text = `${lines.join('\n')}\n`;
    let passed = '';
    const relay = childErrorRelay((l) => (passed += l));
    for (let i = 0; i < text.length; i += 5) relay.write(text.slice(i, i + 5));
    relay.end();
    expect(passed).toBe(`${[lines[0], lines[5], lines[6]].join('\n')}\n`);
    expect(relay.held).toEqual(lines.slice(1, 5));
    expect(relay.systemCode).toBe('ENOSPC');
    expect(relay.systemPath).toBe('/srv/site/.dist.tmp/reports/b.html');
  });
});

/** The site a previous build left: what a failed build must leave as it is. */
function previousSite(dir: string): void {
  mkdirSync(path.join(dir, 'reports', 'r0'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<h1>首页</h1>');
  writeFileSync(path.join(dir, 'reports', 'r0', 'index.html'), '<h1>报告</h1>');
}

describe('the build when Astro stops', () => {
  let p: Project;
  let fake: string;
  let site: string;
  let before: Record<string, string>;
  beforeAll(() => {
    p = makeProject({ prefix: 'showcase-stack-' });
    fake = path.join(p.root, 'failing-astro.mjs');
    writeFileSync(fake, FAILING_ASTRO);
    site = path.join(p.root, 'site');
    previousSite(site);
    before = hashTree(site);
  });
  afterAll(() => p.cleanup());

  const build = (fault: string) => p.run('build', ['--outDir', site], { SHOWCASE_ASTRO_BIN: fake, FAULT: fault });
  const log = () => readFileSync(path.join(p.root, 'node_modules', '.cache', 'showcase', '构建-error.log'), 'utf8');

  for (const fault of ['astro-enospc', 'crash-enospc']) {
    it(`a full disk (${fault === 'crash-enospc' ? 'Node crash' : 'Astro\'s error printer'}): the Chinese message and no stack line, exit 2, the site untouched`, () => {
      const r = build(fault);
      expect(r.out).toContain('磁盘已满');
      expect(r.out).toContain('原来的“site”没有改动');
      expect(r.out).not.toMatch(STACK);
      expect(r.out).not.toContain('no space left');
      expect(r.code).toBe(2);
      expect(log()).toMatch(/^\s+at /m);
      expect(hashTree(site)).toEqual(before);
      expect(readdirSync(p.root).filter((f) => f.startsWith('.site.'))).toEqual([]);
    });
  }

  it('a program defect: exit 1, the error log named, its stack trace there and not on the terminal', () => {
    const r = build('defect');
    expect(r.out).toContain('构建-error.log');
    expect(r.out).not.toMatch(STACK);
    expect(r.code).toBe(1);
    expect(log()).toContain("Cannot read properties of undefined (reading 'slug')");
    expect(log()).toMatch(/^\s+at /m);
  });

  it('a content problem passes through unchanged, exit 1', () => {
    const r = build('content');
    expect(r.out).toContain('✖ 错误  reports/a.md:2:8  title\n  标题太短');
    expect(r.out).toContain('构建停止');
    expect(r.out).not.toMatch(STACK);
    expect(r.code).toBe(1);
  });
});

const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

describe.skipIf(!canMount)('a real full disk', () => {
  let p: Project;
  let mnt: string;
  beforeAll(() => {
    p = makeProject({ prefix: 'showcase-stack-disk-' });
    mnt = path.join(p.root, 'share');
    mkdirSync(mnt);
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  });
  afterAll(() => {
    spawnSync('umount', [mnt]);
    p.cleanup();
  });

  it('build onto a 2 MB disk that a 3 MB site overfills: Chinese, no stack line, exit 2, the old site whole', () => {
    const out = path.join(mnt, 'dist');
    previousSite(out);
    const before = hashTree(out);
    const r = p.run('build', ['--outDir', out], { FAKE_VARIANT: 'd2', FAKE_FILES: '300', FAKE_BYTES: '10000' });
    expect(r.out).toContain('磁盘已满');
    expect(r.out).not.toMatch(STACK);
    expect(r.code).toBe(2);
    expect(hashTree(out)).toEqual(before);
  });
});

describe('the other commands', () => {
  let p: Project;
  beforeAll(() => {
    p = makeProject({ prefix: 'showcase-stack-cmd-' });
  });
  afterAll(() => p.cleanup());

  const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const res = spawnSync(process.execPath, [path.join(MAIN, 'scripts', script), ...args], { cwd: p.root, encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: res.status, out: `${res.stdout}${res.stderr}` };
  };

  it('import, where the reports folder is a file: Chinese, no stack line, exit 2', () => {
    const content = path.join(p.root, 'import-content');
    mkdirSync(content);
    for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) writeFileSync(path.join(content, f), readFileSync(path.join(MAIN, 'test/fixtures/content', f)));
    writeFileSync(path.join(content, 'reports'), '');
    const r = run('import.ts', [path.join(MAIN, 'test/fixtures/import/src/notice-jiexiu.txt')], { SHOWCASE_CONTENT: content });
    expect(r.out).toContain('无法完成导入');
    expect(r.out).not.toMatch(STACK);
    expect(r.code).toBe(2);
  });

  it('linkcheck, where a page is a link to nowhere: Chinese, no stack line, exit 2', () => {
    const dist = path.join(p.root, 'odd-dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'index.html'), '<a href="/x.html">x</a>');
    symlinkSync(path.join(p.root, 'nowhere', 'y.html'), path.join(dist, 'x.html'));
    const r = run('linkcheck.ts', [dist, '--base', '/']);
    expect(r.out).toContain('无法完成链接检查');
    expect(r.out).not.toMatch(STACK);
    expect(r.code).toBe(2);
  });
});
