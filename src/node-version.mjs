// @ts-check
/**
 * The project runs on the Node 24 it installs (the `node` package): every npm script uses it. Imported first by
 * astro.config.mjs, so Astro's own command started with an older Node of the machine (Astro accepts 22.12 and
 * later) stops here with one line saying what to run, before anything else is loaded. Plain JavaScript, so it
 * runs even where the Node cannot load the project's TypeScript.
 */
const NEEDED = 24;

if (Number.parseInt(process.versions.node, 10) < NEEDED) {
  console.error(`本项目要用它自己安装的 Node ${NEEDED} 运行，现在的是 Node ${process.versions.node}：请用 npm run build 构建（开发用 npm run dev），不要直接运行 astro。`);
  process.exit(2);
}
