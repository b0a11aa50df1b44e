/**
 * npm run preview: serves dist/ under the configured base, as a plain intranet server would.
 * PORT (default 4321) and HOST (default 127.0.0.1) choose where it listens.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { recoverSwap } from '../src/publish/atomic.ts';
import { contentDirFromEnv, projectContentDir } from '../src/node/config.ts';
import { readSiteAddress } from '../src/node/content-config.ts';
import { serveStatic } from '../src/serve/static-server.ts';
import { readArgsOrExit } from './lib/args.ts';

readArgsOrExit(process.argv.slice(2), {
  usage: `用法：npm run preview
  用构建好的 dist/ 启动预览网站；环境变量 PORT（默认 4321）和 HOST（默认 127.0.0.1）决定地址。`,
  options: {},
  positionals: false,
});

// A build killed between its two renames leaves the previous site beside dist/: put it back first.
recoverSwap(path.resolve('dist'));
if (!existsSync('dist/index.html')) {
  console.error('还没有构建好的网站：请先运行 npm run build。');
  process.exit(2);
}
const { base } = readSiteAddress({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir() });
const server = await serveStatic({ root: 'dist', base, port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' });
console.log(`网站已启动：${server.url}  （按 Ctrl+C 停止）`);
