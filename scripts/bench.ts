/**
 * npm run bench [-- <name>…]: runs the benchmarks (check, cards, search). Each reports its figures as ratios
 * against a baseline measured in the same run, so results compare across machines.
 * npm run bench -- place: hard-linking vs copying (and verifying) the cached cards into the site
 * (scripts/bench/place.ts); only when named.
 *
 * npm run bench -- --reports N [--runs R] [--json FILE] [--keep] [--verbose]
 *   the whole build at scale against a bare Astro build of the same reports (scripts/bench/scale.ts).
 * npm run bench -- --search N [--json FILE]
 *   search at scale in Chromium: first and later query times, exactness on the vocabulary (scripts/bench/search-scale.ts).
 */
export {};

const ALL = ['check', 'cards', 'search'] as const;
/** Run only when named. */
const NAMED = [...ALL, 'place'] as const;
const argv = process.argv.slice(2);

function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) {
    console.error(`选项 ${name} 后面要写一个值`);
    process.exit(2);
  }
  argv.splice(i, 2);
  return v;
}

function count(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} 要写正整数，写的是“${v}”`);
    process.exit(2);
  }
  return n;
}

const reports = count('--reports', option('--reports'));
const searchN = count('--search', option('--search'));
const runs = count('--runs', option('--runs')) ?? 1;
const json = option('--json');
const flag = (f: string) => {
  const i = argv.indexOf(f);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
};
const keep = flag('--keep');
const verbose = flag('--verbose');

if (reports !== undefined) {
  const { runScale } = await import('./bench/scale.ts');
  await runScale({ reports, runs, json, keep, verbose });
} else if (searchN !== undefined) {
  const { runSearchScale } = await import('./bench/search-scale.ts');
  await runSearchScale({ reports: searchN, json, keep });
} else {
  const chosen = argv.filter((a) => !a.startsWith('-'));
  const names = chosen.length > 0 ? chosen : [...ALL];
  for (const name of names) {
    if (!(NAMED as readonly string[]).includes(name)) {
      console.error(`没有名为 ${name} 的基准测试；可选：${NAMED.join('、')}`);
      process.exit(2);
    }
    console.log(`\n== ${name} ==`);
    const mod = (await import(`./bench/${name}.ts`)) as { run: () => Promise<void> };
    await mod.run();
  }
}
