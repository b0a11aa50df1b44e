/**
 * The error output of a program the build runs (Astro), on its way to the operator. Whatever Astro says for
 * the operator passes through as it comes, line by line — the content problems, in Chinese, first of all. What
 * only a programmer can use is held back for the error log: stack frames ("    at …"), Astro's "Stack trace:"
 * and "Caused by:" sections, Node's report of an uncaught error (the source excerpt, the error's properties,
 * the version line) and the English heading of a JavaScript or system error. A system error's code (ENOSPC …)
 * is remembered, so the build can say in Chinese what the machine needs.
 */

/** Colour codes, which Astro adds when its output is a terminal. */
const ANSI = /\x1b\[[0-9;]*m/g;
const FRAME = /^\s+at\s/;
const ASTRO_SECTION = /^\s*(?:Stack trace|Caused by):/;
const ASTRO_MORE = /^\s*\[\.\.\.\] See full stack trace/;
/** Node's first line for an uncaught error: where it was thrown, e.g. node:fs:2425 or file:///x.mjs:15. */
const NODE_LOCATION = /^(?:node:\S+|file:\/\/\S+|\/\S+):\d+$/;
const NODE_VERSION = /^Node\.js v\d+/;
/** "ENOSPC: no space left on device, write", or with the error's name in front. */
const SYSTEM = /^\s*(?:[A-Za-z]*Error(?: \[[A-Z_]+\])?: )?(E[A-Z0-9]{2,}): [a-z]/;
const JS_ERROR = /^\s*(?:Uncaught )?[A-Z][A-Za-z]*Error(?: \[[A-Z_]+\])?: /;
const CODE_PROPERTY = /^\s+code: '(E[A-Z0-9]{2,})'/;
/** The path a system error names: "…, open '/srv/x'" or the property "path: '/srv/x'". */
const SYSTEM_PATH = /(?:^\s*(?:[A-Za-z]*Error(?: \[[A-Z_]+\])?: )?E[A-Z0-9]{2,}: [^,]*, \w+ |^\s+path: )'([^']+)'/;

export interface ChildErrorRelay {
  /** Feeds a chunk of the program's error output. */
  write(chunk: string): void;
  /** The output has ended: a last line without a newline is classified too. */
  end(): void;
  /** What was held back, in order. */
  readonly held: string[];
  /** Every line, held back or passed on, for the error log: a stack means little without what came before it. */
  readonly all: string[];
  /** The first system error code seen, e.g. ENOSPC, and the path it named. */
  readonly systemCode: string | undefined;
  readonly systemPath: string | undefined;
}

/** `pass` receives each line meant for the operator, with its newline. */
export function childErrorRelay(pass: (line: string) => void): ChildErrorRelay {
  const held: string[] = [];
  const all: string[] = [];
  let systemCode: string | undefined;
  let systemPath: string | undefined;
  let partial = '';
  // Inside Node's source excerpt (until a blank line) or an error's property list (until its closing brace).
  let block: 'excerpt' | 'properties' | undefined;
  // A blank line right after held lines belongs to them.
  let lastHeld = false;

  const line = (raw: string, newline: string) => {
    const text = raw.replace(ANSI, '');
    const code = SYSTEM.exec(text)?.[1] ?? CODE_PROPERTY.exec(text)?.[1];
    if (code) systemCode ??= code;
    systemPath ??= SYSTEM_PATH.exec(text)?.[1];
    let hold = false;
    if (block === 'excerpt') {
      hold = true;
      if (text.trim() === '') block = undefined;
    } else if (block === 'properties') {
      hold = true;
      if (/^\s*}\s*$/.test(text)) block = undefined;
    } else if (NODE_LOCATION.test(text)) {
      hold = true;
      block = 'excerpt';
    } else if (FRAME.test(text)) {
      hold = true;
      if (/\{\s*$/.test(text)) block = 'properties';
    } else if (ASTRO_SECTION.test(text) || ASTRO_MORE.test(text) || NODE_VERSION.test(text) || SYSTEM.test(text) || JS_ERROR.test(text)) {
      hold = true;
    } else if (lastHeld && text.trim() === '') {
      hold = true;
    }
    lastHeld = hold;
    all.push(raw);
    if (hold) held.push(raw);
    else pass(raw + newline);
  };

  return {
    write(chunk) {
      const lines = (partial + chunk).split(/(\r?\n)/);
      partial = lines.pop() ?? '';
      for (let i = 0; i + 1 < lines.length; i += 2) line(lines[i]!, lines[i + 1]!);
    },
    end() {
      if (partial) line(partial, '');
      partial = '';
    },
    held,
    all,
    get systemCode() {
      return systemCode;
    },
    get systemPath() {
      return systemPath;
    },
  };
}

/** Codes that say the machine is at fault (disk, permissions, resources), not the content or the program. */
export const ENVIRONMENT_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE']);
