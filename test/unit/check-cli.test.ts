/**
 * `npm run check` end to end on the tests' own content (a frozen copy of the samples in test/fixtures/content):
 * passes as it is, and fails with a Chinese message naming the file and the field when one figure is changed
 * so it no longer matches its text or its relations. One test also holds the shipped samples to the check,
 * because the README's first command builds the site from them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function check(contentDir: string, ...args: string[]) {
  const res = spawnSync(process.execPath, ['scripts/check.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SHOWCASE_CONTENT: contentDir },
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

function copyWith(name: string, file: string, edit: (s: string) => string): string {
  const dir = path.join(tmp, name);
  cpSync('test/fixtures/content', dir, { recursive: true });
  const p = path.join(dir, 'reports', file);
  const before = readFileSync(p, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(p, after);
  return dir;
}

describe('npm run check on the samples', () => {
  it('passes on the tests\' content', () => {
    const { code, out } = check('test/fixtures/content');
    expect(out).toContain('没有发现问题');
    expect(code).toBe(0);
  });

  it('passes on the shipped samples, which `npm start` builds', () => {
    const { code, out } = check('content');
    expect(out, out).toContain('没有发现问题');
    expect(code).toBe(0);
  });

  it('fails when a frontmatter figure no longer matches the text', () => {
    const dir = copyWith('text', 'jiexiu-2025q1.md', (s) => s.replace('text: 216.66亿元', 'text: 216.68亿元'));
    const { code, out } = check(dir);
    expect(code).toBe(1);
    expect(out).toContain('reports/jiexiu-2025q1.md:9:11  metrics[0].text');
    expect(out).toContain('数字在正文中找不到');
    expect(out).toContain('216.68亿元');
  });

  it('fails when a figure no longer agrees with its related figures', () => {
    // Changed in frontmatter and text alike, so only the relation (increase ÷ start = growth) can catch it.
    const dir2 = copyWith('relation', 'shili-2025q1.md', (s) => s.replaceAll('3.96', '4.96'));
    const { code, out } = check(dir2);
    expect(code).toBe(1);
    expect(out).toContain('reports/shili-2025q1.md');
    expect(out).toContain('metrics[2].text');
    expect(out).toContain('余额、增加额和增幅对不上');
  });

  it('checks other folders and single files given as arguments', () => {
    const { code, out } = check('content', 'test/fixtures/invalid/unknown-org.md', 'test/fixtures/valid');
    expect(code).toBe(1);
    expect(out).toContain('test/fixtures/invalid/unknown-org.md');
    expect(out).toMatch(/共检查 \d+ 份报告：1 个错误/);
  });

  it('--strict turns warnings into errors', () => {
    const plain = check('content', 'test/fixtures/invalid/out-of-range.md');
    const strict = check('content', '--strict', 'test/fixtures/invalid/out-of-range.md');
    expect([plain.code, strict.code]).toEqual([0, 1]);
  });

  it('--fix-encoding rewrites a GBK file as UTF-8 so it passes', () => {
    const dir = path.join(tmp, 'gbk');
    cpSync('test/fixtures/invalid/gbk-encoded.md', path.join(dir, 'jiexiu-gbk.md'));
    const before = check('test/fixtures/check', path.join(dir, 'jiexiu-gbk.md'));
    expect(before.code).toBe(1);
    const after = check('test/fixtures/check', '--fix-encoding', path.join(dir, 'jiexiu-gbk.md'));
    expect(after.out).toContain('已转为 UTF-8');
    expect(after.code).toBe(0);
    expect(readFileSync(path.join(dir, 'jiexiu-gbk.md'), 'utf8')).toContain('介休农商银行');
  });

  it('exits 2 on an unknown option', () => {
    expect(check('content', '--frobnicate').code).toBe(2);
  });
});
