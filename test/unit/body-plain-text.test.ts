import { describe, expect, it } from 'vitest';
import { bodyPlainText } from '../../src/lib/body/index.ts';

const none = () => undefined;

describe('bodyPlainText', () => {
  it('keeps the words, drops the markup, one line per block', () => {
    const body = [
      '## 一、党建引领',
      '',
      '今年以来，该行坚持**党建统领**，*稳中求进*，详见[上一期](../a/)。',
      '',
      '> 引用一段讲话。',
      '',
      '1. 第一项',
      '2. 第二项',
      '   - 子项',
      '',
      '| 指标 | 数值 |',
      '|---|---|',
      '| 存款余额 | 216.66亿元 |',
      '',
      '```',
      'const a = 1;',
      'const b = 2;',
      '```',
    ].join('\n');
    expect(bodyPlainText(body, { mdx: false, figureText: none }).split('\n')).toEqual([
      '一、党建引领',
      '今年以来，该行坚持党建统领，稳中求进，详见上一期。',
      '引用一段讲话。',
      '第一项',
      '第二项',
      '子项',
      '指标 数值',
      '存款余额 216.66亿元',
      'const a = 1;',
      'const b = 2;',
    ]);
  });

  it('joins a paragraph broken across lines as the page shows it: no space between Chinese characters', () => {
    const body = '截至3月末，该行各项存款\n余额216.66\n亿元，较年初增加\nETC 用户 120\n余名。';
    expect(bodyPlainText(body, { mdx: false, figureText: none })).toBe('截至3月末，该行各项存款余额216.66 亿元，较年初增加 ETC 用户 120 余名。');
  });

  it('breaks the line at <br>', () => {
    expect(bodyPlainText('第一行<br>第二行', { mdx: false, figureText: none })).toBe('第一行\n第二行');
  });

  it('leaves out what readers do not read: scripts, styles, image descriptions, footnote markers and label', () => {
    const body = [
      '正文<script>var secret = 1</script>照常。<style>p{color:red}</style>',
      '',
      '![营业大厅全景](./images/hall.jpg)',
      '',
      '增长12.6%[^1]。',
      '',
      '[^1]: 统计报表口径。',
    ].join('\n');
    expect(bodyPlainText(body, { mdx: false, figureText: none }).split('\n')).toEqual(['正文照常。', '增长12.6%。', '统计报表口径。']);
  });

  it('keeps the text of an unknown HTML tag, as the page does', () => {
    expect(bodyPlainText('<font color="red">红字</font>照常', { mdx: false, figureText: none })).toBe('红字照常');
  });

  it('puts the figure each <Figure> prints in its place, from its literal props', () => {
    const seen: Record<string, unknown>[] = [];
    const figureText = (props: Record<string, unknown>) => {
      seen.push(props);
      return props.metric === 'deposit_balance' ? '216.66亿元' : undefined;
    };
    const body = [
      '截至3月末，存款余额<Figure metric="deposit_balance" asOf={"2025-03-31"} />，贷款余额<Figure metric="unknown" />。',
      '',
      '<Figure metric="deposit_balance" />',
      '',
      '<MetricChart metrics={["deposit_balance", "loan_balance"]} title="存贷款余额" />',
      '',
      '{/* 备注 */}结束。',
    ].join('\n');
    expect(bodyPlainText(body, { mdx: true, figureText }).split('\n')).toEqual([
      '截至3月末，存款余额216.66亿元，贷款余额。',
      '216.66亿元',
      '结束。',
    ]);
    expect(seen).toEqual([{ metric: 'deposit_balance', asOf: '2025-03-31' }, { metric: 'unknown' }, { metric: 'deposit_balance' }]);
  });

  it('leaves out MDX code: expressions, imports, and what they would print', () => {
    const body = "import A from './a.mdx'\n\n本行{process.env.SECRET}数据。";
    expect(bodyPlainText(body, { mdx: true, figureText: none })).toBe('本行数据。');
  });

  it('does not read <Figure> in a .md report as a component', () => {
    const text = bodyPlainText('余额<Figure metric="deposit_balance" />。', { mdx: false, figureText: () => '216.66亿元' });
    expect(text).not.toContain('216.66');
    expect(text.replace(/\n/g, '')).toBe('余额。');
  });

  it('still gives the words of an .mdx body MDX cannot read', () => {
    expect(bodyPlainText('增速<5%，好于**预期**。', { mdx: true, figureText: none })).toBe('增速<5%，好于预期。');
  });
});
