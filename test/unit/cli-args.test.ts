/** The one command-line reader of scripts/: parseArgs with the scripts' Chinese messages and exit code 2. */
import { describe, expect, it, vi } from 'vitest';
import { readArgs } from '../../scripts/lib/args.ts';
import { OperatorError } from '../../src/errors/operator.ts';

const USAGE = '用法：npm run x -- [--to 文件夹] [--strict]';
const options = { to: { type: 'string', value: '文件夹' }, strict: { type: 'boolean' } } as const;

function mistake(argv: string[], positionals = true): OperatorError {
  try {
    readArgs(argv, { usage: USAGE, options, positionals });
  } catch (e) {
    return e as OperatorError;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('readArgs', () => {
  it('reads options and the arguments that are not options', () => {
    expect(readArgs(['a', '--to', 'b', '--strict', '-'], { usage: USAGE, options })).toEqual({ values: { to: 'b', strict: true }, positionals: ['a', '-'] });
    expect(readArgs(['--to=b'], { usage: USAGE, options })?.values).toEqual({ to: 'b' });
  });

  it('refuses a mistake with one Chinese line, the usage and exit code 2', () => {
    for (const [argv, line] of [
      [['--frobnicate'], '不认识的选项 --frobnicate。'],
      [['--to'], '选项 --to 后面要写文件夹。'],
      [['--to', '--strict'], '选项 --to 后面要写文件夹。'],
      [['--strict=yes'], '选项 --strict 后面不用写值。'],
    ] as const) {
      const e = mistake([...argv]);
      expect(e).toBeInstanceOf(OperatorError);
      expect([e.exitCode, e.message]).toEqual([2, `${line}\n${USAGE}`]);
    }
    expect(mistake(['x'], false).message).toBe(`不认识的参数 x：这个命令只接受选项。\n${USAGE}`);
  });

  it('prints the usage for --help and -h', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(readArgs(['--help'], { usage: USAGE, options })).toBeUndefined();
    expect(readArgs(['-h'], { usage: USAGE, options })).toBeUndefined();
    expect(log.mock.calls).toEqual([[USAGE], [USAGE]]);
    log.mockRestore();
  });

  it('hands options it does not know on, in order, when asked to', () => {
    const cli = readArgs(['--force', '--to', 'x', '--mode', 'production', '--site=http://a', '--', '--raw'], { usage: USAGE, options, passUnknown: true });
    expect(cli).toEqual({ values: { to: 'x' }, positionals: ['--force', '--mode', 'production', '--site=http://a', '--', '--raw'] });
  });
});
