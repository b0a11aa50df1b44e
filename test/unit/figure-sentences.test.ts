/**
 * Where each figure of a report is printed, for its source link: the sentence and the figure in it, found in
 * the text the presence check reads by the check's own rule. One case per way a figure is printed.
 */
import { describe, expect, it } from 'vitest';
import { locateFigureSentences, type LocatedFigures } from '../../src/lib/figures/sentences.ts';
import { checkPresence } from '../../src/lib/validate/presence.ts';
import { catalog, checkReport, vocab, type MetricLine } from './support/figure-catalog.ts';

/** The report as the check reads it, and where its figures are printed. */
function locate(metrics: MetricLine[], body: string) {
  const { report, problems } = checkReport(metrics, body);
  expect(problems.filter((p) => p.severity === 'error'), 'the report passes the check').toEqual([]);
  const found = locateFigureSentences(report!.text, report!.metrics, vocab);
  return { text: report!.text, found, metrics: report!.metrics };
}

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

/** Sentence and marked figure of metrics[i], as text. */
function at(r: { text: string; found: LocatedFigures }, index: number) {
  const f = r.found.located.find((x) => x.index === index);
  expect(f, `metrics[${index}] located`).toBeDefined();
  return { id: f!.id, sentence: slice(r.text, f!.sentence), mark: slice(r.text, f!.mark), figure: slice(r.text, f!.figure) };
}

describe('the sentence that prints a figure', () => {
  it('a figure with 余 or 多 is found with its marker, in its own sentence', () => {
    const r = locate(
      [[null, '120余名', { label: '参加反诈课堂的学生' }], [null, '40多亿元', { label: '累计投放贷款' }]],
      '今年以来，该行走进校园。3月，反诈课堂上120余名学生认真听讲！近3年累计投放贷款40多亿元；支持企业发展。',
    );
    expect(at(r, 0)).toEqual({ id: 'src-1', sentence: '3月，反诈课堂上120余名学生认真听讲！', mark: '120余名', figure: '120余名' });
    expect(at(r, 1)).toMatchObject({ id: 'src-2', sentence: '近3年累计投放贷款40多亿元；', mark: '40多亿元' });
  });

  it('full-width digits are found as printed, not rewritten', () => {
    const r = locate([['deposit_balance', '216.66亿元']], '截至3月末，该行各项存款余额２１６.６６亿元。');
    expect(at(r, 0)).toMatchObject({ sentence: '截至3月末，该行各项存款余额２１６.６６亿元。', mark: '２１６.６６亿元' });
  });

  it('a figure across a line break (a newspaper column) is one figure; the break is no end of sentence', () => {
    const r = locate([['deposit_increase', '12.64亿元']], '截至3月末，存款较年初增加1\n2.64亿元，增势良好。\n下一段。');
    expect(at(r, 0)).toMatchObject({ mark: '1\n2.64亿元', sentence: '截至3月末，存款较年初增加1\n2.64亿元，增势良好。' });
  });

  it('a line or paragraph end ends the sentence, even without a full stop', () => {
    const r = locate([['people_trained', '300人']], '第一段没有句号\n\n培训员工300人\n\n第三段。');
    expect(at(r, 0).sentence).toBe('培训员工300人');
  });

  it('two figures in one sentence: one sentence, each figure marked', () => {
    const r = locate([['deposit_balance', '216.66亿元'], ['deposit_increase', '12.64亿元']], '前言。各项存款余额216.66亿元，较年初增加12.64亿元；后记。');
    expect(at(r, 0)).toMatchObject({ id: 'src-1', sentence: '各项存款余额216.66亿元，较年初增加12.64亿元；', mark: '216.66亿元' });
    expect(at(r, 1)).toMatchObject({ id: 'src-2', sentence: '各项存款余额216.66亿元，较年初增加12.64亿元；', mark: '12.64亿元' });
  });

  it('a figure printed twice is the first printing, as the check decides', () => {
    const r = locate([[null, '5000户', { label: '走访农户' }]], '一季度走访5000户。二季度又走访5000户。');
    const f = r.found.located[0]!;
    expect(f.figure.start).toBe(r.text.indexOf('5000户'));
    expect(at(r, 0).sentence).toBe('一季度走访5000户。');
  });

  it('a count word after the number is marked with it: 2万多农户 prints 2万多户', () => {
    const r = locate([['households_served', '2万多户']], '该行带动2万多农户增收。');
    expect(at(r, 0)).toMatchObject({ figure: '2万多', mark: '2万多农户', sentence: '该行带动2万多农户增收。' });
  });

  it('closing quotes after the full stop stay with the sentence', () => {
    const r = locate([['people_trained', '300人']], '他说：“今年培训300人。”随后离开。');
    expect(at(r, 0).sentence).toBe('他说：“今年培训300人。”');
  });

  it('a derived figure is sourced to its note, not to the text', () => {
    const r = locate(
      [['deposit_balance', '216.66亿元'], [null, '204.02亿元', { label: '年初存款余额', derived: true, note: '余额减去较年初增加' }]],
      '存款余额216.66亿元。',
    );
    expect(r.found.derived).toEqual([{ index: 1, id: 'note-2' }]);
    expect(r.found.located.map((f) => f.index)).toEqual([0]);
    expect(r.found.missing).toEqual([]);
  });

  it('finds no printing where the presence check finds none', () => {
    // 40多亿元 is printed; a figure written 40余亿元 is another figure, refused by the check and not located.
    const { report } = checkReport([[null, '40多亿元', { label: '累计投放贷款' }]], '近3年累计投放贷款40多亿元。');
    const other = { ...report!.metrics[0]!, text: '40余亿元', approx: '余' };
    expect(checkPresence([other], report!.text, { file: 'x', baseUnits: catalog.baseUnits, locate: () => undefined })).toHaveLength(1);
    expect(locateFigureSentences(report!.text, [other], vocab).missing).toEqual([0]);
  });
});
