/**
 * The command line of every script, read by node:util's parseArgs with one set of Chinese messages: an unknown
 * option, an option without its value or a stray argument is one line naming it, then the script's usage, and
 * exit code 2 (src/errors/operator.ts: the command line is at fault). --help and -h print the usage.
 * Only scripts/ import this; the product never reads a command line.
 */
import { parseArgs } from 'node:util';
import { OperatorError } from '../../src/errors/operator.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** What a string option's value is, for “选项 --x 后面要写…”; default 值. */
  value?: string;
}
export type OptionSpecs = Record<string, OptionSpec>;

type Values<O extends OptionSpecs> = {
  -readonly [K in keyof O]?: O[K]['type'] extends 'boolean'
    ? (O[K]['multiple'] extends true ? boolean[] : boolean)
    : (O[K]['multiple'] extends true ? string[] : string);
};

export interface CliSpec<O extends OptionSpecs> {
  usage: string;
  options: O;
  /** Whether arguments that are not options (files, folders, names) may be given; default yes. */
  positionals?: boolean;
  /**
   * Options the script does not know are handed on (to another program) in `rest`, in order, with the
   * arguments that are not options, instead of being refused.
   */
  passUnknown?: boolean;
}

export interface Cli<O extends OptionSpecs> {
  values: Values<O>;
  /** Arguments that are not options, in order (with passUnknown: also the unknown options). */
  positionals: string[];
}

/** A usage mistake: one line naming it, then the usage; exit code 2. */
export function usageError(line: string, usage: string): OperatorError {
  return new OperatorError(`${line}\n${usage}`, 2);
}

/** The option a parseArgs error names: the long form of “'-b, --base <value>'”. */
function named(message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  return quoted.match(/--[\w-]+/g)?.at(-1) ?? quoted.match(/-\w/)?.[0] ?? quoted;
}

function mistake(e: unknown, specs: OptionSpecs): string {
  const { code, message } = e as { code?: string; message?: string };
  const what = named(message ?? '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项 ${what}。`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `不认识的参数 ${what}：这个命令只接受选项。`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const spec = specs[what.replace(/^-+/, '')];
      if (spec?.type === 'boolean') return `选项 ${what} 后面不用写值。`;
      return `选项 ${what} 后面要写${spec?.value ?? '值'}。`;
    }
    default:
      return `命令行写得不对：${what}。`;
  }
}

/**
 * The command line `argv` by `spec`; undefined when --help or -h asked for the usage (printed here). Throws an
 * OperatorError (exit 2) for a usage mistake.
 */
export function readArgs<const O extends OptionSpecs>(argv: string[], spec: CliSpec<O>): Cli<O> | undefined {
  const specs: OptionSpecs = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  const options = Object.fromEntries(Object.entries(specs).map(([k, { type, short, multiple }]) => [k, { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, strict: !spec.passUnknown, allowPositionals: spec.positionals ?? true, tokens: true });
  } catch (e) {
    throw usageError(mistake(e, specs), spec.usage);
  }
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'positional') positionals.push(t.value);
    else if (t.kind === 'option-terminator') {
      if (spec.passUnknown) positionals.push('--');
    }
    else if (!(t.name in specs)) positionals.push(t.rawName + (t.inlineValue ? `=${t.value}` : ''));
    else {
      const s = specs[t.name]!;
      // Without strict parsing parseArgs takes the next option as the value; it is the value forgotten.
      if (s.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-'))) {
        throw usageError(`选项 ${t.rawName} 后面要写${s.value ?? '值'}。`, spec.usage);
      }
      const v = s.type === 'string' ? t.value : true;
      values[t.name] = s.multiple ? [...((values[t.name] as unknown[]) ?? []), v] : v;
    }
  }
  if (values.help) {
    console.log(spec.usage);
    return undefined;
  }
  delete values.help;
  return { values: values as Values<O>, positionals };
}

/** readArgs for a script whose body runs outside runCommand: a mistake is printed and exits 2, --help exits 0. */
export function readArgsOrExit<const O extends OptionSpecs>(argv: string[], spec: CliSpec<O>): Cli<O> {
  let cli: Cli<O> | undefined;
  try {
    cli = readArgs(argv, spec);
  } catch (e) {
    if (!(e instanceof OperatorError)) throw e;
    console.error(`✖ ${e.message}`);
    process.exit(e.exitCode);
  }
  if (!cli) process.exit(0);
  return cli;
}
