/**
 * Placeholders never publish: what the importer or `npm run new` leaves for a person (请填写…, 请改写：…, 请确认…) is an
 * error with its field and line wherever it is left as a value — a report's fields and body, orgs.yaml, site.yaml.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bodyMarkdown } from '../../src/lib/import/article.ts';
import { renderDraft } from '../../src/lib/import/draft.ts';
import { proposalYaml } from '../../src/lib/import/report.ts';
import { validateReport } from '../../src/lib/validate/report.ts';
import { ContentConfigError, readContentConfig } from '../../src/node/content-config.ts';
import { config, importText } from './import-support.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-placeholder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = new Date('2026-01-01T00:00:00+08:00');
const check = (text: string) => validateReport(text, 'reports/placeholder-test.md', { site: config.site, catalog: config.catalog, registry: config.registry, now: NOW }).problems;

const REPORT = [
  '---',
  'title: 介休农商银行开展金融夜校',
  'summary: 介休农商银行把金融夜校办进村里，讲解信贷政策和防诈知识。',
  'org: 介休农商银行',
  'date: 2025-06-09',
  'authors: [温娜]',
  'themes: [普惠金融]',
  '---',
  '今年以来，介休农商银行把金融夜校办进村里，村民可以扫码请填写问卷报名。',
  '',
].join('\n');

function contentWith(name: string, file: string, edit: (text: string) => string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

function configProblems(dir: string) {
  try {
    readContentConfig({ contentDir: dir, projectContentDir: dir });
  } catch (e) {
    if (e instanceof ContentConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('placeholders', () => {
  it('a report whose values and body are written passes, a sentence asking readers to fill a form included', () => {
    expect(check(REPORT)).toEqual([]);
  });

  it('a title, an author or a body line left as a placeholder is an error at its field and line', () => {
    const problems = check(REPORT.replace('title: 介休农商银行开展金融夜校', 'title: 请改写：介休农商银行开展金融夜校').replace('[温娜]', '[请填写作者]').replace('今年以来', '请改写：今年以来'));
    expect(problems.map((p) => [p.code, p.field, p.line, p.severity])).toEqual([
      ['placeholder', 'title', 2, 'error'],
      ['placeholder', 'authors[0]', 6, 'error'],
      ['placeholder', '正文', 9, 'error'],
    ]);
    for (const p of problems) expect(p.fix).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a draft of an article that prints no date cannot pass until the date is filled', () => {
    const [a] = importText('翼城农商银行开展金融知识宣传\n\n为提升群众金融素养，翼城农商银行组织开展金融知识宣传活动，发放宣传资料1.8万余份。\n\n（通讯员 孟庆泉）');
    const draft = renderDraft({ article: a!, body: bodyMarkdown(a!, () => undefined), source: '通知.txt', index: 1, themes: config.site.themes });
    const dateLine = draft.split('\n').findIndex((l) => l.startsWith('date:')) + 1;
    expect(draft.split('\n')[dateLine - 1]).toMatch(/^date: {2}# 请填写/);
    const before = check(draft);
    expect(before.filter((p) => p.field === 'date').map((p) => [p.line, p.severity])).toEqual([[dateLine, 'error']]);
    const filled = draft.replace(/^date: .*$/m, 'date: 2025-07-08').replace(/asOf: {2}# 请填写.*$/gm, 'asOf: 2025-07-08');
    expect(check(filled).filter((p) => p.field === 'date')).toEqual([]);
  });

  it('the org the import proposes, pasted into orgs.yaml as it stands, is a settings error at the province', () => {
    const proposal = proposalYaml({ id: 'gonghang-yudou', name: '中国工商银行于都支行', aliases: ['工商银行于都支行'], type: '支行' });
    const dir = contentWith('orgs', 'orgs.yaml', (t) => `${t.trimEnd()}\n${proposal}\n`);
    const problems = configProblems(dir);
    const lines = readFileSync(path.join(dir, 'orgs.yaml'), 'utf8').split('\n');
    expect(problems.map((p) => [p.code, p.field, p.file])).toEqual([['placeholder', `orgs[${config.registry.orgs.length}].region.province`, 'orgs.yaml']]);
    expect(lines[problems[0]!.line! - 1]).toContain('请填写省份');
    expect(problems[0]!.fix).toContain('省级行政区');
    expect(configProblems(contentWith('orgs-filled', 'orgs.yaml', (t) => `${t.trimEnd()}\n${proposal.replace('请填写省份', '江西')}\n`))).toEqual([]);
  });

  it('a site setting left as a placeholder is a settings error too', () => {
    const problems = configProblems(contentWith('site', 'site.yaml', (t) => t.replace(/^name: .*$/m, 'name: 请填写站点名称')));
    expect(problems.map((p) => [p.code, p.field, p.line])).toEqual([['placeholder', 'name', 2]]);
  });
});
