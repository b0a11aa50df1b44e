/**
 * Reports of one organisation agree: the same metric and day has one value, and a balance minus its
 * 较年初增加 is the previous year-end balance another report printed, within the printed rounding. Each
 * problem names both files and lines and goes to the report the writer is about to change.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/lib/model.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { checkTimeline, timelineSource, type TimelineReport } from '../../src/lib/validate/timeline.ts';
import { loadContent } from '../helpers/content.ts';
import { catalog, checkReport, type MetricLine } from './support/figure-catalog.ts';

const NOW = new Date('2026-01-01T00:00:00+08:00');
const DIR = 'test/fixtures/timeline';

function checkFolder(name: string) {
  return loadContent({ contentDir: 'test/fixtures/check', paths: [`${DIR}/${name}`], now: NOW });
}

describe('two reports of one organisation, checked as a folder', () => {
  it('a Q1 balance and increase that imply another year-end than the year-end report printed are refused', async () => {
    const { problems, model } = await checkFolder('balance');
    expect(problems.map((p) => [p.code, p.severity, p.file, p.line, p.field])).toEqual([
      ['timeline-balance', 'error', `${DIR}/balance/jiexiu-2025q1.md`, 9, 'metrics[0].text'],
    ]);
    const p = problems[0]!;
    // Both files and lines, the implied and the printed balance.
    expect(p.what).toContain(`${DIR}/balance/jiexiu-2025q1.md:9`);
    expect(p.what).toContain('较年初增加10.64亿元（第 12 行）');
    expect(p.what).toContain('推出 2024年末余额约 206.02亿元');
    expect(p.what).toContain(`${DIR}/balance/jiexiu-2024.md:9 写截至 2024年12月末，各项存款余额204.02亿元`);
    expect(formatProblem(p)).toMatchSnapshot();
    // A report with an error is not published; the other one is.
    expect(model.reports.map((r) => r.slug)).toEqual(['jiexiu-2024']);
  });

  it('the same balance written two ways in two reports is refused, on the later report', async () => {
    const { problems } = await checkFolder('conflict');
    expect(problems.map((p) => [p.code, p.file, p.line])).toEqual([['timeline-conflict', `${DIR}/conflict/jiexiu-2025q1-puhui.md`, 9]]);
    expect(problems[0]!.what).toBe(`介休农商银行截至 2025年3月末 的“各项贷款余额”：${DIR}/conflict/jiexiu-2025q1-puhui.md:9 写的是 150.15亿元，${DIR}/conflict/jiexiu-2025q1.md:9 写的是 105.15亿元。`);
    expect(formatProblem(problems[0]!)).toMatchSnapshot();
  });

  it('reports that agree pass (216.66 − 12.64 = 204.02亿元)', async () => {
    const { problems, model } = await checkFolder('agree');
    expect(problems.map(formatProblem)).toEqual([]);
    expect(model.reports).toHaveLength(2);
  });

  it('a draft is held to the published reports, and the problem is the draft’s even when it is the earlier one', async () => {
    const { problems, model } = await checkFolder('draft');
    expect(problems.map((p) => [p.code, p.file])).toEqual([['timeline-balance', `${DIR}/draft/jiexiu-2024.md`]]);
    expect(model.reports.find((r) => r.slug === 'jiexiu-2025q1')?.published).toBe(true);
  });

  it('each file alone has no problem: the check is across files', async () => {
    for (const f of ['balance/jiexiu-2025q1.md', 'balance/jiexiu-2024.md', 'conflict/jiexiu-2025q1-puhui.md']) {
      const { problems } = await loadContent({ contentDir: 'test/fixtures/check', paths: [`${DIR}/${f}`], now: NOW });
      expect(problems).toEqual([]);
    }
  });
});

/** A report of the tests' catalog, under another file name, date and publication state. */
function report(file: string, lines: MetricLine[], body: string, opts: { date?: string; published?: boolean; org?: string } = {}): TimelineReport {
  const r = checkReport(lines, body);
  expect(r.problems).toEqual([]);
  const rep: Report = { ...r.report!, file, ...(opts.date ? { date: opts.date } : {}), ...(opts.org ? { org: { ...r.report!.org, id: opts.org } } : {}) };
  return { ...timelineSource(rep), published: opts.published ?? true };
}

const codes = (...reports: TimelineReport[]) => checkTimeline(reports, catalog).map((p) => `${p.code}@${p.file}`);

describe('the timeline rules', () => {
  const q1 = (bal: string, inc: string, opts = {}) =>
    report('reports/q1.md', [['deposit_balance', bal], ['deposit_increase', inc]], `存款余额${bal}，较年初增加${inc}。`, opts);
  const yearEnd = (bal: string, opts = {}) =>
    report('reports/ye.md', [['deposit_balance', bal, { asOf: '2024-12-31' }]], `存款余额${bal}。`, { date: '2025-01-20', ...opts });

  it('agree within the printed rounding: 204.0亿元 and 约204亿元 stand for 216.66 − 12.64', () => {
    expect(codes(q1('216.66亿元', '12.64亿元'), yearEnd('204.0亿元'))).toEqual([]);
    expect(codes(q1('216.66亿元', '12.64亿元'), yearEnd('约204亿元'))).toEqual([]);
    expect(codes(q1('216.66亿元', '12.64亿元'), yearEnd('204.12亿元'))).toEqual(['timeline-balance@reports/q1.md']);
  });

  it('two reports of one year imply one year start, even where no year-end report exists', () => {
    const h1 = (bal: string, inc: string) =>
      report('reports/h1.md', [['deposit_balance', bal, { asOf: '2025-04-20' }], ['deposit_increase', inc, { asOf: '2025-04-20' }]], `存款余额${bal}，较年初增加${inc}。`, { date: '2025-07-10' });
    expect(codes(q1('216.66亿元', '12.64亿元'), h1('221.30亿元', '17.28亿元'))).toEqual([]);
    const [p] = checkTimeline([q1('216.66亿元', '12.64亿元'), h1('223.30亿元', '17.28亿元')], catalog);
    expect([p?.code, p?.file]).toEqual(['timeline-balance', 'reports/h1.md']);
    expect(p!.what).toContain('推出年初余额约 204.02亿元');
    expect(p!.what).toContain('推出年初余额约 206.02亿元');
  });

  it('a balance without its increase, or another organisation’s year-end, implies nothing', () => {
    const alone = report('reports/q1.md', [['deposit_balance', '216.66亿元']], '存款余额216.66亿元。');
    expect(codes(alone, yearEnd('150亿元'))).toEqual([]);
    expect(codes(q1('216.66亿元', '12.64亿元'), yearEnd('150亿元', { org: 'another' }))).toEqual([]);
  });

  it('the loans follow their own balance_change relation', () => {
    const loans = report('reports/q1.md', [['loan_balance', '105.15亿元'], ['loan_increase', '3.93亿元']], '贷款余额105.15亿元，较年初增加3.93亿元。');
    const end = report('reports/ye.md', [['loan_balance', '100.22亿元', { asOf: '2024-12-31' }]], '贷款余额100.22亿元。', { date: '2025-01-20' });
    expect(codes(loans, end)).toEqual(['timeline-balance@reports/q1.md']);
  });

  it('an embargoed report beside a published one carries the problem, whichever is later', () => {
    expect(codes(q1('216.66亿元', '10.64亿元'), yearEnd('204.02亿元', { published: false }))).toEqual(['timeline-balance@reports/ye.md']);
  });

  it('a flow of one day conflicts too; 人 and 人次 count different things', () => {
    const a = report('reports/a.md', [['participants', '120人']], '参与120人。');
    const b = report('reports/b.md', [['participants', '150人']], '参与150人。', { date: '2025-05-01' });
    const c = report('reports/c.md', [['participants', '150人次']], '参与150人次。', { date: '2025-05-01' });
    expect(codes(a, b)).toEqual(['timeline-conflict@reports/b.md']);
    expect(codes(a, c)).toEqual([]);
  });

  it('intervals that overlap are no conflict: 120余人 and 125人', () => {
    const a = report('reports/a.md', [['participants', '120余人']], '参与120余人。');
    const b = report('reports/b.md', [['participants', '125人']], '参与125人。', { date: '2025-05-01' });
    expect(codes(a, b)).toEqual([]);
  });

  it('rates, different days and unkeyed figures are not compared', () => {
    const a = report('reports/a.md', [['deposit_growth', '5%'], ['participants', '120人', { asOf: '2025-03-30' }], [null, '9亿元', { label: '存款余额' }]], '增幅5%，参与120人，存款余额9亿元。');
    const b = report('reports/b.md', [['deposit_growth', '7%'], ['participants', '150人'], [null, '19亿元', { label: '存款余额' }]], '增幅7%，参与150人，存款余额19亿元。', { date: '2025-05-01' });
    expect(codes(a, b)).toEqual([]);
  });
});
