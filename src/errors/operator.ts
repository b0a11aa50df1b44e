/**
 * What the operator reads when the build or a publish cannot go on: one Chinese paragraph that says what is
 * wrong and what to do, never a stack trace or a library's English text. Exit codes follow `npm run check`:
 * 1 = the content (or the build made from it) is at fault, 2 = the environment or the command line is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../node/config.ts';

export type ExitCode = 1 | 2;

export class OperatorError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = 2) {
    super(message);
    this.name = 'OperatorError';
    this.exitCode = exitCode;
  }
}

/** A Node system error (fs, child_process): it carries a code such as ENOSPC and usually the path involved. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorPath(e: unknown): string | undefined {
  const p = (e as { path?: unknown } | null)?.path;
  return typeof p === 'string' ? p : undefined;
}

export interface FsContext {
  /** What was being done, as a verb phrase: “写入网站文件”, “创建发布版本”. */
  doing: string;
  /** The file or folder to name; without it, the one the error names. */
  where?: string;
  /** What is still safe, e.g. “原来的 dist/ 没有改动。” — the operator's first worry. */
  safe?: string;
}

/**
 * Maps a Node error code to the operator's message. Unknown codes still get a Chinese paragraph; the code is
 * kept at its end because it is what a system administrator will search for.
 */
export function fsProblem(e: unknown, ctx: FsContext): OperatorError {
  const code = errorCode(e) ?? '未知';
  // The folder the operator named says more than the file deep inside it that happened to fail.
  const where = shown(ctx.where ?? errorPath(e) ?? '');
  const at = where ? `“${where}”` : '目标文件夹';
  const safe = ctx.safe ? ctx.safe : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new OperatorError(
        `没有权限${ctx.doing}：${at}不允许当前账号（${user()}）写入。${safe}请让系统管理员给这个账号开放该文件夹的写权限，或换一个有写权限的文件夹，然后重新运行。`,
      );
    case 'EROFS':
      return new OperatorError(
        `无法${ctx.doing}：${at}所在的磁盘或网络共享是只读的。${safe}请确认共享以读写方式挂载，或换一个可写的文件夹，然后重新运行。`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new OperatorError(
        `无法${ctx.doing}：${at}所在的磁盘已满${code === 'EDQUOT' ? '（超出了账号的空间配额）' : ''}。${safe}请删除不需要的文件（发布文件夹里的旧版本可用 --keep 少保留几个），腾出空间后重新运行。`,
      );
    case 'ENOENT':
      return new OperatorError(`无法${ctx.doing}：找不到${at}。${safe}请检查路径是否写对、网络共享是否已挂载，然后重新运行。`);
    case 'ENOTDIR':
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return new OperatorError(`无法${ctx.doing}：${at}的类型不对（应为文件夹的地方是文件，或反过来），或已被别的程序占用。${safe}请检查这个路径，移走不相关的文件后重新运行。`);
    case 'EBUSY':
    case 'ETXTBSY':
      return new OperatorError(`无法${ctx.doing}：${at}正被别的程序占用（例如打开着的文件管理器或杀毒软件）。${safe}请关闭占用它的程序后重新运行。`);
    case 'EMFILE':
    case 'ENFILE':
      return new OperatorError(`无法${ctx.doing}：系统同时打开的文件太多。${safe}请关闭其他程序后重新运行；若反复出现，请系统管理员调高打开文件数上限。`);
    case 'EIO':
    case 'ESTALE':
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
    case 'ENOTCONN':
      return new OperatorError(`无法${ctx.doing}：读写${at}时磁盘或网络共享出错（系统代码 ${code}）。${safe}请检查网络共享是否连通、磁盘是否正常，然后重新运行。`);
    default:
      return new OperatorError(`无法${ctx.doing}：${at}读写出错（系统代码 ${code}）。${safe}请检查磁盘和网络共享是否正常后重新运行；如仍不行，请把这段话发给系统管理员。`);
  }
}

/** Paths relative to the project when inside it: shorter, and what the operator typed. */
export function shown(p: string): string {
  if (!p) return p;
  const rel = path.relative(PROJECT_ROOT, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function user(): string {
  try {
    return os.userInfo().username;
  } catch {
    return String(process.getuid?.() ?? '?');
  }
}

export const missingFolder = (dir: string, what: string) =>
  new OperatorError(`${what}“${shown(dir)}”不存在。请检查路径是否写对、网络共享是否已挂载；如果确实要用新文件夹，请先手工建好它，然后重新运行。`);

/**
 * Runs a command's main function and turns whatever it throws into the operator's paragraph and exit code.
 * An unexpected error (a defect, not the operator's doing) is written in full to a log file for whoever
 * maintains the tool, and the operator is told where it is.
 */
export async function runCommand(name: string, main: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (e) {
    process.exitCode = report(name, e);
  }
}

export function report(name: string, e: unknown, ctx?: FsContext): ExitCode {
  if (e instanceof OperatorError) {
    console.error(`✖ ${e.message}`);
    return e.exitCode;
  }
  if (errorCode(e) && ctx) return report(name, fsProblem(e, ctx));
  if (errorCode(e)) return report(name, fsProblem(e, { doing: `完成${name}` }));
  const saved = saveErrorLog(name, (e as Error)?.stack ?? String(e));
  console.error(`✖ ${name}时程序内部出错，没有完成。${saved ? `详细情况已记在“${shown(saved)}”，` : ''}请把这个文件发给维护本工具的同事；已有的网站和已发布的版本不受影响。`);
  return 1;
}

/**
 * Writes what only a programmer can use (a stack trace, a library's English error) to the command's error log,
 * which the operator is pointed to instead of being shown it. Returns the file, or undefined when it cannot be
 * written.
 */
export function saveErrorLog(name: string, text: string): string | undefined {
  const log = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'showcase', `${name}-error.log`);
  try {
    mkdirSync(path.dirname(log), { recursive: true });
    writeFileSync(log, `${new Date().toISOString()}\n${text}\n`);
    return log;
  } catch {
    // Nowhere to write: the operator's paragraph still says what to do.
    return undefined;
  }
}
