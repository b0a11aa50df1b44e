/**
 * `npm run check` and the build must give the same verdict on every input, with the same Chinese message and
 * no stack trace: whatever check accepts builds, whatever the build refuses check refuses first. Each row is
 * one tricky input on top of one valid report; both commands run on it and their outputs are compared.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = process.execPath;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-verdicts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const VALID = readFileSync(path.join(ROOT, 'test/fixtures/valid/jiexiu-2025q1.md'), 'utf8');
const JPEG = readFileSync(path.join(ROOT, 'test/fixtures/check-vs-build/tiny.jpg'));

interface Row {
  name: string;
  /** Changes a fresh content folder (which holds reports/jiexiu-2025q1.md and orgs.yaml). */
  setup: (content: string) => void;
  env?: Record<string, string>;
  /** Both pass (and `built` holds for the output), or both fail with `message` (check exits `checkExit`). */
  expect: { pass: true; built?: (dist: string) => void } | { pass: false; checkExit: 1 | 2; message: string[] };
}

const report = (content: string, name: string, text: string) => writeFileSync(path.join(content, 'reports', name), text);
/** The same bank's year-end report: its balance at 2024-12-31 must be VALID's 216.66 − 12.64 = 204.02亿元. */
const YEAR_END = (balance: string) => `---
title: 介休农商银行2024年党建引领业务发展
summary: 截至2024年末，介休农商银行各项存款余额稳步增长，党建与经营深度融合。
org: 介休农商银行
date: 2025-01-20
themes: [党建引领]
metrics:
  - text: ${balance}
    key: deposit_balance
    asOf: 2024-12-31
---
截至2024年末，该行各项存款余额${balance}。
`;
const withCover = (src: string) => VALID.replace('themes: [党建引领, 普惠金融]\n', `themes: [党建引领, 普惠金融]\ncover:\n  src: ${src}\n  alt: 介休农商银行营业大厅\n`);

const ROWS: Row[] = [
  {
    name: 'a publication date-time with a zone is that day in Beijing',
    setup: (c) => report(c, 'jiexiu-2025q1.md', VALID.replace('date: 2025-04-22', 'date: 2025-04-21T20:00:00Z')),
    expect: { pass: true, built: (dist) => expect(readFileSync(path.join(dist, 'reports/jiexiu-2025q1/index.html'), 'utf8')).toContain('2025年4月22日') },
  },
  {
    name: 'an upper-case .MD extension',
    setup: (c) => {
      rmSync(path.join(c, 'reports/jiexiu-2025q1.md'));
      report(c, 'jiexiu-2025q1.MD', VALID);
    },
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.MD:1:1', '文件扩展名要用小写', 'jiexiu-2025q1.md'] },
  },
  {
    name: 'a mixed-case .Mdx extension',
    setup: (c) => report(c, 'yanshi.Mdx', VALID.replace('介休农商银行党建赋能', '介休农商银行另一篇')),
    expect: { pass: false, checkExit: 1, message: ['reports/yanshi.Mdx:1:1', '文件扩展名要用小写'] },
  },
  {
    name: 'a cover that is not an image',
    setup: (c) => {
      mkdirSync(path.join(c, 'reports/images'));
      writeFileSync(path.join(c, 'reports/images/hall.jpg'), '这其实是一段文字，不是图片。');
      report(c, 'jiexiu-2025q1.md', withCover('./images/hall.jpg'));
    },
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:9:8  cover.src', '封面图片不是图片文件'] },
  },
  {
    name: 'a cover at an absolute path',
    setup: (c) => report(c, 'jiexiu-2025q1.md', withCover('/etc/hostname')),
    expect: { pass: false, checkExit: 1, message: ['cover.src', '封面图片不在内容文件夹里'] },
  },
  {
    name: 'a cover whose ../ leaves the content folder',
    setup: (c) => {
      writeFileSync(path.join(c, '..', 'outside.jpg'), JPEG);
      report(c, 'jiexiu-2025q1.md', withCover('../../outside.jpg'));
    },
    expect: { pass: false, checkExit: 1, message: ['cover.src', '封面图片不在内容文件夹里', '../../outside.jpg'] },
  },
  {
    name: 'a missing cover',
    setup: (c) => report(c, 'jiexiu-2025q1.md', withCover('./images/none.jpg')),
    expect: { pass: false, checkExit: 1, message: ['cover.src', '封面图片找不到'] },
  },
  {
    name: 'a real cover image inside the folder',
    setup: (c) => {
      mkdirSync(path.join(c, 'reports/images'));
      writeFileSync(path.join(c, 'reports/images/hall.jpg'), JPEG);
      report(c, 'jiexiu-2025q1.md', withCover('./images/hall.jpg'));
    },
    expect: { pass: true, built: (dist) => expect(readFileSync(path.join(dist, 'reports/jiexiu-2025q1/index.html'), 'utf8')).toMatch(/<img src="[^"]*_astro\/hall\.[^"]+"[^>]*alt="介休农商银行营业大厅"/) },
  },
  {
    name: 'a missing body image',
    setup: (c) => report(c, 'jiexiu-2025q1.md', `${VALID}\n![营业大厅](./images/none.jpg)\n`),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:20:1  正文', '正文图片找不到'] },
  },
  {
    name: 'a body image that is not an image',
    setup: (c) => {
      mkdirSync(path.join(c, 'reports/images'));
      writeFileSync(path.join(c, 'reports/images/hall.png'), 'PK\u0003\u0004 这是改了扩展名的 Word 文件');
      report(c, 'jiexiu-2025q1.md', `${VALID}\n![营业大厅](./images/hall.png)\n`);
    },
    expect: { pass: false, checkExit: 1, message: ['正文', '正文图片不是图片文件'] },
  },
  {
    name: 'an MDX <Figure> naming a figure the report lacks',
    setup: (c) => report(c, 'jiexiu-mdx.mdx', VALID.replace('党建赋能', 'MDX').replace('较年初增加12.64亿元；', '较年初增加12.64亿元；贷款<Figure metric="loan_balance" />；')),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-mdx.mdx:', '<Figure> 引用的数字在 metrics 里找不到', 'loan_balance'] },
  },
  {
    name: 'an MDX <Figure> naming a figure by its label',
    setup: (c) => report(c, 'jiexiu-mdx.mdx', VALID.replace('党建赋能', 'MDX').replace('该行各项存款余额216.66亿元', '该行各项存款余额<Figure metric="各项存款余额" />')),
    expect: { pass: true, built: (dist) => expect(readFileSync(path.join(dist, 'reports/jiexiu-mdx/index.html'), 'utf8')).toMatch(/各项存款余额<mark class="figure-mark"><strong class="inline-figure"[^>]*>216\.66亿元<\/strong><\/mark>/) },
  },
  {
    name: 'an MDX import of another report',
    setup: (c) => {
      report(c, 'draft-secret.md', VALID.replace('党建赋能', '草稿').replace('date: 2025-04-22', 'date: 2025-04-22\ndraft: true'));
      report(c, 'jiexiu-mdx.mdx', VALID.replace('党建赋能', 'MDX').replace(/\n---\n/, "\n---\nimport Secret from './draft-secret.md';\n\n<Secret />\n"));
    },
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-mdx.mdx:', 'import'] },
  },
  {
    name: 'a relative link to another report, on the report page and in the casebook, under a base',
    setup: (c) => {
      report(c, 'jiexiu-2024q4.md', VALID.replace('党建赋能', '上一期').replace('date: 2025-04-22', 'date: 2025-04-10'));
      report(c, 'jiexiu-2025q1.md', `${VALID}\n详见[上一期报告](../jiexiu-2024q4/)。\n`);
    },
    env: { SHOWCASE_BASE: '/showcase/' },
    expect: {
      pass: true,
      built: (dist) => {
        // The casebook sits two levels below the site, the report page one: both lead to the same page.
        for (const page of ['reports/jiexiu-2025q1/index.html', 'casebook/2025/index.html']) {
          const html = readFileSync(path.join(dist, page), 'utf8');
          expect(html, page).toContain('href="/showcase/reports/jiexiu-2024q4/">上一期报告</a>');
          expect(html, page).not.toContain('href="../jiexiu-2024q4/"');
        }
        expect(existsSync(path.join(dist, 'reports/jiexiu-2024q4/index.html'))).toBe(true);
      },
    },
  },
  {
    name: 'a link to a draft report',
    setup: (c) => {
      report(c, 'jiexiu-draft.md', VALID.replace('党建赋能', '草稿').replace('date: 2025-04-22', 'date: 2025-04-22\ndraft: true'));
      report(c, 'jiexiu-2025q1.md', `${VALID}\n详见[下一期](../jiexiu-draft/)。\n`);
    },
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:20:3  正文', '链接指向的报告还是草稿', 'reports/jiexiu-draft.md 写着 draft: true'] },
  },
  {
    name: 'a link to a report that does not exist',
    setup: (c) => report(c, 'jiexiu-2025q1.md', `${VALID}\n详见[上一期](/reports/jiexiu-2024q4/)。\n`),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:20:3  正文', '链接指向的报告不存在', 'jiexiu-2024q4'] },
  },
  {
    name: 'an emoji the card font lacks, in the title',
    setup: (c) => report(c, 'jiexiu-2025q1.md', VALID.replace('title: 介休农商银行党建赋能存贷款稳步增长', 'title: 介休农商银行党建赋能存贷款稳步增长🎉')),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:2', 'title', '分享卡片的字体里没有这些字符', 'U+1F389'] },
  },
  {
    name: 'a year-end report that disagrees with the next quarter’s balance and increase',
    setup: (c) => report(c, 'jiexiu-2024.md', YEAR_END('200.02亿元')),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2025q1.md:9', '推出的年初余额与上年末的余额对不上', 'reports/jiexiu-2024.md:8', '204.02亿元'] },
  },
  {
    name: 'a draft that disagrees with a published report stops the build too, on the draft',
    setup: (c) => report(c, 'jiexiu-2024.md', YEAR_END('200.02亿元').replace('date: 2025-01-20', 'date: 2025-01-20\ndraft: true')),
    expect: { pass: false, checkExit: 1, message: ['reports/jiexiu-2024.md:9', '推出的年初余额与上年末的余额对不上', 'reports/jiexiu-2025q1.md:9'] },
  },
  {
    name: 'a year-end report that agrees builds',
    setup: (c) => report(c, 'jiexiu-2024.md', YEAR_END('204.02亿元')),
    expect: { pass: true, built: (dist) => expect(existsSync(path.join(dist, 'reports/jiexiu-2024/index.html'))).toBe(true) },
  },
  {
    name: 'SHOWCASE_NOW without an offset is Beijing time',
    // Dated years later, its “截至3月末” would be that year's: the body says which March.
    setup: (c) => report(c, 'jiexiu-2025q1.md', VALID.replace('date: 2025-04-22', 'date: 2031-01-15').replaceAll('截至3月末', '截至2025年3月末')),
    // 07:00 on the 15th in Beijing is still the 14th in UTC: read as UTC the report would be embargoed.
    env: { SHOWCASE_NOW: '2031-01-15T07:00' },
    expect: { pass: true, built: (dist) => expect(existsSync(path.join(dist, 'reports/jiexiu-2025q1/index.html'))).toBe(true) },
  },
  {
    name: 'an unreadable SHOWCASE_NOW',
    setup: () => undefined,
    env: { SHOWCASE_NOW: '明天' },
    expect: { pass: false, checkExit: 2, message: ['SHOWCASE_NOW', '“明天”不是日期或时间'] },
  },
  {
    name: 'a site.yaml value out of range',
    setup: (c) => writeFileSync(path.join(c, 'site.yaml'), `${readFileSync(path.join(ROOT, 'test/fixtures/content/site.yaml'), 'utf8')}\npageSize: 3\n`),
    expect: { pass: false, checkExit: 2, message: ['site.yaml:', 'pageSize', '站点设置 site.yaml', '不能小于 5'] },
  },
  {
    name: 'an organisation type outside the list',
    setup: (c) => writeFileSync(path.join(c, 'orgs.yaml'), readFileSync(path.join(c, 'orgs.yaml'), 'utf8').replace('type: 省分行', 'type: 大银行')),
    expect: { pass: false, checkExit: 2, message: ['orgs.yaml:', 'type', '只能是 农商银行、村镇银行'] },
  },
  {
    name: 'a metric kind outside the list',
    setup: (c) => writeFileSync(path.join(c, 'metrics.yaml'), readFileSync(path.join(ROOT, 'test/fixtures/content/metrics.yaml'), 'utf8').replace('kind: stock', 'kind: stocks')),
    expect: { pass: false, checkExit: 2, message: ['metrics.yaml:', 'kind', '只能是 stock、flow、rate 之一'] },
  },
];

function freshContent(name: string): string {
  const content = path.join(tmp, name.replace(/[^a-z0-9]+/gi, '-'), 'content');
  mkdirSync(path.join(content, 'reports'), { recursive: true });
  cpSync(path.join(ROOT, 'test/fixtures/check/orgs.yaml'), path.join(content, 'orgs.yaml'));
  report(content, 'jiexiu-2025q1.md', VALID);
  return content;
}

function run(args: string[], env: Record<string, string>) {
  const res = spawnSync(NODE, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env } });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

const STACK = /\n\s+at .+[:(]\d+:\d+\)?(\n|$)/;

describe.each(ROWS)('$name', (row) => {
  it('gets the same verdict and message from check and from the build', () => {
    const content = freshContent(row.name);
    row.setup(content);
    const env = { SHOWCASE_CONTENT: content, SHOWCASE_NOW: '2026-01-10', ...row.env };
    const dist = path.join(content, '..', 'dist');
    const check = run(['scripts/check.ts'], env);
    const build = run(['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist], env);
    expect(check.out).not.toMatch(STACK);
    expect(build.out).not.toMatch(STACK);
    if (row.expect.pass) {
      expect(check.status, check.out).toBe(0);
      expect(build.status, build.out).toBe(0);
      row.expect.built?.(dist);
    } else {
      expect(check.status, check.out).toBe(row.expect.checkExit);
      expect(build.status, build.out).not.toBe(0);
      for (const m of row.expect.message) {
        expect(check.out).toContain(m);
        expect(build.out).toContain(m);
      }
      // The build stops before writing pages: nothing of a refused site is published.
      expect(existsSync(path.join(dist, 'index.html'))).toBe(false);
    }
  }, 180_000);
});
