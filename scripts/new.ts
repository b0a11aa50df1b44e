/**
 * npm run new [-- --org 机构 --title 标题 --date 2025-06-09 --themes 党建引领,普惠金融 --slug 文件名]
 * Writes the skeleton of a new report under content/reports/ (SHOWCASE_CONTENT to write elsewhere) and prints
 * its path and its preview address in dev mode. Asks in Chinese for whatever the flags do not give, with
 * suggestions from the registry for the org. Exit codes: 0 written · 2 bad input, file exists or no answer.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { contentDirFromEnv, projectContentDir } from '../src/node/config.ts';
import { orExplainConfigProblems, readContentConfig } from '../src/node/content-config.ts';
import { parseDay, todayInShanghai } from '../src/lib/dates.ts';
import { chooseOrg, renderSkeleton, titleProblem, validSlug } from '../src/lib/new-report.ts';
import { draftSlug, topicOf } from '../src/lib/import/slug.ts';
import { routes, withBase } from '../src/lib/urls.ts';
import { runCommand } from '../src/errors/operator.ts';
import { readArgs } from './lib/args.ts';

const USAGE = `用法：npm run new -- [--org 机构] [--title 标题] [--date 2025-06-09] [--themes 主题1,主题2] [--slug 文件名]
  没写的项会逐项询问。文件写在 content/reports/<文件名>.md，已有的文件不会被覆盖。`;

async function main(argv: string[]): Promise<number> {
  const text = { type: 'string', value: '内容' } as const;
  const args = readArgs(argv, { usage: USAGE, options: { org: text, title: text, date: text, themes: text, slug: text }, positionals: false });
  if (!args) return 0;
  const given = new Map(Object.entries(args.values).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = orExplainConfigProblems(() => readContentConfig({ contentDir: contentDirFromEnv(), projectContentDir: projectContentDir() }));
  if (!config) return 2;
  const allThemes = config.site.themes.map((t) => t.name);
  const interactive = process.stdin.isTTY === true || !given.has('org') || !given.has('title');
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  // Piped answers come faster than questions are asked: read them as lines, one per question.
  const lines: string[] = [];
  let ended = false;
  const waiting: ((l: string | undefined) => void)[] = [];
  rl?.on('line', (l) => (waiting.length > 0 ? waiting.shift()!(l) : lines.push(l)));
  rl?.on('close', () => {
    ended = true;
    while (waiting.length > 0) waiting.shift()!(undefined);
  });
  const ask = async (q: string): Promise<string | undefined> => {
    process.stdout.write(q);
    if (lines.length > 0) return lines.shift();
    if (ended) return undefined;
    return new Promise((resolve) => waiting.push(resolve));
  };
  const fail = (msg: string) => {
    console.error(msg);
    rl?.close();
    return 2;
  };

  // Org: from the registry, with suggestions.
  let org;
  for (let input = given.get('org'); ; input = undefined) {
    const answer = input ?? (await ask('机构（全称、简称或别名）：'));
    if (answer === undefined) return fail('没有选机构，已取消。');
    const choice = chooseOrg(answer, config.registry);
    if (choice.ok) {
      org = choice.org;
      break;
    }
    const hint = choice.suggestions.length > 0 ? `是不是：${choice.suggestions.join('、')}？` : '可在 content/orgs.yaml 里查看全部机构，新机构要先加进名录。';
    if (given.has('org') && !rl) return fail(`机构名录里没有“${answer}”。${hint}`);
    console.log(`机构名录里没有“${answer}”。${hint}`);
    if (given.has('org')) given.delete('org');
  }
  let title: string | undefined = given.get('title');
  while (title === undefined || titleProblem(title)) {
    if (title !== undefined) {
      if (!rl || given.has('title')) return fail(titleProblem(title)!);
      console.log(titleProblem(title));
    }
    title = await ask('标题（4–60 个字）：');
    if (title === undefined) return fail('没有写标题，已取消。');
  }
  let date = given.get('date');
  for (;;) {
    if (date === undefined && rl) {
      const a = await ask(`发布日期（直接回车为今天 ${todayInShanghai()}）：`);
      if (a === undefined) return fail('已取消。');
      date = a.trim() || todayInShanghai();
    }
    date ??= todayInShanghai();
    const parsed = parseDay(date);
    if (parsed.ok) {
      date = parsed.day;
      break;
    }
    if (!rl || given.has('date')) return fail(parsed.reason);
    console.log(parsed.reason);
    date = undefined;
  }
  let themes: string[] | undefined = given.get('themes')?.split(/[,，、\s]+/).filter(Boolean);
  for (;;) {
    if (themes === undefined) {
      const a = await ask(`主题（1–4 个，用逗号分开）\n  可选：${allThemes.join('、')}\n主题：`);
      if (a === undefined) return fail('已取消。');
      themes = a.split(/[,，、\s]+/).filter(Boolean);
    }
    const unknown = themes.filter((t) => !allThemes.includes(t));
    const problem = unknown.length > 0 ? `不在主题列表里：${unknown.join('、')}。可选：${allThemes.join('、')}` : themes.length < 1 || themes.length > 4 ? '主题要选 1 到 4 个' : undefined;
    if (!problem) break;
    if (!rl || given.has('themes')) return fail(problem);
    console.log(problem);
    themes = undefined;
  }
  rl?.close();

  const dir = path.join(config.contentDir, 'reports');
  let slug = given.get('slug') ?? draftSlug(org.id, date, undefined, topicOf(title, org.name, title));
  if (!validSlug(slug)) return fail(`文件名“${slug}”只能用小写英文字母、数字和连字符，如 jiexiu-2025q1`);
  const taken = (s: string) => existsSync(path.join(dir, `${s}.md`)) || existsSync(path.join(dir, `${s}.mdx`));
  if (taken(slug)) {
    if (given.has('slug')) return fail(`content/reports/${slug}.md 已经存在，换一个文件名（--slug）。`);
    let i = 2;
    while (taken(`${slug}-${i}`)) i++;
    slug = `${slug}-${i}`;
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${slug}.md`);
  writeFileSync(file, renderSkeleton({ org, title, date, themes }, allThemes), { flag: 'wx' });
  const rel = path.relative(process.cwd(), file);
  console.log(`已写出 ${rel.startsWith('..') ? file : rel}`);
  console.log(`预览：npm run dev 后打开 http://127.0.0.1:4321${withBase(config.site.base, routes.report(slug))}`);
  return 0;
}

await runCommand('新建报告', () => main(process.argv.slice(2)));
