/**
 * The dev server as a writer runs it (`astro dev`) on a content folder generated from test/fixtures/dev/, and
 * waits that observe what an open browser page shows after a file is saved. One server per test file, on a free
 * port of 127.0.0.1, stopped (with its whole process group) when the file's tests end or the worker exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const FIXTURES = path.join(ROOT, 'test/fixtures/dev');
/** "Today" for the server: the fixtures' embargoed report (2025-07-15) is then in the future, the others past. */
export const NOW = '2025-06-30';
/** Upper bound for the page to show a saved change (the server usually needs one to three seconds). */
export const CHANGE_TIMEOUT = 30_000;

export interface DevServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  contentDir: string;
  /** The server's recent output, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** A fresh content folder: the fixture data files and reports, in a temporary folder the test may edit. */
export function makeContent(): string {
  // realpath: the server resolves the folder the same way, and the cache folder is named after that path.
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'showcase-dev-')));
  cpSync(path.join(FIXTURES, 'content'), dir, { recursive: true });
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The environment of a writer's terminal: vitest sets NODE_ENV=test, MODE, BASE_URL, DEV, PROD, SSR and its
 * own variables in the worker, and Astro's dev server under NODE_ENV=test answers 404 for every page.
 */
function writerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(NODE_ENV|MODE|BASE_URL|DEV|PROD|SSR|TEST|VITEST.*)$/.test(k)) delete env[k];
  }
  return env;
}

/**
 * `astro build` of the server's content folder into a temporary folder, as a writer runs `npm run build` beside
 * `npm run dev`; `inspect` reads the built site before the folder is removed.
 */
export async function buildBeside(server: Pick<DevServer, 'contentDir'>, inspect?: (outDir: string) => void): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'showcase-dev-build-'));
  try {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/astro'), ['build', '--outDir', outDir], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...writerEnv(), PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, SHOWCASE_CONTENT: server.contentDir, SHOWCASE_NOW: NOW, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 180_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    if (code !== 0) throw new Error(`构建失败（${code}）：\n${out.slice(-4000)}`);
    inspect?.(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function startDev(contentDir: string, env: NodeJS.ProcessEnv = {}): Promise<DevServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const lines: string[] = [];
  const child = spawn(path.join(ROOT, 'node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    // Its own process group, so stopping it also stops anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...writerEnv(),
      // The astro script runs under `env node`: the Node that runs these tests (the project's Node 24), not the
      // system's, which Astro refuses.
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      SHOWCASE_CONTENT: contentDir,
      SHOWCASE_NOW: NOW,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
  });
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n'));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the worker dies without running afterAll, the server must not outlive it.
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);

  const server: DevServer = {
    url,
    contentDir,
    log: () => lines.join('\n'),
    stop: async () => {
      killGroup(child, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!done) {
        killGroup(child, 'SIGKILL');
        await exited;
      }
      process.off('exit', onExit);
      rmSync(contentDir, { recursive: true, force: true });
      // Astro's cache for this folder (astro.config.mjs names it after the folder's path), Vite's dev bundles inside.
      const key = createHash('sha256').update(contentDir).digest('hex').slice(0, 12);
      rmSync(path.join(ROOT, 'node_modules/.astro', key), { recursive: true, force: true });
    },
  };

  // Ready when the home page renders: the content has been loaded and checked once.
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`开发服务器退出了（${child.exitCode ?? child.signalCode}）：\n${server.log()}`);
    }
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (r.status === 200) return server;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`开发服务器 120 秒内没有就绪（${last}）：\n${server.log()}`);
}

/** Saves a content file the way an editor does; the change must really change the text, or the test proves nothing. */
export function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`测试的修改没有改动 ${file}`);
  writeFileSync(file, after);
}

/** `text.replace` that insists the old text is there (a fixture edited without the test would otherwise pass vacuously). */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`找不到要替换的文字：${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`找不到这一行：${needle}`);
  return i + 1;
}

export interface Shows {
  /** Element whose rendered text (innerText: what is visible) is checked; default body. */
  selector?: string;
  has?: string[];
  lacks?: string[];
}

/**
 * Waits, without navigating, until the open page shows `has` and none of `lacks` in `selector`. The page gets
 * there by itself: the server reloads it (Vite full reload) when the content changes, possibly more than once.
 * Bounded; the failure message has what the page showed and the server's output.
 */
export async function waitShows(page: Page, want: Shows, server: DevServer, timeout = CHANGE_TIMEOUT): Promise<void> {
  const arg = { selector: want.selector ?? 'body', has: want.has ?? [], lacks: want.lacks ?? [] };
  if (arg.has.length === 0) throw new Error('waitShows 至少要有一段应当出现的文字');
  try {
    await page.waitForFunction(({ selector, has, lacks }) => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) return false;
      const text = el.innerText;
      return has.every((s) => text.includes(s)) && !lacks.some((s) => text.includes(s));
    }, arg, { timeout, polling: 200 });
  } catch (e) {
    const shown = await page.evaluate((s) => document.querySelector<HTMLElement>(s)?.innerText ?? `(没有 ${s})`, arg.selector).catch(() => '(页面正在加载)');
    throw new Error(`页面 ${page.url()} 在 ${timeout / 1000} 秒内没有显示 ${JSON.stringify(arg)}。\n页面显示：\n${shown.slice(0, 3000)}\n\n服务器输出：\n${server.log().slice(-4000)}\n\n${String(e)}`);
  }
}

/**
 * Navigates to `url` until the server answers `status` (a new or removed file takes the server a moment).
 * Returns the page's visible text. Bounded.
 */
export async function gotoUntil(page: Page, url: string, status: number, server: DevServer, timeout = CHANGE_TIMEOUT): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      const res = await page.goto(url, { waitUntil: 'load' });
      last = `HTTP ${res?.status()}`;
      if (res?.status() === status) return await page.innerText('body');
    } catch (e) {
      // A reload the server pushed at the same moment interrupts this navigation; try again.
      last = String(e);
    }
    if (Date.now() > deadline) throw new Error(`${url} 在 ${timeout / 1000} 秒内没有变成 ${status}（最后：${last}）。\n服务器输出：\n${server.log().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 24 || !b.subarray(0, 8).equals(signature)) throw new Error('不是 PNG：文件头不对');
  if (b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('不是 PNG：第一块不是 IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * Console errors a test may leave: a page the test opened on purpose to see a 404 logs
 * "Failed to load resource … 404". Those responses are checked separately against the URLs expected to 404.
 */
export function unexplainedConsoleErrors(errors: string[]): string[] {
  return errors.filter((e) => !/^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/.test(e));
}
