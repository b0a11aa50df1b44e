/**
 * npm run new-site -- --org 某某农商银行 --province 山西 [--city 晋中] [--county 介休] [--type 农商银行] [--id jiexiu]
 *   [--short 简称] [--parent 上级机构] [--dry-run] [--yes]
 * Starts a bank's own site from the samples: deletes the sample reports (and the images only they use) from the
 * content folder (SHOWCASE_CONTENT, default content/), and leaves orgs.yaml with the bank's own entry; metrics.yaml
 * and site.yaml stay. Asks for what the flags leave out and for a yes before deleting, unless --yes.
 * Exit codes: 0 done (or only shown with --dry-run) · 2 bad usage, no answer or broken data files.
 */
import { createInterface } from 'node:readline/promises';
import { readArgs } from './lib/args.ts';
import { contentDirFromEnv, projectContentDir } from '../src/node/config.ts';
import { orExplainConfigProblems } from '../src/node/content-config.ts';
import { newSite } from '../src/content/new-site.ts';
import { ownOrgProblem, type OwnOrg } from '../src/lib/new-site.ts';
import { ORG_TYPES } from '../src/schemas/org.ts';
import { runCommand } from '../src/errors/operator.ts';

const USAGE = `用法：npm run new-site -- --org 机构全称 --province 省份 [--city 地级市] [--county 县] [--type 类型] [--id 机构代码] [--short 简称] [--parent 上级机构] [--dry-run] [--yes]
  从示例开始建本行自己的网站：删掉示例报告（和只有它们用的图片），机构名录 content/orgs.yaml 里只留下本行；
  指标目录 metrics.yaml 和站点设置 site.yaml 不动。没写的项会询问；删除前要确认（--yes 不再询问，--dry-run 只列出不删）。
  类型可选：${ORG_TYPES.join('、')}（不写时按名称推定）。`;

const OPTIONS = {
  org: { type: 'string' }, province: { type: 'string' }, city: { type: 'string' }, county: { type: 'string' },
  type: { type: 'string' }, id: { type: 'string' }, short: { type: 'string' }, parent: { type: 'string' },
  'dry-run': { type: 'boolean' }, yes: { type: 'boolean' },
} as const;

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv, { usage: USAGE, options: OPTIONS, positionals: false })?.values;
  if (!args) return 0;
  const rl = process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    const ask = async (q: string) => (rl ? (await rl.question(q)).trim() : undefined);
    const org = args.org ?? (await ask('本行的全称（如 介休农商银行）：'));
    const province = args.province ?? (await ask('所在省份（如 山西）：'));
    if (!org || !province) {
      console.error(`要写本行的全称和所在省份。\n${USAGE}`);
      return 2;
    }
    const own: OwnOrg = {
      name: org, province,
      ...(args.city ? { city: args.city } : {}), ...(args.county ? { county: args.county } : {}),
      ...(args.type ? { type: args.type as OwnOrg['type'] } : {}), ...(args.id ? { id: args.id } : {}),
      ...(args.short ? { short: args.short } : {}), ...(args.parent ? { parent: args.parent } : {}),
    };
    const problem = ownOrgProblem(own);
    if (problem) {
      console.error(problem);
      return 2;
    }
    const where = { contentDir: contentDirFromEnv(), projectContentDir: projectContentDir(), own };
    const plan = orExplainConfigProblems(() => newSite({ ...where, dryRun: true }), '设置、指标目录或机构名录有误，无法开始。');
    if (!plan) return 2;
    const reports = plan.remove.filter((f) => /\.mdx?$/i.test(f));
    console.log(`将删除 ${reports.length} 份示例报告和 ${plan.remove.length - reports.length} 张只有它们用的图片；机构名录只留下“${plan.org.name}”（${plan.org.region.province}）。`);
    for (const k of plan.keep) console.log(`  保留 ${k.path}：${k.why}`);
    if (args['dry-run']) return 0;
    if (!args.yes) {
      const answer = await ask('确定吗？输入 y 继续：');
      if (answer === undefined) {
        console.error('不是在终端里运行，没有删除任何文件。确定要删除时加上 --yes。');
        return 2;
      }
      if (!/^y(es)?$/i.test(answer)) {
        console.log('已取消，没有改动任何文件。');
        return 0;
      }
    }
    const done = newSite(where);
    console.log(`已删除 ${done.remove.length} 个示例文件，机构名录写在 ${done.registryFile}。`);
    console.log('下一步：改 content/site.yaml 里的站点名称、网址（site、base）和标志；用 npm run import 导入本行的文章，或 npm run new 新建报告；npm run build 构建网站。');
    return 0;
  } finally {
    rl?.close();
  }
}

await runCommand('新建网站', () => main(process.argv.slice(2)));
