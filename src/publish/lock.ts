/**
 * A lock file that keeps two builds or publishes from working on the same folder at once. The file is created
 * with the `wx` flag (create-exclusive), so of two processes starting together exactly one gets it. It records
 * who holds it so the operator who is refused knows what is running and since when. A lock left behind by a
 * process that no longer exists (killed, machine restarted) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OperatorError, fsProblem, shown } from '../errors/operator.ts';

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO instant. */
  since: string;
  /** 构建 / 发布 / 回滚 — shown to whoever is refused. */
  purpose: string;
}

export interface Lock {
  readonly file: string;
  readonly info: LockInfo;
  release(): void;
}

/** A lock file is written in one small write right after it is created; an empty one is that instant, or a crash in it. */
const EMPTY_GRACE_MS = 10_000;
/** The take-over guard is held for a few file operations; older than this, its holder died holding it. */
const TAKEOVER_STALE_MS = 30_000;

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another account — still alive.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

function createExclusive(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Whether the lock in `file` may be taken over, and why not if it may not. */
function staleness(file: string): { stale: boolean; holder?: LockInfo } {
  const holder = readLock(file);
  if (!holder) {
    let age = Infinity;
    try {
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      return { stale: true };
    }
    return { stale: age > EMPTY_GRACE_MS };
  }
  // A pid means nothing on another machine (a lock on a network share): only its owner may clear it.
  if (holder.host !== os.hostname()) return { stale: false, holder };
  if (holder.pid === process.pid || !isAlive(holder.pid)) return { stale: true, holder };
  // After a restart the number may belong to an unrelated process: one that started after the lock was taken
  // cannot be its holder.
  const started = processStart(holder.pid);
  return { stale: started !== undefined && started > Date.parse(holder.since) + 2_000, holder };
}

/** When a process started (ms since epoch), where the system tells (Linux /proc); undefined elsewhere. */
export function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counted after the parenthesised command name.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined;
    return btime * 1000 + (ticks / 100) * 1000;
  } catch {
    return undefined;
  }
}

function heldMessage(file: string, holder: LockInfo | undefined): string {
  if (!holder) return `另一个构建或发布正在启动（锁文件“${shown(file)}”刚刚建立）。请等它结束后再运行。`;
  const since = formatShanghai(new Date(holder.since));
  const where = holder.host === os.hostname() ? '' : `电脑 ${holder.host} 上的`;
  return (
    `${where}另一个${holder.purpose}正在进行（进程号 ${holder.pid}，从 ${since} 开始），同一时间只能有一个构建或发布。` +
    `请等它结束后再运行。如果确定它已不在运行（例如那台电脑已关机），删除锁文件“${shown(file)}”后重新运行。`
  );
}

/**
 * Takes the lock or throws the operator's message. Taking over a stale lock is itself guarded by a second
 * exclusive file: otherwise two processes that both saw the same dead holder could each delete the other's
 * fresh lock and both go ahead.
 */
export function acquireLock(file: string, purpose: string): Lock {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), purpose };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (e) {
    throw fsProblem(e, { doing: '建立锁文件', where: path.dirname(file) });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (createExclusive(file, info)) return held(file, info);
      const seen = staleness(file);
      if (!seen.stale) throw new OperatorError(heldMessage(file, seen.holder));
      const guard = `${file}.takeover`;
      if (!createExclusive(guard, info)) {
        const age = ageOf(guard);
        if (age > TAKEOVER_STALE_MS) removeQuietly(guard);
        continue;
      }
      try {
        // Looked at again under the guard: someone may have taken it over between our look and the guard.
        const again = staleness(file);
        if (!again.stale) throw new OperatorError(heldMessage(file, again.holder));
        removeQuietly(file);
        if (createExclusive(file, info)) return held(file, info);
      } finally {
        removeQuietly(guard);
      }
    } catch (e) {
      if (e instanceof OperatorError) throw e;
      throw fsProblem(e, { doing: '建立锁文件', where: file });
    }
  }
  throw new OperatorError(heldMessage(file, readLock(file)));
}

function held(file: string, info: LockInfo): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: if it was (wrongly) taken over, the new holder's file stays.
    if (readLock(file)?.pid === info.pid) removeQuietly(file);
  };
  process.on('exit', release);
  return { file, info, release };
}

function ageOf(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** '2025-04-18 09:30:05' in Beijing time, however the machine's clock zone is set. */
export function formatShanghai(d: Date): string {
  if (Number.isNaN(d.getTime())) return '未知时间';
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** The project's one lock: builds and publishes of this project take turns. */
export function projectLockFile(root: string): string {
  return path.join(root, 'node_modules', '.cache', 'showcase', 'build.lock');
}
