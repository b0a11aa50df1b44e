import { describe, expect, it } from 'vitest';
import { analyzeBody, REPORT_COMPONENTS, type AnalyzeBodyOptions } from '../../src/lib/body/index.ts';

const md = (o: Partial<AnalyzeBodyOptions> = {}): AnalyzeBodyOptions => ({ file: 'reports/a.md', bodyLine: 1, mdx: false, components: REPORT_COMPONENTS, ...o });
const mdx = (o: Partial<AnalyzeBodyOptions> = {}): AnalyzeBodyOptions => md({ file: 'reports/a.mdx', mdx: true, ...o });
const codes = (body: string, opts: AnalyzeBodyOptions) => analyzeBody(body, opts).problems.map((p) => `${p.code}@${p.line}`);

/** An ordinary article: everything a writer normally uses, none of it a problem. */
const ARTICLE = `## 一、党建引领

今年以来，该行坚持**党建统领**，*稳中求进*，~~旧提法~~不再使用。存款增长 12.6%<sup>①</sup>，H<sub>2</sub>O 不相干。<br>
换行之后的文字。

> 引用一段领导讲话。

1. 第一项
2. 第二项
   - 子项

- [x] 已完成的任务

| 指标 | 数值 |
|:---|---:|
| 存款余额 | 216.66亿元 |

<figure>

![营业大厅](./images/hall.jpg "大厅")

<figcaption>营业大厅一角</figcaption>
</figure>

<!-- 给编辑的备注：不显示 -->

详见[上一期报告](../jiexiu-2024q4/)，或来信 [联系我们](mailto:office@bank.local)，第二节见[这里](#一党建引领)。
数据来源于统计报表[^1]。

\`\`\`
代码块
\`\`\`

[^1]: 2025年一季度统计报表。
`;

describe('analyzeBody: an ordinary article', () => {
  it('has no problems in .md', () => {
    expect(analyzeBody(ARTICLE, md()).problems).toEqual([]);
  });

  it('has no problems in .mdx with the components and a comment', () => {
    const body = `${ARTICLE.replace('<br>\n', '<br />\n').replace(/<!--.*-->/, '{/* 给编辑的备注：不显示 */}')}
截至3月末，存款余额<Figure metric="deposit_balance" />。

<MetricChart metrics={["deposit_balance", "loan_balance"]} title="存贷款余额" />
`;
    expect(analyzeBody(body, mdx()).problems).toEqual([]);
  });
});

describe('analyzeBody: components', () => {
  it('returns each allowed component with its literal props and its place in the file', () => {
    const body = [
      '第一段。',
      '',
      '截至3月末，存款余额<Figure metric="deposit_balance" asOf={"2025-03-31"} />，贷款<Figure metric={`loan_balance`} />。',
      '',
      '<MetricChart metrics={["deposit_balance", "loan_balance"]} title="存贷款" height={-1.5} wide />',
    ].join('\n');
    const { components, problems } = analyzeBody(body, mdx({ bodyLine: 20 }));
    expect(problems).toEqual([]);
    expect(components).toEqual([
      { name: 'Figure', props: { metric: 'deposit_balance', asOf: '2025-03-31' }, line: 22, column: 11, inline: true },
      { name: 'Figure', props: { metric: 'loan_balance' }, line: 22, column: 69, inline: true },
      {
        name: 'MetricChart', props: { metrics: ['deposit_balance', 'loan_balance'], title: '存贷款', height: -1.5, wide: true },
        line: 24, column: 1, inline: false,
      },
    ]);
  });

  it('reports props that are code, and keeps only the literal ones', () => {
    const body = '<Figure metric={key} asOf="2025-03" {...rest} set:html="<b>x</b>" />';
    const { components, problems } = analyzeBody(body, mdx({ bodyLine: 5 }));
    expect(components).toEqual([{ name: 'Figure', props: { asOf: '2025-03' }, line: 5, column: 1, inline: false }]);
    expect(problems.map((p) => [p.code, p.column])).toEqual([
      ['body-mdx-prop', 9],
      ['body-mdx-spread', 37],
      ['body-mdx-prop', 47],
    ]);
    expect(problems[0]!.what).toContain('{key}');
  });

  it('does not take an array with a computed element, or a call, as a literal', () => {
    const { problems } = analyzeBody('<MetricChart metrics={["a", b]} title={t()} />', mdx());
    expect(problems.map((p) => p.code)).toEqual(['body-mdx-prop', 'body-mdx-prop']);
  });

  it('names the component the author probably meant', () => {
    const [lower] = analyzeBody('余额<figure metric="deposit_balance" />。', mdx()).problems;
    expect(lower).toMatchObject({ code: 'body-mdx-component', severity: 'error' });
    expect(lower!.fix).toContain('<Figure');
    const [typo] = analyzeBody('<MetricChat metrics={["a", "b"]} />', mdx()).problems;
    expect(typo).toMatchObject({ code: 'body-mdx-component' });
    expect(typo!.fix).toContain('<MetricChart');
  });

  it('reports fragments, member and namespaced names as components it cannot use', () => {
    expect(codes('<>文字</>\n\n<a.b />\n\n<svg:use />', mdx())).toEqual(['body-mdx-component@1', 'body-mdx-component@3', 'body-mdx-component@5']);
  });

  it('says that a component in a .md report needs .mdx, once', () => {
    const body = '第一段。\n\n余额<Figure metric="deposit_balance" />。\n\n<div>\n<MetricChart metrics="a" />\n</div>';
    const { components, problems } = analyzeBody(body, md({ bodyLine: 4 }));
    expect(components).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity, p.line, p.column])).toEqual([
      ['body-component-in-md', 'error', 6, 3],
      ['body-component-in-md', 'error', 9, 1],
    ]);
    expect(problems[0]!.fix).toContain('.mdx');
  });
});

describe('analyzeBody: MDX that is code', () => {
  it('reports each import and export statement on its own line', () => {
    const body = "import A from './a.mdx'\nimport { b } from 'node:fs'\nexport const c = 1\n\n正文。";
    expect(codes(body, mdx({ bodyLine: 8 }))).toEqual(['body-mdx-import@8', 'body-mdx-import@9', 'body-mdx-export@10']);
  });

  it('reports expressions but not comments', () => {
    expect(codes('数字{1 + 1}。\n\n{/* 备注 */}\n\n{a}', mdx())).toEqual(['body-mdx-expression@1', 'body-mdx-expression@5']);
  });

  it('reports lowercase elements and attributes the allow-list drops, as errors', () => {
    const body = '<sup>1</sup> <br /> <video src="./v.mp4" /> <span style="color:red" onClick="x()">字</span>';
    const { problems } = analyzeBody(body, mdx());
    expect(problems.map((p) => [p.code, p.severity, p.column])).toEqual([
      ['body-mdx-element', 'error', 21],
      ['body-mdx-attribute', 'error', 45],
    ]);
    expect(problems[1]!.what).toContain('style="color:red"');
    expect(problems[1]!.what).toContain('onclick="x()"');
  });

  it('reports a body MDX cannot read, at the line of the file, in Chinese', () => {
    const { problems, components, images, links } = analyzeBody('第一段。\n\n增速<5%，好于预期。\n', mdx({ bodyLine: 10 }));
    expect(components).toEqual([]);
    expect(images).toEqual([]);
    expect(links).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'body-mdx-syntax', severity: 'error', line: 12, column: 4, field: '正文' });
    expect(problems[0]!.fix).toContain('\\<');
  });
});

describe('analyzeBody: HTML in .md', () => {
  it('says whether the text inside a dropped element stays', () => {
    const { problems } = analyzeBody('<font color="red">红字</font>\n\n<style>p{color:red}</style>', md());
    expect(problems.map((p) => p.code)).toEqual(['body-html-element', 'body-html-element']);
    expect(problems[0]!.what).toContain('里面的文字照常显示');
    expect(problems[1]!.what).toContain('连同里面的内容');
  });

  it('reports an element inside a dropped element only when its content was kept', () => {
    expect(codes('<object><iframe></iframe></object>', md())).toEqual(['body-html-element@1']);
    expect(codes('<font><iframe></iframe></font>', md())).toEqual(['body-html-element@1', 'body-html-element@1']);
  });

  it('gives one warning for the same thing repeated, listing the other lines', () => {
    const body = ['<span style="color:red">一</span>', '', '<span style="color:red">二</span>', '', '<span style="color:red">三</span>'].join('\n');
    const { problems } = analyzeBody(body, md({ bodyLine: 3 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'body-html-attribute', line: 3 });
    expect(problems[0]!.what).toContain('共 3 处');
    expect(problems[0]!.what).toContain('第 5、7 行');
  });

  it('counts a Markdown link with an unsafe address as a dropped link, not as HTML', () => {
    const { problems } = analyzeBody('[点此](vbscript:msgbox(1))', mdx());
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['body-link-unsafe', 'warning']]);
  });
});

describe('analyzeBody: images', () => {
  it('returns every image with its address, description and place', () => {
    const body = [
      '![大厅](./images/%E5%A4%A7%E5%8E%85.jpg) ![柜台][gt] ![没有定义][nope]',
      '',
      '[gt]: images/counter.png',
      '',
      '<p><img src="./images/a.jpg" alt="甲"></p>',
    ].join('\n');
    const { images, problems } = analyzeBody(body, md({ bodyLine: 7 }));
    expect(images).toEqual([
      { url: './images/%E5%A4%A7%E5%8E%85.jpg', alt: '大厅', line: 7, column: 1, syntax: 'markdown', local: true, path: './images/大厅.jpg' },
      { url: 'images/counter.png', alt: '柜台', line: 7, column: 40, syntax: 'reference', local: true, path: 'images/counter.png' },
      { url: './images/a.jpg', alt: '甲', line: 11, column: 4, syntax: 'html', local: true, path: './images/a.jpg' },
    ]);
    expect(problems.map((p) => `${p.code}@${p.line}:${p.column}`)).toEqual(['body-image-html@11:4']);
  });

  it('returns JSX images in .mdx', () => {
    const { images, problems } = analyzeBody('<img src="./images/a.jpg" alt="甲" />', mdx());
    expect(images).toEqual([{ url: './images/a.jpg', alt: '甲', line: 1, column: 1, syntax: 'jsx', local: true, path: './images/a.jpg' }]);
    expect(problems.map((p) => p.code)).toEqual(['body-image-html']);
  });

  it.each([
    ['https://cdn.example.com/a.jpg', 'body-image-remote'],
    ['HTTP://cdn.example.com/a.jpg', 'body-image-remote'],
    ['//cdn.example.com/a.jpg', 'body-image-remote'],
    ['data:image/png;base64,iVBORw0KGgo=', 'body-image-data'],
    ['/images/a.jpg', 'body-image-url'],
    ['C:\\Users\\wen\\Desktop\\a.jpg', 'body-image-url'],
    ['file:///C:/Users/wen/a.jpg', 'body-image-url'],
    ['javascript:alert(1)', 'body-image-url'],
  ])('reports %s as %s, and does not return it as local', (url, code) => {
    const { images, problems } = analyzeBody(`<img src="${url}">`, md());
    expect(images[0]).toMatchObject({ url, local: false });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([[code, 'error']]);
  });

  it('asks for the file in images/ for a remote image', () => {
    const [p] = analyzeBody('![大厅](https://cdn.example.com/a.jpg)', md()).problems;
    expect(`${p!.why}${p!.fix}`).toContain('内网读者打不开外网图片');
    expect(p!.fix).toContain('把图片保存到报告旁边的 images/ 文件夹，写成 ./images/xxx.jpg');
  });

  it('reports an image without an address', () => {
    expect(codes('![大厅]()', md())).toEqual(['body-image-url@1']);
  });
});

describe('analyzeBody: links', () => {
  it('returns every link and warns about other hosts only', () => {
    const body = [
      '[上一期](../jiexiu-2024q4/) [邮件](mailto:a@bank.local) [本站](http://showcase.bank.local/reports/)',
      '[人行](https://www.pbc.gov.cn/) <https://example.com/a> www.example.org [参考][r]',
      '',
      '[r]: //cdn.example.net/r',
      '',
      '<a href="https://raw.example.com/">原始</a>',
    ].join('\n');
    const { links, problems } = analyzeBody(body, md({ site: 'http://showcase.bank.local/', bodyLine: 4 }));
    expect(links.map((l) => [l.url, l.line, l.external, l.host])).toEqual([
      ['../jiexiu-2024q4/', 4, false, undefined],
      ['mailto:a@bank.local', 4, false, undefined],
      ['http://showcase.bank.local/reports/', 4, false, undefined],
      ['https://www.pbc.gov.cn/', 5, true, 'www.pbc.gov.cn'],
      ['https://example.com/a', 5, true, 'example.com'],
      ['http://www.example.org', 5, true, 'www.example.org'],
      ['//cdn.example.net/r', 5, true, 'cdn.example.net'],
      ['https://raw.example.com/', 9, true, 'raw.example.com'],
    ]);
    expect(problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['body-link-external', 'warning', 5],
      ['body-link-external', 'warning', 5],
      ['body-link-external', 'warning', 5],
      ['body-link-external', 'warning', 5],
      ['body-link-external', 'warning', 9],
    ]);
  });

  it('returns JSX links in .mdx and does not count footnote markers as links', () => {
    const { links } = analyzeBody('<a href="https://www.pbc.gov.cn/">人行</a>，见注释[^1]。\n\n[^1]: 注释。', mdx());
    expect(links.map((l) => [l.url, l.external])).toEqual([['https://www.pbc.gov.cn/', true]]);
  });
});
