/**
 * `npm run new-site`: a bank's first day. The sample reports go with the images only they use, orgs.yaml keeps its
 * explanatory header and holds the bank alone, metrics.yaml and site.yaml stay, reports of the bank itself and of
 * orgs the samples do not have stay (and are named); the result passes the check with no report at all.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ownOrgEntry, ownOrgProblem } from '../../src/lib/new-site.ts';
import { newSite } from '../../src/content/new-site.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-new-site-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const own = (text: string, org: string) => text.replace(/^org: .*$/m, `org: ${org}`);

/** A sample site: the test registry and catalog, three sample reports, one with a photo, one image two share. */
function sampleSite(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'reports', 'images'), { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  const jiexiu = readFileSync('test/fixtures/valid/jiexiu-2025q1.md', 'utf8');
  writeFileSync(path.join(dir, 'reports', 'jiexiu-2025q1.md'), jiexiu.replace(/\n---\n/, '\n---\n\n![网点](./images/jiexiu.png)\n\n![合影](./images/shared.png)\n'));
  writeFileSync(path.join(dir, 'reports', 'hunan-boc-2023.md'), readFileSync('test/fixtures/valid/hunan-boc-2023.md', 'utf8'));
  mkdirSync(path.join(dir, 'reports', '2024'));
  writeFileSync(path.join(dir, 'reports', '2024', 'songzi.md'), own(jiexiu, '湖北松滋农村商业银行'));
  // The bank's own report, already written; and a draft of an org the samples lack, with the shared photo.
  writeFileSync(path.join(dir, 'reports', 'taigu-2025.md'), `${own(jiexiu, '太谷农商银行')}\n![合影](./images/shared.png)\n`);
  writeFileSync(path.join(dir, 'reports', 'draft-qixian.md'), `${own(jiexiu, '祁县农商银行')}\n`);
  for (const img of ['jiexiu.png', 'shared.png', 'unused.png']) writeFileSync(path.join(dir, 'reports', 'images', img), 'png');
  return dir;
}

function run(script: string, content: string, args: string[]) {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', input: '', env: { ...process.env, SHOWCASE_CONTENT: content } });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();

describe('npm run new-site', { timeout: 120_000 }, () => {
  it('reads the bank’s entry from its name: province off the name, type and id from it', () => {
    expect(ownOrgEntry({ name: '山西太谷农商银行', province: '山西', city: '晋中', county: '太谷' })).toEqual({
      id: 'taigu', name: '太谷农商银行', aliases: ['山西太谷农商银行'], type: '农商银行', region: { province: '山西', city: '晋中', county: '太谷' },
    });
    expect(ownOrgEntry({ name: '中国工商银行于都支行', province: '江西' })).toMatchObject({ id: 'gonghang-yudou', type: '支行' });
    expect(ownOrgProblem({ name: '太谷农商银行', province: '' })).toMatch(/省份/);
    expect(ownOrgProblem({ name: '太谷农商银行', province: '请填写省份' })).toMatch(/占位/);
    expect(ownOrgProblem({ name: '太谷农商银行', province: '山西', id: 'Taigu' })).toMatch(/小写/);
  });

  it('removes the sample reports and the images only they use, keeps the rest and leaves the bank alone in orgs.yaml', () => {
    const dir = sampleSite('plan');
    const before = { site: readFileSync(path.join(dir, 'site.yaml'), 'utf8'), metrics: readFileSync(path.join(dir, 'metrics.yaml'), 'utf8') };
    const header = readFileSync(path.join(dir, 'orgs.yaml'), 'utf8').split('\norgs:')[0]!;
    const done = newSite({ contentDir: dir, projectContentDir: dir, own: { name: '太谷农商银行', province: '山西', city: '晋中', county: '太谷' } });
    expect(done.remove.sort()).toEqual(['reports/2024/songzi.md', 'reports/hunan-boc-2023.md', 'reports/images/jiexiu.png', 'reports/jiexiu-2025q1.md']);
    expect(done.keep.map((k) => [k.path, k.why.replace(/，.*$/, '')])).toEqual([['reports/draft-qixian.md', '机构“祁县农商银行”不是示例机构'], ['reports/taigu-2025.md', '本行的报告']]);
    expect(files(dir)).toEqual(['metrics.yaml', 'orgs.yaml', 'reports/draft-qixian.md', 'reports/images/shared.png', 'reports/images/unused.png', 'reports/taigu-2025.md', 'site.yaml']);
    const orgs = readFileSync(path.join(dir, 'orgs.yaml'), 'utf8');
    expect(orgs.startsWith(`${header}\norgs:\n`)).toBe(true);
    expect((YAML.parse(orgs) as { orgs: unknown[] }).orgs).toEqual([{ id: 'taigu', name: '太谷农商银行', type: '农商银行', region: { province: '山西', city: '晋中', county: '太谷' } }]);
    expect(readFileSync(path.join(dir, 'site.yaml'), 'utf8')).toBe(before.site);
    expect(readFileSync(path.join(dir, 'metrics.yaml'), 'utf8')).toBe(before.metrics);
  });

  it('asks for a yes before deleting, deletes with --yes, and leaves a site the check passes with no report', () => {
    const dir = sampleSite('cli');
    for (const f of ['draft-qixian.md', 'taigu-2025.md']) rmSync(path.join(dir, 'reports', f));
    const args = ['--org', '太谷农商银行', '--province', '山西', '--city', '晋中'];
    const refused = run('scripts/new-site.ts', dir, args);
    expect(refused.code, refused.out).toBe(2);
    expect(refused.out).toContain('将删除 3 份示例报告');
    expect(refused.out).toContain('--yes');
    expect(existsSync(path.join(dir, 'reports', 'jiexiu-2025q1.md'))).toBe(true);
    const bad = run('scripts/new-site.ts', dir, ['--org', '太谷农商银行', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('省份');
    const done = run('scripts/new-site.ts', dir, [...args, '--yes']);
    expect(done.code, done.out).toBe(0);
    expect(files(path.join(dir, 'reports'))).toEqual(['images/unused.png']);
    const check = run('scripts/check.ts', dir, []);
    expect(check.code, check.out).toBe(0);
    expect(check.out).toContain('共检查 0 份报告');
  });
});
