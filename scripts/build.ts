/**
 * npm run build [-- --outDir <folder>] [-- <other astro build options, e.g. --force>]
 *   Builds the site into a temporary folder next to the target (default dist/) and, only when Astro succeeded
 *   and the site is complete, puts it in the target's place. A failed, interrupted or killed build leaves the
 *   previous site exactly as it was; what it left behind is cleared by the next run.
 * npm run build -- --manifest <folder>          every file of a built site with its SHA-256, as JSON
 * npm run build -- --compare <folder> <folder>  compares two builds file by file (the stamp build.json aside)
 *
 * Exit codes: Astro's own (its Chinese problem output passes through unchanged) · 1 the site came out
 * incomplete · 2 the environment: folders, permissions, disk, another build running, also when Astro stops on
 * one of them. Stack traces Astro prints go to node_modules/.cache/showcase/构建-error.log, not the terminal.
 * SHOWCASE_ASTRO_BIN replaces Astro's command-line script (the tests use a small stand-in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync, rmSync, statSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { exists, probeWritable, recoverSwap, removeStaleStaging, stagingDir, swapIn } from '../src/publish/atomic.ts';
import { buildManifest, diffManifests, FileHashes, fileHashesFile, missingOutputs, sourceFingerprint, STAMP_FILE, writeStamp } from '../src/publish/build-output.ts';
import { checkpoint } from '../src/publish/checkpoint.ts';
import { cacheDirFromEnv, contentDirFromEnv, PROJECT_ROOT } from '../src/node/config.ts';
import { acquireLock, projectLockFile } from '../src/publish/lock.ts';
import { printTimings } from '../src/node/timings.ts';
import { childErrorRelay, ENVIRONMENT_CODES } from '../src/errors/child.ts';
import { isInside } from '../src/node/paths.ts';
import { fsProblem, missingFolder, OperatorError, runCommand, saveErrorLog, shown } from '../src/errors/operator.ts';
import { readArgs, usageError } from './lib/args.ts';

const USAGE = `用法：npm run build -- [--outDir 文件夹] [Astro 的其他构建选项，如 --force]
  --outDir 文件夹             构建到别的文件夹（默认 dist/）；它的上级文件夹必须已经存在
  --manifest 文件夹           列出构建结果里每个文件的 SHA-256
  --compare 文件夹A 文件夹B   逐个文件比较两次构建的结果（不比较构建记录 ${STAMP_FILE}）`;

/** Below this much free space a failed build is most likely a full disk, whatever Astro printed. */
const LOW_SPACE = 64 * 1024 * 1024;

interface Args {
  outDir: string;
  passthrough: string[];
  manifest?: string;
  compare?: [string, string];
}

/** The command line; options this script does not know go on to astro build. Undefined after --help. */
function buildArgs(argv: string[]): Args | undefined {
  const folder = { type: 'string', value: '文件夹' } as const;
  const cli = readArgs(argv, { usage: USAGE, options: { outDir: folder, 'out-dir': folder, manifest: folder, compare: folder }, passUnknown: true });
  if (!cli) return undefined;
  const { values: v, positionals } = cli;
  const args: Args = { outDir: v.outDir ?? v['out-dir'] ?? 'dist', passthrough: positionals, manifest: v.manifest };
  if (v.compare !== undefined) {
    // --compare takes two folders: the second is the argument after the first.
    const second = positionals[0];
    if (second === undefined || second.startsWith('-')) throw usageError('选项 --compare 后面要写两个文件夹。', USAGE);
    args.compare = [v.compare, second];
    args.passthrough = positionals.slice(1);
  }
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = buildArgs(argv);
  if (!args) return 0;
  if (args.manifest) {
    const dir = existingDir(args.manifest, '要列出的构建结果文件夹');
    console.log(JSON.stringify(buildManifest(dir), null, 1));
    return 0;
  }
  if (args.compare) return compare(existingDir(args.compare[0], '要比较的文件夹'), existingDir(args.compare[1], '要比较的文件夹'));
  return build(path.resolve(PROJECT_ROOT, args.outDir), args.passthrough);
}

function existingDir(dir: string, what: string): string {
  const abs = path.resolve(dir);
  try {
    if (statSync(abs).isDirectory()) return abs;
  } catch {
    // Reported below.
  }
  throw missingFolder(abs, what);
}

function compare(a: string, b: string): number {
  const d = diffManifests(buildManifest(a), buildManifest(b));
  const n = d.added.length + d.changed.length + d.removed.length;
  if (n === 0) {
    console.log(`两次构建完全相同（不计构建记录 ${STAMP_FILE}）。`);
    return 0;
  }
  console.log(`两次构建有 ${n} 个文件不同（不计构建记录 ${STAMP_FILE}）：`);
  for (const f of d.changed) console.log(`  ~ ${f}（内容不同）`);
  for (const f of d.removed) console.log(`  - ${f}（只在 ${shown(a)}）`);
  for (const f of d.added) console.log(`  + ${f}（只在 ${shown(b)}）`);
  return 1;
}

async function build(target: string, passthrough: string[]): Promise<number> {
  const parent = path.dirname(target);
  const safe = `原来的“${shown(target)}”没有改动。`;
  existingDir(parent, '输出文件夹的上级文件夹');
  if (exists(target) && !statSync(target).isDirectory()) {
    throw new OperatorError(`“${shown(target)}”是一个文件，不是文件夹，无法把网站构建到这里。请换一个输出文件夹，或移走这个文件后重新运行。`);
  }
  try {
    probeWritable(parent);
  } catch (e) {
    throw fsProblem(e, { doing: '写入构建结果', where: parent, safe });
  }
  const lock = acquireLock(projectLockFile(PROJECT_ROOT), '构建');
  const staging = stagingDir(target);
  const stop = stopSignals();
  try {
    try {
      if (recoverSwap(target) === 'restored') console.log(`上次构建在替换网站时被中断，已恢复原来的“${shown(target)}”。`);
      removeStaleStaging(target);
    } catch (e) {
      throw fsProblem(e, { doing: '清理上次构建留下的临时文件夹', where: parent, safe });
    }
    // Taken before Astro reads the content: a report edited during the build makes the stamp look stale, not fresh.
    const sourceHash = sourceFingerprint(contentDirFromEnv());
    const outcome = await runAstro(staging, passthrough, stop);
    if (outcome.signal) {
      rmSync(staging, { recursive: true, force: true });
      console.error(`✖ 构建被中断。${safe}`);
      return 128 + (outcome.signal === 'SIGINT' ? 2 : outcome.signal === 'SIGHUP' ? 1 : 15);
    }
    const log = outcome.held.length > 0 ? saveErrorLog('构建', outcome.all.join('\n')) : undefined;
    if (outcome.code !== 0) {
      rmSync(staging, { recursive: true, force: true });
      // The machine's fault (a full disk, no permission) is the operator's to fix: said in Chinese, exit code 2.
      const code = outcome.systemCode && ENVIRONMENT_CODES.has(outcome.systemCode) ? outcome.systemCode : freeBytes(parent) < LOW_SPACE ? 'ENOSPC' : undefined;
      if (code) {
        // The folder the operator named, unless the error was about a file elsewhere (the cache, a report).
        const at = outcome.systemPath && !isInside(parent, path.resolve(outcome.systemPath)) ? outcome.systemPath : parent;
        console.error(`✖ ${fsProblem({ code }, { doing: '构建网站', where: at, safe }).message}`);
        return 2;
      }
      // A stack trace means a fault of the program, not of the content (whose problems Astro prints without one).
      if (outcome.held.length > 0) console.error(`✖ 构建时程序内部出错，没有完成。${log ? `详细情况已记在“${shown(log)}”，` : ''}请把这个文件发给维护本工具的同事。${safe}`);
      else console.error(`构建没有完成（见上面的说明）。${safe}`);
      return outcome.code;
    }
    const missing = missingOutputs(staging);
    if (missing.length > 0) {
      rmSync(staging, { recursive: true, force: true });
      console.error(`✖ 构建结束了，但网站不完整：缺少${missing.join('、')}。${safe}请查看上面的输出，改正后重新运行 npm run build。`);
      return 1;
    }
    let files = 0;
    let hash = '';
    let swapMs = 0;
    try {
      const t0 = performance.now();
      // The hashes of the files the build copied from its verified caches, handed over by the integration.
      const known = FileHashes.load(fileHashesFile(cacheDirFromEnv()), staging);
      if (known.dropped) console.log(`${known.dropped}，这次逐个读取网站文件计算指纹。`);
      const stamp = writeStamp(staging, sourceHash, new Date(), known);
      const stampMs = Math.round(performance.now() - t0);
      files = Object.keys(stamp.files).length;
      hash = stamp.contentHash;
      checkpoint('build:stamped');
      const t1 = performance.now();
      swapMs = swapIn(staging, target).gapMs;
      printTimings({ stamp: stampMs, swap: Math.round(performance.now() - t1) });
    } catch (e) {
      throw fsProblem(e, { doing: '把新网站放到位', where: target, safe });
    }
    console.log(`网站已更新：“${shown(target)}”，${files} 个文件，内容指纹 ${hash.slice(0, 8)}，替换用时 ${swapMs.toFixed(1)} 毫秒。`);
    return 0;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    stop.dispose();
    lock.release();
  }
}


function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

function astroBin(): string {
  const override = process.env.SHOWCASE_ASTRO_BIN?.trim();
  const bin = override ? path.resolve(override) : path.join(PROJECT_ROOT, 'node_modules', '.bin', 'astro');
  try {
    // The script behind node_modules/.bin/astro, run with this Node (24) rather than whatever `node` is on PATH.
    return realpathSync(bin);
  } catch {
    throw new OperatorError(`找不到 Astro（${shown(bin)}）。请先在项目文件夹运行 npm install，然后重新构建。`);
  }
}

/**
 * Runs `astro build --outDir <staging>` with the caller's environment: its output straight to the terminal, its
 * error output through the relay of src/errors/child.ts (what is for a programmer to the error log). Ctrl+C or a stop
 * request while Astro runs is passed on to it; the caller then removes the staging folder.
 */
function runAstro(staging: string, passthrough: string[], stop: StopSignals): Promise<{ code: number; signal?: NodeJS.Signals; held: string[]; all: string[]; systemCode?: string; systemPath?: string }> {
  const bin = astroBin();
  const env = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED ?? '1',
    // Anything Astro starts with `node` gets this Node too.
    PATH: [path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
  };
  return new Promise((resolve, reject) => {
    // Astro's error output goes through the relay: stack traces to the error log, the rest to the operator.
    const child = spawn(process.execPath, [bin, 'build', '--outDir', staging, ...passthrough], { cwd: PROJECT_ROOT, env, stdio: ['inherit', 'inherit', 'pipe'] });
    const errors = childErrorRelay((line) => process.stderr.write(line));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => errors.write(chunk));
    stop.child = child;
    child.on('error', (e) => {
      stop.child = undefined;
      reject(fsProblem(e, { doing: '启动 Astro', where: bin }));
    });
    // The error output is read to its end before it is judged; a process Astro started and left behind may hold
    // it open, so not for longer than two seconds after Astro has exited.
    const ended = new Promise<void>((done) => child.stderr!.on('end', done).on('error', done));
    child.on('exit', (code, signal) => {
      stop.child = undefined;
      const sig = stop.received ?? signal ?? undefined;
      void Promise.race([ended, new Promise((r) => setTimeout(r, 2000).unref())]).then(() => {
        errors.end();
        const seen = { held: errors.held, all: errors.all, systemCode: errors.systemCode, systemPath: errors.systemPath };
        resolve(sig ? { code: 1, signal: sig, ...seen } : { code: code ?? 1, ...seen });
      });
    });
  });
}

interface StopSignals {
  child?: ChildProcess;
  received?: NodeJS.Signals;
  dispose(): void;
}

/**
 * Listens for Ctrl+C and stop requests for the whole build. While Astro runs they are passed on to it; after
 * that they are held until the end, so a signal cannot cut the swap in half (only a kill can, and the next
 * run repairs that).
 */
function stopSignals(): StopSignals {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const state: StopSignals = {
    dispose: () => {
      for (const s of signals) process.off(s, on);
    },
  };
  const on = (sig: NodeJS.Signals) => {
    state.received ??= sig;
    state.child?.kill(sig);
  };
  for (const s of signals) process.on(s, on);
  return state;
}

await runCommand('构建', () => main(process.argv.slice(2)));
