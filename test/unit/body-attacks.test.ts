/**
 * One attack per fixture (test/fixtures/attacks/): what `analyzeBody` says about it (code, severity, file line)
 * and what reaches the page — through the plain unified pipeline with the exported schema, through the site's
 * own plugin, and, for MDX, through Astro's MDX compiler with the site's processor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { analyzeBody, bodySchema, REMARK_REHYPE_OPTIONS, REPORT_COMPONENTS } from '../../src/lib/body/index.ts';
import { parseReportSource } from '../../src/lib/frontmatter.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import rehypeShowcaseBody from '../../src/markdown/rehype-body.ts';
import { showcaseMarkdownProcessor } from '../../src/markdown/processor.ts';

const DIR = path.resolve('test/fixtures/attacks');

/** Expected problems: code, severity, and a text on the line they must point at. */
type Expect = [code: string, severity: 'error' | 'warning', lineHas: string];

const EXPECTED: Record<string, Expect[]> = {
  'script.md': [['body-html-element', 'warning', '<script>']],
  'img-onerror.md': [['body-html-attribute', 'warning', 'onerror="alert'], ['body-image-html', 'error', '<img']],
  'svg-onload.md': [['body-html-element', 'warning', '<svg onload']],
  'svg-use-remote.md': [['body-html-element', 'warning', '<use href']],
  'javascript-link.md': [['body-link-unsafe', 'warning', 'javascript:']],
  'iframe.md': [['body-html-element', 'warning', '<iframe']],
  'style-url.md': [['body-html-attribute', 'warning', 'style=']],
  'link-stylesheet.md': [['body-html-element', 'warning', '<link']],
  'object.md': [['body-html-element', 'warning', '<object']],
  'form-action.md': [['body-html-element', 'warning', '<form']],
  'meta-refresh.md': [['body-html-element', 'warning', '<meta']],
  'base-href.md': [['body-html-element', 'warning', '<base']],
  'data-url-link.md': [['body-link-unsafe', 'warning', 'data:text/html']],
  'data-image.md': [['body-image-data', 'error', 'data:image/png']],
  'remote-image.md': [['body-image-remote', 'error', 'https://evil.example/hall.jpg']],
  'protocol-relative-image.md': [['body-image-remote', 'error', '//evil.example/hall.jpg']],
  'mdx-import-report.mdx': [['body-mdx-import', 'error', 'import Draft'], ['body-mdx-component', 'error', '<Draft />']],
  'mdx-process-env.mdx': [['body-mdx-expression', 'error', 'process.env']],
  'mdx-readfile.mdx': [['body-mdx-expression', 'error', 'readFileSync']],
  'mdx-export.mdx': [['body-mdx-export', 'error', 'export const']],
  'mdx-unknown-component.mdx': [['body-mdx-component', 'error', '<Secret']],
  'mdx-script.mdx': [['body-mdx-element', 'error', '<script']],
  'mdx-set-html.mdx': [['body-mdx-prop', 'error', 'set:html="']],
};

/** Nothing of these may be in a page made from any fixture. */
const DANGEROUS = [
  /<script/i, /\bon(error|load)\b/i, /javascript:/i, /vbscript:/i, /data:/i, /<iframe/i, /<object/i, /<embed/i,
  /<form/i, /<meta/i, /<link/i, /<style/i, /style=/i, /url\(/i, /<base/i, /<svg/i, /<use/i, /evil\.example/i,
];

function load(name: string) {
  const text = readFileSync(path.join(DIR, name), 'utf8');
  const parsed = parseReportSource(text, `reports/${name}`);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.problems.map(formatProblem).join('\n')}`);
  return { text, body: parsed.source.body, bodyLine: parsed.source.bodyLine, mdx: name.endsWith('.mdx') };
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line has ${needle}`);
  return i + 1;
}

const fixtures = readdirSync(DIR).filter((f) => /\.mdx?$/.test(f)).sort();

describe('attack fixtures', () => {
  it('are all listed here, one expectation each', () => {
    expect(fixtures).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(fixtures)('%s', (name) => {
    const f = load(name);

    it('is reported with the expected code, severity and file line', () => {
      const { problems } = analyzeBody(f.body, { file: `reports/${name}`, bodyLine: f.bodyLine, mdx: f.mdx, components: REPORT_COMPONENTS });
      const got = problems.map((p) => [p.code, p.severity, p.line]);
      const want = EXPECTED[name]!.map(([code, severity, needle]) => [code, severity, lineOf(f.text, needle)]);
      expect(got.sort()).toEqual(want.sort());
      for (const p of problems) {
        expect(p.file).toBe(`reports/${name}`);
        expect(p.field).toBe('正文');
        // Chinese for the author: every text has Han characters, none is a library's English sentence.
        for (const t of [p.title, p.what, p.fix]) expect(t).toMatch(/\p{Script=Han}/u);
        expect(formatProblem(p)).not.toMatch(/\b(Unexpected|Expected|Cannot|Could not)\b/);
      }
    });

    if (!f.mdx) {
      it('leaves nothing dangerous in the HTML of the plain pipeline with the exported schema', async () => {
        const html = String(
          await unified()
            .use(remarkParse)
            .use(remarkRehype, { allowDangerousHtml: true })
            .use(rehypeRaw)
            .use(rehypeSanitize, bodySchema)
            .use(rehypeStringify)
            .process(f.body),
        );
        for (const re of DANGEROUS) expect(html).not.toMatch(re);
        // The article around the attack is still there.
        expect(html).toContain('介休农商银行坚持以党建统领全局');
      });
    }

    it("leaves nothing dangerous in the HTML of the site's processor", async () => {
      const processor = showcaseMarkdownProcessor();
      let out: string;
      if (f.mdx) {
        const renderer = await processor.createMdxRenderer!({ syntaxHighlight: false }, { optimize: false });
        out = (await renderer.process(f.body, path.join(DIR, name), {})).code;
        // Compiled MDX is a module: it may import only Astro's own runtime, never a file the author named.
        const imports = [...out.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
        expect(imports.every((s) => s === 'astro/jsx-runtime' || s === 'astro:assets')).toBe(true);
        for (const re of [/secret-draft/, /process\.env/, /readFileSync/, /\/etc\/passwd/, /_missingMdxReference\("(Draft|Secret)"/, /set:html/]) {
          expect(out).not.toMatch(re);
        }
      } else {
        const renderer = await processor.createRenderer({ syntaxHighlight: false });
        out = (await renderer.render(f.body)).code;
      }
      for (const re of DANGEROUS) expect(out).not.toMatch(re);
      expect(out).toContain('介休农商银行坚持以党建统领全局');
    });
  });
});

describe('the site plugin in a plain unified pipeline', () => {
  it('drops a placeholder element written by hand instead of treating it as a component', async () => {
    const html = String(
      await unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkRehype, REMARK_REHYPE_OPTIONS)
        .use(rehypeShowcaseBody)
        .use(rehypeStringify)
        .process('前<showcase-mdx-component data-showcase-slot="0"><script>alert(1)</script>文字</showcase-mdx-component>后'),
    );
    expect(html).toBe('<p>前后</p>');
  });
});
