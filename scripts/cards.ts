/**
 * npm run cards [-- <dist>]: renders the share cards of the published reports and organisations into the
 * built site (default dist/) without rebuilding pages. Unchanged cards come from the cache.
 * Exit codes: 0 done · 1 content errors or a character the card font lacks · 2 no built site.
 */
import { existsSync } from 'node:fs';
import { buildCards, MissingGlyphError } from '../src/cards/build.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { checkContent } from '../src/node/check-content.ts';
import { contentDirFromEnv, nowFromEnv, projectContentDir } from '../src/node/config.ts';

const outDir = process.argv[2] ?? 'dist';
if (!existsSync(outDir)) {
  console.error(`找不到构建好的网站 ${outDir}：请先运行 npm run build。`);
  process.exit(2);
}
const { model, problems } = await checkContent({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir(), now: nowFromEnv() });
const errors = problems.filter((p) => p.severity === 'error');
if (errors.length > 0) {
  for (const p of errors) console.error(formatProblem(p) + '\n');
  process.exit(1);
}
const started = performance.now();
try {
  const r = await buildCards({ model, outDir });
  console.log(`分享卡片：新生成 ${r.rendered} 张，沿用缓存 ${r.cached} 张，用时 ${Math.round(performance.now() - started)} 毫秒。`);
} catch (e) {
  if (!(e instanceof MissingGlyphError)) throw e;
  console.error(e.message);
  process.exit(1);
}
