/**
 * A throw-away project for the build and publish tests: the real scripts/build.ts and scripts/publish.ts
 * (linked), its own lock file and caches, a generated content folder, a stand-in for Astro that writes a small
 * fake site (fast and controllable: slow writes, blocking, failing, incomplete output), and a stand-in for
 * scripts/check.ts that follows its exit-code contract. Nothing here reads the shipped content/.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '..', '..');

/** Writes `FAKE_FILES` pages (default 40) plus the required outputs; a variant string changes every file's content. */
const FAKE_ASTRO = String.raw`
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const args = process.argv.slice(2);
const out = args[args.indexOf('--outDir') + 1];
const env = process.env;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
console.log('构建中（替身）：' + out);
if (env.FAKE_EXIT && env.FAKE_EXIT !== '0') {
  console.error('✖ 错误  reports/bad.md:3:1  title\n  标题太短');
  process.exit(Number(env.FAKE_EXIT));
}
const variant = env.FAKE_VARIANT ?? 'a';
const n = Number(env.FAKE_FILES ?? 40);
const size = Number(env.FAKE_BYTES ?? 200);
const write = (rel, text) => {
  const f = path.join(out, rel);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
};
for (let i = 0; i < n; i++) {
  write('reports/r' + i + '/index.html', '<h1>报告 ' + i + ' ' + variant + '</h1>' + 'x'.repeat(size));
  if (i === Math.floor(n / 2) && env.FAKE_READY) {
    writeFileSync(env.FAKE_READY, String(process.pid));
    if (env.FAKE_BLOCK) await sleep(1e9);
  }
  if (env.FAKE_SLOW_MS) await sleep(Number(env.FAKE_SLOW_MS));
}
if (env.FAKE_INCOMPLETE !== 'pagefind') write('pagefind/shards.json', JSON.stringify({ format: 1, shards: [], variant }));
write('cards/reports/r0.png', 'png ' + variant);
if (env.FAKE_INCOMPLETE !== 'index') write('index.html', '<h1>首页 ' + variant + '</h1>');
console.log('完成（替身）');
`;

/** Follows scripts/check.ts's contract: the exit code is in <content>/check-result (default 0). */
const FAKE_CHECK = String.raw`
import { readFileSync } from 'node:fs';
import path from 'node:path';
const dir = process.env.SHOWCASE_CONTENT;
let code = 0;
try { code = Number(readFileSync(path.join(dir, 'check-result'), 'utf8').trim()); } catch {}
if (code === 1) console.error('✖ 错误  reports/a.md:2:8  title\n  标题太短（替身校验）');
if (code === 2) console.error('✖ 错误  site.yaml:1:1\n  设置有误（替身校验）');
console.log(code === 0 ? '共检查 1 份报告，没有发现问题。' : '有错误。');
process.exit(code);
`;

export interface Project {
  root: string;
  content: string;
  fakeAstro: string;
  env: NodeJS.ProcessEnv;
  /** Runs a script of the project to the end. */
  run(script: 'build' | 'publish', args?: string[], env?: NodeJS.ProcessEnv, opts?: { uid?: number; gid?: number }): Result;
  /** Starts a script without waiting. */
  start(script: 'build' | 'publish', args?: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  cleanup(): void;
}

export interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

export function makeProject(opts: { realCheck?: boolean; prefix?: string } = {}): Project {
  const root = mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'showcase-proj-'));
  mkdirSync(path.join(root, 'scripts'));
  mkdirSync(path.join(root, 'node_modules'));
  for (const s of ['build.ts', 'publish.ts']) symlinkSync(path.join(MAIN, 'scripts', s), path.join(root, 'scripts', s));
  if (opts.realCheck) symlinkSync(path.join(MAIN, 'scripts', 'check.ts'), path.join(root, 'scripts', 'check.ts'));
  else writeFileSync(path.join(root, 'scripts', 'check.ts'), FAKE_CHECK);
  const fakeAstro = path.join(root, 'fake-astro.mjs');
  writeFileSync(fakeAstro, FAKE_ASTRO);
  const content = path.join(root, 'content');
  mkdirSync(path.join(content, 'reports'), { recursive: true });
  writeFileSync(path.join(content, 'reports', 'a.md'), '---\ntitle: 测试报告\n---\n正文。\n');
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) writeFileSync(path.join(content, f), '# 测试\n');
  const env: NodeJS.ProcessEnv = { ...process.env, SHOWCASE_CONTENT: content, SHOWCASE_ASTRO_BIN: fakeAstro, SHOWCASE_KILL_AT: '' };
  delete env.SHOWCASE_ROOT;
  const argv = (script: string, args: string[]) => [path.join(root, 'scripts', `${script}.ts`), ...args];
  return {
    root,
    content,
    fakeAstro,
    env,
    run(script, args = [], extra = {}, ids = {}) {
      const res: SpawnSyncReturns<string> = spawnSync(process.execPath, argv(script, args), { cwd: root, env: { ...env, ...extra }, encoding: 'utf8', ...ids });
      return { code: res.status, signal: res.signal, out: `${res.stdout ?? ''}${res.stderr ?? ''}` };
    },
    start(script, args = [], extra = {}) {
      return spawn(process.execPath, argv(script, args), { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Every regular file under `dir` with its SHA-256, computed here independently of the code under test. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out[r] = createHash('sha256').update(readFileSync(path.join(dir, r))).digest('hex');
    }
  };
  walk('');
  return out;
}

/** Waits (without a deadline of its own: the test's timeout is the limit) until a file appears. */
export async function waitForFile(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((r) => setTimeout(r, 20));
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
}

/** Kills a process that may already be gone. */
export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/** Lets another account read the project (tests that run a script as an unprivileged user). */
export function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
}

/** A small deterministic random generator, so a failing random run can be repeated from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
