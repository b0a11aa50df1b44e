/**
 * node scripts/linkcheck.ts [dist] [--base /showcase/] [--site http://showcase.bank.local] [--strict]
 * Offline link check of a built site (src/linkcheck/index.ts), to run after the build and before publishing.
 * Exit codes: 0 no broken link · 1 broken links (with --strict also links to other hosts) · 2 bad usage or no site.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkLinks, formatReport, inferBase } from '../src/linkcheck/index.ts';
import { runCommand } from '../src/errors/operator.ts';
import { readArgs, usageError } from './lib/args.ts';

const USAGE = `用法：node scripts/linkcheck.ts [网站文件夹] [--base /showcase/] [--site http://showcase.bank.local] [--strict]
  网站文件夹      构建结果，默认 dist
  --base 子路径   网站部署的子路径；不写时取环境变量 SHOWCASE_BASE，再不然从 index.html 里的资源地址推断
  --site 地址     网站的内网地址（og:image、订阅源用）；不写时取 SHOWCASE_SITE，再不然取页面里最常见的主机
  --strict        指向其他主机的链接也算错误`;

function main(argv: string[]): number {
  const args = readArgs(argv, {
    usage: USAGE,
    options: { base: { type: 'string', value: '子路径' }, site: { type: 'string', value: '地址' }, strict: { type: 'boolean' } },
  });
  if (!args) return 0;
  const { positionals: positional, values: opts } = args;
  if (positional.length > 1) throw usageError('只能检查一个网站文件夹。', USAGE);
  const dist = path.resolve(positional[0] ?? 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error(`${dist} 里没有构建好的网站（缺少 index.html）：请先运行 npm run build。`);
    return 2;
  }
  const base = typeof opts.base === 'string' ? opts.base : (process.env.SHOWCASE_BASE || inferBase(dist) || '/');
  let site = typeof opts.site === 'string' ? opts.site : process.env.SHOWCASE_SITE || undefined;
  if (site !== undefined) {
    try {
      site = new URL(site).origin;
    } catch {
      console.error(`--site 不是有效的网址：${site}`);
      return 2;
    }
  }
  const res = checkLinks({ dist, base, site });
  console.log(formatReport(res));
  if (res.problems.length > 0) return 1;
  if (opts.strict && res.external.length > 0) return 1;
  return 0;
}

await runCommand('链接检查', () => main(process.argv.slice(2)));
