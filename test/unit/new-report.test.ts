/**
 * `npm run new`: the skeleton it writes passes the check once its 请改写 lines are rewritten; the org is chosen from the registry with
 * suggestions; answers can come from flags or, one per line, from a pipe; nothing is overwritten.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseOrg } from '../../src/lib/new-report.ts';
import { config } from './import-support.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-new-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function contentFolder(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  return dir;
}

function run(script: string, content: string, args: string[], input = '') {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', input, env: { ...process.env, SHOWCASE_CONTENT: content, SHOWCASE_BASE: '/showcase/' } });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

// Each test runs whole scripts; other builds may share the machine.
describe('npm run new', { timeout: 120_000 }, () => {
  it('writes a skeleton from flags whose placeholders the check names, and prints its path and preview address', () => {
    const dir = contentFolder('flags');
    const { code, out } = run('scripts/new.ts', dir, ['--org', '山西介休农商银行', '--title', '介休农商银行开展金融夜校', '--date', '2025-06-09', '--themes', '党建引领,普惠金融', '--slug', 'jiexiu-2025-yexiao']);
    expect(code, out).toBe(0);
    expect(out).toContain('reports/jiexiu-2025-yexiao.md');
    expect(out).toContain('http://127.0.0.1:4321/showcase/reports/jiexiu-2025-yexiao/');
    const text = readFileSync(path.join(dir, 'reports', 'jiexiu-2025-yexiao.md'), 'utf8');
    expect(text).toContain('org: 介休农商银行');
    expect(text).toContain('themes: [党建引领, 普惠金融]');
    // The skeleton's two 请改写 lines are errors until rewritten; then it passes.
    const check = run('scripts/check.ts', dir, []);
    expect(check.code, check.out).toBe(1);
    expect([...check.out.matchAll(/jiexiu-2025-yexiao\.md:(\d+):\d+ {2}(\S+)/g)].map((m) => m[2])).toEqual(['summary', '正文']);
    const file = path.join(dir, 'reports', 'jiexiu-2025-yexiao.md');
    writeFileSync(file, text.replace(/summary: 请改写：.*/, 'summary: 介休农商银行把金融夜校办进村里，讲解信贷政策和防诈知识。').replace(/请改写：这里写正文.*/, '今年以来，介休农商银行把金融夜校办进村里。'));
    const fixed = run('scripts/check.ts', dir, []);
    expect(fixed.out).toContain('没有发现问题');
    expect(fixed.code).toBe(0);
  });

  it('asks in Chinese for what the flags leave out, suggesting registry names for an unknown org', () => {
    const dir = contentFolder('ask');
    const { code, out } = run('scripts/new.ts', dir, [], '介休\n介休农商银行\n介休农商银行举办青年演讲比赛\n2025-05-04\n员工关怀\n');
    expect(code, out).toBe(0);
    expect(out).toContain('机构名录里没有“介休”');
    expect(out).toContain('是不是：介休农商银行');
    expect(out).toContain('主题（1–4 个');
    expect(readdirSync(path.join(dir, 'reports'))).toHaveLength(1);
  });

  it('refuses a bad flag value and an existing file name, with exit code 2', () => {
    const dir = contentFolder('refuse');
    const args = ['--org', '介休农商银行', '--title', '介休农商银行开展金融夜校', '--date', '2025-06-09', '--themes', '党建引领', '--slug', 'same'];
    expect(run('scripts/new.ts', dir, args).code).toBe(0);
    const again = run('scripts/new.ts', dir, args);
    expect(again.code).toBe(2);
    expect(again.out).toContain('已经存在');
    const theme = run('scripts/new.ts', dir, [...args.slice(0, 6), '--themes', '足球']);
    expect(theme.code).toBe(2);
    expect(theme.out).toContain('不在主题列表里');
  });

  it('chooses orgs by name, short name, alias or id', () => {
    for (const name of ['中国银行湖南省分行', '湖南中行', '中行湖南省分行', 'hunan-boc']) expect(chooseOrg(name, config.registry)).toMatchObject({ ok: true, org: { id: 'hunan-boc' } });
    expect(chooseOrg('湖南中国银行', config.registry)).toMatchObject({ ok: false });
  });
});
