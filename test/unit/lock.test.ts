/**
 * The build/publish lock: one holder at a time, a refusal that says who holds it and since when, and the
 * take-over of a lock whose holder is gone — by exactly one of several processes that find it at once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, formatShanghai, readLock } from '../../src/publish/lock.ts';
import { OperatorError } from '../../src/errors/operator.ts';
import { exited, waitForFile } from './publish-fixture.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
const lockFile = () => path.join(tmp, `l${n++}`, 'build.lock');

/** A process that is certainly running (until the tests end). */
function livePid(): number {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
  children.push(c);
  return c.pid!;
}

/** A process number that certainly belongs to no running process any more. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

function refusal(file: string): OperatorError {
  try {
    acquireLock(file, '构建').release();
  } catch (e) {
    expect(e).toBeInstanceOf(OperatorError);
    return e as OperatorError;
  }
  throw new Error('the lock was not refused');
}

function plant(file: string, holder: object): void {
  const lock = acquireLock(file, '占位');
  lock.release();
  writeFileSync(file, JSON.stringify(holder));
}

describe('lock', () => {
  it('is created exclusively with who holds it, and removed on release', () => {
    const file = lockFile();
    const lock = acquireLock(file, '构建');
    expect(readLock(file)).toMatchObject({ pid: process.pid, host: os.hostname(), purpose: '构建' });
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses while a running process holds it, naming the process, the start time and the way out', () => {
    const file = lockFile();
    const since = new Date().toISOString();
    const pid = livePid();
    plant(file, { pid, host: os.hostname(), since, purpose: '发布' });
    const e = refusal(file);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`另一个发布正在进行（进程号 ${pid}，从 ${formatShanghai(new Date(since))} 开始）`);
    expect(e.message).toContain('删除锁文件');
    expect(readLock(file)?.pid).toBe(pid);
  });

  it('takes over the lock of a process that has ended', () => {
    const file = lockFile();
    const pid = deadPid();
    plant(file, { pid, host: os.hostname(), since: new Date().toISOString(), purpose: '构建' });
    const lock = acquireLock(file, '构建');
    expect(readLock(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over when the number now belongs to a process started after the lock was taken (after a restart)', () => {
    const file = lockFile();
    plant(file, { pid: livePid(), host: os.hostname(), since: '2001-01-01T00:00:00Z', purpose: '构建' });
    const lock = acquireLock(file, '构建');
    expect(readLock(file)?.pid).toBe(process.pid);
    lock.release();
  });

  it('never takes over a lock from another computer (a shared folder)', () => {
    const file = lockFile();
    plant(file, { pid: 1, host: 'other-machine', since: new Date().toISOString(), purpose: '发布' });
    expect(refusal(file).message).toContain('电脑 other-machine 上的另一个发布正在进行');
  });

  it('treats an empty lock file as being written just now, and as abandoned once it is old', () => {
    const file = lockFile();
    plant(file, {});
    writeFileSync(file, '');
    expect(refusal(file).message).toContain('正在启动');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireLock(file, '构建').release();
  });

  it('of 8 processes racing for a stale lock, exactly one wins (3 rounds)', async () => {
    for (let round = 0; round < 3; round++) await race(round);
  }, 120_000);
});

/** Eight processes wait for one signal, then all try to take a lock left by a process that has ended. */
async function race(round: number): Promise<void> {
  const dir = path.join(tmp, `race${round}`);
  const file = path.join(dir, 'build.lock');
  plant(file, { pid: deadPid(), host: os.hostname(), since: new Date().toISOString(), purpose: '构建' });
  const script = path.join(tmp, 'racer.ts');
  writeFileSync(
    script,
    `import { existsSync, writeFileSync } from 'node:fs';
import { acquireLock } from ${JSON.stringify(path.resolve('src/publish/lock.ts'))};
const [file, ready, go, done] = process.argv.slice(2);
writeFileSync(ready, '');
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
try {
  const lock = acquireLock(file, '构建');
  console.log('won');
  while (!existsSync(done)) await new Promise((r) => setTimeout(r, 10));
  lock.release();
} catch (e) {
  console.log('lost ' + e.message);
}
`,
  );
  const go = path.join(tmp, `go${round}`);
  const done = path.join(tmp, `done${round}`);
  const verdicts: string[] = [];
  let all8!: () => void;
  const decided = new Promise<void>((r) => (all8 = r));
  const racers = Array.from({ length: 8 }, (_, i) => {
    const ready = path.join(tmp, `ready${round}-${i}`);
    const c = spawn(process.execPath, [script, file, ready, go, done], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(c);
    // Each racer prints its verdict first: the winner while still holding the lock, a loser as it exits.
    c.stdout.once('data', (d: Buffer) => {
      verdicts.push(String(d));
      if (verdicts.length === 8) all8();
    });
    return { ready, result: exited(c) };
  });
  for (const r of racers) await waitForFile(r.ready);
  writeFileSync(go, '');
  await decided;
  writeFileSync(done, '');
  const all = await Promise.all(racers.map((r) => r.result));
  expect(verdicts.filter((v) => v.startsWith('won')), verdicts.join('\n')).toHaveLength(1);
  expect(verdicts.filter((v) => v.startsWith('lost'))).toHaveLength(7);
  expect(all.every((x) => x.code === 0)).toBe(true);
  expect(existsSync(file)).toBe(false);
}
