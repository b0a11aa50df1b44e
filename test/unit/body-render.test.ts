/**
 * The site's Markdown processor (astro.config.mjs) on ordinary articles: the allow-list keeps what articles
 * use, local images still go through Astro's image pipeline, footnotes still link, MDX components still render.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { showcaseMarkdownProcessor } from '../../src/markdown/processor.ts';

const ARTICLE = `## 一、党建引领

今年以来，该行坚持**党建统领**，*稳中求进*，~~旧提法~~。存款增长 12.6%<sup>①</sup>，H<sub>2</sub>O。<br>
换行之后。[^1]

> 引用一段讲话。

1. 第一项
2. 第二项

- [x] 已完成

| 指标 | 数值 |
|:---|---:|
| 存款余额 | 216.66亿元 |

<figure>

![营业大厅](./images/hall.jpg "大厅")

<figcaption>营业大厅一角</figcaption>
</figure>

<p id="mark">锚点</p>

见[锚点](#mark)，<abbr title="普惠金融">普惠</abbr>，<mark>重点</mark>。

[^1]: 统计报表口径。
`;

async function renderMd(body: string) {
  const renderer = await showcaseMarkdownProcessor().createRenderer({ syntaxHighlight: false });
  // As the reports loader calls it: a leading newline, and the report file's URL for image paths.
  return renderer.render(`\n${body}`, { fileURL: pathToFileURL('/content/reports/a.md') });
}

describe("the site's Markdown processor", () => {
  it('keeps the markup of an ordinary article', async () => {
    const { code } = await renderMd(ARTICLE);
    for (const tag of ['h2', 'strong', 'em', 'del', 'sup', 'sub', 'br', 'blockquote', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'th', 'td', 'figure', 'figcaption', 'abbr', 'mark']) {
      expect(code).toMatch(new RegExp(`<${tag}[ >]`));
    }
    expect(code).toContain('<td align="right">216.66亿元</td>');
    expect(code).toContain('type="checkbox"');
    expect(code).toContain('<abbr title="普惠金融">');
  });

  it('prints the text as written: quotes, hyphens and dots are not typeset over', async () => {
    const { code } = await renderMd('他说"稳中求进"，\'普惠\'二字；2024--2025年，增长3.5%...完成---。');
    expect(code).toContain('他说"稳中求进"，\'普惠\'二字；2024--2025年，增长3.5%...完成---。');
  });

  it('hands local images to Astro and reports them', async () => {
    const { code, metadata } = await renderMd(ARTICLE);
    expect(metadata.localImagePaths).toEqual(['./images/hall.jpg']);
    expect(code).toContain('__ASTRO_IMAGE_');
    expect(code).not.toMatch(/<img[^>]* src=/);
  });

  it('keeps every in-page link pointing at an id on the page, footnotes included', async () => {
    const { code } = await renderMd(ARTICLE);
    const ids = new Set([...code.matchAll(/ id="([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!)));
    const hrefs = [...code.matchAll(/ href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs.length).toBeGreaterThanOrEqual(3);
    for (const h of hrefs) expect(ids).toContain(h);
    // Author ids are prefixed against DOM clobbering.
    expect(ids).toContain('user-content-mark');
  });

  it('labels footnotes in Chinese', async () => {
    const { code } = await renderMd(ARTICLE);
    expect(code).toContain('>注释</h2>');
    expect(code).toContain('aria-label="返回正文第 1 处注释引用"');
    expect(code).not.toMatch(/Footnotes|Back to reference/);
  });

  it('compiles MDX with the report components and literal props, and lowercase elements it allows', async () => {
    const renderer = await showcaseMarkdownProcessor().createMdxRenderer!({ syntaxHighlight: false }, { optimize: false });
    const body = [
      '截至3月末，存款余额<Figure metric="deposit_balance" asOf="2025-03-31" />，H<sub>2</sub>O<br />。',
      '',
      '<MetricChart metrics={["deposit_balance", "loan_balance"]} title="存贷款余额" />',
      '',
      '{/* 备注 */}',
      '',
      '![营业大厅](./images/hall.jpg)',
    ].join('\n');
    const { code } = await renderer.process(body, '/content/reports/a.mdx', {});
    expect(code).toMatch(/_jsx\(Figure, \{\s*metric: "deposit_balance",\s*asOf: "2025-03-31"\s*\}\)/);
    expect(code).toMatch(/_jsx\(MetricChart, \{\s*metrics: \["deposit_balance", "loan_balance"\],\s*title: "存贷款余额"\s*\}\)/);
    expect(code).toMatch(/_jsx\(_components\.sub, \{\s*children: "2"\s*\}\)/);
    expect(code).toContain('_components.br');
    expect(code).toContain('import __0___images_hall_jpg__ from "./images/hall.jpg";');
    expect(code).not.toContain('备注');
  });
});
