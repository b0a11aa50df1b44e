/**
 * `npm run import` end to end, into temporary content folders that hold only the tests' data files: drafts
 * written and never overwritten, encodings detected and said, Word images extracted, the JSON contract on
 * stdout alone, and drafts that `npm run check` faults only where they say a person must fill something in.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const corpus = path.resolve('test/fixtures/import');

function contentFolder(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  return dir;
}

function run(script: string, content: string, args: string[], input?: string) {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', input, env: { ...process.env, SHOWCASE_CONTENT: content } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const reports = (dir: string) => (existsSync(path.join(dir, 'reports')) ? readdirSync(path.join(dir, 'reports')).filter((f) => f.endsWith('.md')).sort() : []);

// Each test runs whole scripts; other builds may share the machine.
describe('npm run import', { timeout: 120_000 }, () => {
  it('writes one draft per article of a newspaper page and says what it found and what to run next', () => {
    const dir = contentFolder('page');
    const { code, stdout } = run('scripts/import.ts', dir, [path.join(corpus, 'newspaper-page-rural-banks.txt')]);
    expect(code).toBe(0);
    expect(stdout).toContain('找到 13 篇文章');
    expect(stdout).toContain('下一步');
    expect(stdout).toContain('npm run check -- ');
    const files = reports(dir);
    expect(files).toHaveLength(13);
    for (const f of files) {
      expect(f).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
      expect(readFileSync(path.join(dir, 'reports', f), 'utf8')).toContain('\ndraft: true\n');
    }
    expect(files.some((f) => f.startsWith('yanting-'))).toBe(true);
  });

  it('never overwrites: importing again writes new files and leaves the old ones as they were', () => {
    const dir = contentFolder('twice');
    const file = path.join(corpus, 'src/notice-jiexiu.txt');
    run('scripts/import.ts', dir, [file]);
    const [first] = reports(dir);
    const before = readFileSync(path.join(dir, 'reports', first!), 'utf8');
    run('scripts/import.ts', dir, [file]);
    expect(reports(dir)).toHaveLength(2);
    expect(readFileSync(path.join(dir, 'reports', first!), 'utf8')).toBe(before);
  });

  it('detects GBK and UTF-16 files, converts them and says so', () => {
    const dir = contentFolder('enc');
    const { stdout } = run('scripts/import.ts', dir, [path.join(corpus, 'wechat-taigu-gbk.txt'), path.join(corpus, 'notice-jiexiu-utf16.txt')]);
    expect(stdout).toContain('GBK/GB18030，已转为 UTF-8');
    expect(stdout).toContain('UTF-16，已转为 UTF-8');
    const texts = reports(dir).map((f) => readFileSync(path.join(dir, 'reports', f), 'utf8'));
    expect(texts.some((t) => t.includes('太谷农商银行开展“清廉家访”活动'))).toBe(true);
    expect(texts.some((t) => t.includes('介休农商银行开展“送金融知识下乡”活动'))).toBe(true);
    // An org the registry lacks is proposed in the summary and marked in the draft, not added anywhere.
    expect(stdout).toMatch(/- id: taigu\n\s+name: 太谷农商银行/);
    expect(texts.find((t) => t.includes('太谷'))).toMatch(/org: 太谷农商银行 {2}# 请填写：机构名录/);
    expect(readFileSync(path.join(dir, 'orgs.yaml'), 'utf8')).not.toContain('太谷');
  });

  it('reads standard input', () => {
    const dir = contentFolder('stdin');
    const { code, stdout } = run('scripts/import.ts', dir, ['-'], readFileSync(path.join(corpus, 'src/notice-jiexiu.txt'), 'utf8'));
    expect(code).toBe(0);
    expect(stdout).toContain('《标准输入》');
    expect(reports(dir)).toHaveLength(1);
  });

  it('extracts the images of a Word file next to the report and refers to them', () => {
    const dir = contentFolder('docx');
    run('scripts/import.ts', dir, [path.join(corpus, 'word-taiyuan.docx')]);
    const [file] = reports(dir);
    const text = readFileSync(path.join(dir, 'reports', file!), 'utf8');
    const images = readdirSync(path.join(dir, 'reports', 'images'));
    expect(images).toHaveLength(1);
    expect(text).toContain(`src: ./images/${images[0]}`);
    expect(text).toContain('## 一、聚焦小微，精准投放');
    expect(text).toContain('- 减免小微企业账户管理费等费用');
  });

  it('with --json prints only the contract and writes nothing', () => {
    const dir = contentFolder('json');
    const { code, stdout } = run('scripts/import.ts', dir, ['--json', path.join(corpus, 'newspaper-page-rural-banks.txt'), path.join(corpus, 'word-songzi-briefing.docx')]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { articles: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['articles']);
    expect(parsed.articles).toHaveLength(15);
    for (const a of parsed.articles) {
      expect(Object.keys(a)).toEqual(['title', 'org', 'date', 'authors', 'figures', 'body']);
      for (const f of a.figures as Record<string, unknown>[]) expect(Object.keys(f)).toEqual(['text', 'value', 'unit', 'approx', 'label', 'key']);
    }
    const songzi = parsed.articles.find((a) => a.title === '松滋农商银行党建聚合力 服务促提升')!;
    expect(songzi.figures).toContainEqual({ text: '16.43亿元', value: 16.43, unit: '亿元', approx: null, label: '存款比年初净增', key: 'deposit_increase' });
    expect(reports(dir)).toEqual([]);
  });

  it('writes drafts that the check faults only on the lines marked for a person to fill', () => {
    const dir = contentFolder('check');
    const inputs = ['newspaper-page-rural-banks.txt', 'feature-article-boc-hunan.txt', 'page-rural-finance-0609.txt', 'wechat-pingyao-bom.txt', 'word-taiyuan.docx'];
    run('scripts/import.ts', dir, inputs.map((f) => path.join(corpus, f)));
    const { stdout, stderr } = run('scripts/check.ts', dir, []);
    const located = [...`${stdout}${stderr}`.matchAll(/(reports\/[a-z0-9-]+\.md):(\d+)/g)];
    expect(located.length).toBeGreaterThan(0);
    for (const [, file, line] of located) {
      const text = readFileSync(path.join(dir, file!), 'utf8').split('\n')[Number(line) - 1]!;
      expect(text, `${file}:${line}`).toMatch(/# 请(?:填写|确认)/);
    }
  });

  it('writes a draft that passes the check when the article prints everything', () => {
    const dir = contentFolder('complete');
    const article = [
      '介休农商银行党建赋能存贷款稳步增长',
      '2025-04-22',
      '今年以来，山西介休农商银行坚持以党建统领全局，推进党建与业务经营融合。截至3月末，该行各项存款余额216.66亿元，较年初增加12.64亿元。',
      '该行党委把党建引领贯穿支农支小全过程，普惠金融服务不断深化。',
      '（通讯员 温娜）',
    ].join('\n');
    run('scripts/import.ts', dir, ['-'], article);
    const { code, stdout } = run('scripts/check.ts', dir, []);
    expect(stdout, stdout).toContain('没有发现问题');
    expect(code).toBe(0);
  });

  it('refuses files it cannot read, in Chinese, with exit code 2', () => {
    const dir = contentFolder('bad');
    const missing = run('scripts/import.ts', dir, ['没有这个文件.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const usage = run('scripts/import.ts', dir, []);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('用法');
  });
});
