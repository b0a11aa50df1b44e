/**
 * npm run bench [-- <name>…]: runs the benchmarks (check, cards, search). Each reports its figures as ratios
 * against a baseline measured in the same run, so results compare across machines.
 */
export {};

const ALL = ['check', 'cards', 'search'] as const;
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length > 0 ? chosen : [...ALL];
for (const name of names) {
  if (!(ALL as readonly string[]).includes(name)) {
    console.error(`没有名为 ${name} 的基准测试；可选：${ALL.join('、')}`);
    process.exit(2);
  }
  console.log(`\n== ${name} ==`);
  const mod = (await import(`./bench/${name}.ts`)) as { run: () => Promise<void> };
  await mod.run();
}
