/**
 * Text typed in Word or a text file is text: HTML (`<script>`, `<a href="javascript:…">`) and Markdown syntax
 * typed in a paragraph or a short line the importer makes a heading appear on the page as typed — no element,
 * no emphasis, nothing removed by the sanitiser — and the draft still passes `npm run check`, its figures found
 * in the text.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyPlainText, cleanBodyTree, REPORT_COMPONENTS } from '../../src/lib/body/index.ts';
import { parseBody, toBodyHast } from '../../src/lib/body/parse.ts';
import { bodyMarkdown, importDocument } from '../../src/lib/import/article.ts';
import { readSource } from '../../src/import/read.ts';
import { ctx } from './import-support.ts';
import { docx } from './support/docx.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-escape-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TYPED = [
  '介休农商银行党建赋能存贷款稳步增长',
  '2025-04-22',
  '今年以来，山西介休农商银行坚持以党建统领全局。截至3月末，该行各项存款余额216.66亿元，较年初增加12.64亿元。',
  '<script>alert(1)</script>写在段落里',
  '网页上写<a href="javascript:alert(1)">点我</a>这样的链接不会被点开，这一段是正文里的文字。',
  '*不是强调*_也不是_**更不是**`不是代码`[不是链接](http://x)~~不是删除线~~a|b &amp; &lt;b&gt; {x} \\n都是照打的文字。',
  '# Not a heading: 行首的井号不是标题，这一段是正文里的文字。',
  '1) Not a list: 行首的数字不是编号，这一段是正文里的文字。',
  '网址 http://example.com/a_b~c 和 www.example.com 照原样显示，不是链接。',
  '该行党委把党建引领贯穿支农支小全过程，普惠金融服务不断深化。',
  '（通讯员 温娜）',
];

/** What must reach the page character for character. */
const FRAGMENTS = [
  '<script>alert(1)</script>写在段落里',
  '<a href="javascript:alert(1)">点我</a>',
  '*不是强调*_也不是_**更不是**`不是代码`[不是链接](http://x)~~不是删除线~~a|b &amp; &lt;b&gt; {x} \\n',
  '# Not a heading:',
  '1) Not a list:',
  'http://example.com/a_b~c',
];

function elements(tree: Root): string[] {
  const out: string[] = [];
  const walk = (n: Root | Element) => {
    for (const c of n.children) {
      if (c.type === 'element') {
        out.push(c.tagName);
        walk(c);
      }
    }
  };
  walk(tree);
  return out;
}

function contentFolder(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  return dir;
}

function run(script: string, content: string, args: string[], input?: string) {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', input, env: { ...process.env, SHOWCASE_CONTENT: content } });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

const bodyOf = (draft: string) => draft.slice(draft.indexOf('\n---\n', 4) + 5);

describe('text from Word is text on the page', () => {
  it('every imported paragraph and heading reads on the page exactly as the importer kept it, with no markup made of it', async () => {
    const file = path.join(tmp, 'typed.docx');
    writeFileSync(file, docx(TYPED));
    const [article] = importDocument((await readSource(file)).doc, ctx);
    const body = bodyMarkdown(article!, () => undefined);
    const shown = bodyPlainText(body, { mdx: false, figureText: () => undefined }).split('\n');
    expect(shown).toEqual(article!.paragraphs.filter((p) => p.kind !== 'caption').map((p) => p.text));
    for (const f of FRAGMENTS) expect(shown.join('\n')).toContain(f);
    const tags = new Set(elements(cleanBodyTree(toBodyHast(parseBody(body, false)), { components: REPORT_COMPONENTS })));
    expect([...tags].filter((t) => !['p', 'h2'].includes(t))).toEqual([]);
  });

  for (const [kind, args, input] of [
    ['a Word file', ['typed.docx'], undefined],
    ['plain text', ['-'], TYPED.join('\n')],
  ] as const) {
    it(`from ${kind}: the draft passes npm run check, its figures found in the escaped text`, () => {
      const dir = contentFolder(kind === 'plain text' ? 'txt' : 'docx');
      const imported = run('scripts/import.ts', dir, args.map((a) => (a === '-' ? a : path.join(tmp, a))), input);
      expect(imported.code, imported.out).toBe(0);
      const [draft] = readdirSync(path.join(dir, 'reports')).filter((f) => f.endsWith('.md'));
      const text = readFileSync(path.join(dir, 'reports', draft!), 'utf8');
      expect(text).toContain('text: 216.66亿元');
      const shown = bodyPlainText(bodyOf(text), { mdx: false, figureText: () => undefined });
      for (const f of FRAGMENTS) expect(shown).toContain(f);
      const { code, out } = run('scripts/check.ts', dir, []);
      expect(out).toContain('没有发现问题');
      expect(code).toBe(0);
    });
  }
});
