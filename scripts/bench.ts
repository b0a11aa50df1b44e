/**
 * npm run bench [-- <name>…]: runs the benchmarks (check, cards, search). Each reports its figures as ratios
 * against a baseline measured in the same run, so results compare across machines.
 * npm run bench -- place: hard-linking vs copying (and verifying) the cached cards into the site
 * (tools/bench/place.ts); only when named.
 *
 * npm run bench -- --reports N [--runs R] [--json FILE] [--keep] [--verbose]
 *   the whole build at scale against a bare Astro build of the same reports (tools/bench/scale.ts).
 * npm run bench -- --search N [--json FILE]
 *   search at scale in Chromium: first and later query times, exactness on the vocabulary (tools/bench/search-scale.ts).
 */
import { readArgsOrExit } from './lib/args.ts';

const ALL = ['check', 'cards', 'search'] as const;
/** Run only when named. */
const NAMED = [...ALL, 'place'] as const;
const USAGE = `用法：npm run bench -- [基准测试名…]（可选：${NAMED.join('、')}；不写时运行 ${ALL.join('、')}）
  npm run bench -- --reports 篇数 [--runs 次数] [--json 文件] [--keep] [--verbose]   整个构建的规模测试
  npm run bench -- --search 篇数 [--json 文件]                                       检索的规模测试（Chromium）`;

const { values, positionals: chosen } = readArgsOrExit(process.argv.slice(2), {
  usage: USAGE,
  options: {
    reports: { type: 'string', value: '篇数' }, search: { type: 'string', value: '篇数' }, runs: { type: 'string', value: '次数' },
    json: { type: 'string', value: '文件' }, keep: { type: 'boolean' }, verbose: { type: 'boolean' },
  },
});

function count(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} 要写正整数，写的是“${v}”`);
    process.exit(2);
  }
  return n;
}

const reports = count('--reports', values.reports);
const searchN = count('--search', values.search);
const runs = count('--runs', values.runs) ?? 1;
const json = values.json;
const keep = values.keep ?? false;
const verbose = values.verbose ?? false;

if (reports !== undefined) {
  const { runScale } = await import('../tools/bench/scale.ts');
  await runScale({ reports, runs, json, keep, verbose });
} else if (searchN !== undefined) {
  const { runSearchScale } = await import('../tools/bench/search-scale.ts');
  await runSearchScale({ reports: searchN, json, keep });
} else {
  const names = chosen.length > 0 ? chosen : [...ALL];
  for (const name of names) {
    if (!(NAMED as readonly string[]).includes(name)) {
      console.error(`没有名为 ${name} 的基准测试；可选：${NAMED.join('、')}`);
      process.exit(2);
    }
    console.log(`\n== ${name} ==`);
    const mod = (await import(`../tools/bench/${name}.ts`)) as { run: () => Promise<void> };
    await mod.run();
  }
}
