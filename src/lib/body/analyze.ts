/**
 * `analyzeBody`: what a report body contains and what is wrong with it, read from its syntax tree — the
 * components it uses (with their literal props), its images and links, and the problems, in Chinese, at the
 * line and column of the file. Pure: no disk, no network; the reports loader checks local images on disk and
 * lists external links at the end of the build.
 *
 * The HTML part is not a second opinion on the sanitiser: the body is converted and cleaned by the very steps
 * the site runs (sanitize.ts, schema.ts), and every element or attribute the cleaning drops becomes a problem
 * (a warning in .md, where HTML is pasted text; an error in .mdx, where it is code under the MDX policy).
 */
import type { Element, Properties, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement, MdxjsEsm } from 'mdast-util-mdx';
import { find, html } from 'property-information';
import type { Position } from 'unist';
import { VFile } from 'vfile';
import { sortProblems, type Problem, type Severity } from '../problems.ts';
import { suggest } from '../suggest.ts';
import { attributeLiteral, isCommentOnly, jsxNameKind, PROP_NAME, type LiteralValue } from './mdx.ts';
import { mdxSyntaxOf, parseBody, toBodyHast, type MdxSyntax } from './parse.ts';
import { applyAllowList, parseRaw, prepareMdx, type PreparedTree } from './sanitize.ts';
import { bodySchema } from './schema.ts';
import type { AnalyzeBodyOptions, BodyAnalysis, BodyComponent, BodyImage, BodyLink, ImageSyntax } from './types.ts';
import { siteLinkTarget } from './links.ts';
import { classifyUrl, localPath, siteHost } from './urls.ts';

const FIELD = '正文';
const IMAGE_FIX = '把图片保存到报告旁边的 images/ 文件夹，写成 ./images/xxx.jpg。';
const MARKDOWN_FIX = '排版请用 Markdown：## 小标题、**加粗**、- 列表、| 表格 |、![图片说明](./images/xxx.jpg)、[链接文字](网址)。';

type Where = { line: number; column: number };

function clip(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return [...one].length > max ? `${[...one].slice(0, max).join('')}…` : one;
}

class Collector {
  readonly problems: Problem[] = [];
  readonly components: BodyComponent[] = [];
  readonly images: BodyImage[] = [];
  readonly links: BodyLink[] = [];
  /** Start positions of Markdown images and links, to tell raw HTML ones apart in the HTML tree. */
  readonly markdownAt = new Set<string>();
  /** Start positions of elements already explained by another problem (a component in a .md report). */
  readonly skipAudit = new Set<string>();
  /** Problems the allow-list produces, grouped when the same thing repeats (a pasted Word table). */
  readonly repeated = new Map<string, { first: Problem; lines: number[] }>();

  readonly opts: AnalyzeBodyOptions;

  constructor(opts: AnalyzeBodyOptions) {
    this.opts = opts;
  }

  at(pos: Position | undefined): Where {
    const start = pos?.start ?? { line: 1, column: 1 };
    return { line: this.opts.bodyLine + start.line - 1, column: start.column };
  }

  add(severity: Severity, code: string, where: Where, p: { title: string; what: string; why?: string; fix: string }): void {
    this.problems.push({ severity, code, file: this.opts.file, line: where.line, column: where.column, field: FIELD, ...p });
  }

  /** The same problem (same words) again elsewhere: one message, listing the other lines. */
  addRepeatable(severity: Severity, code: string, where: Where, p: { title: string; what: string; why?: string; fix: string }): void {
    const key = `${code}\0${p.title}\0${p.what}`;
    const seen = this.repeated.get(key);
    if (seen) {
      seen.lines.push(where.line);
      return;
    }
    this.add(severity, code, where, p);
    this.repeated.set(key, { first: this.problems[this.problems.length - 1]!, lines: [] });
  }

  finish(): Problem[] {
    const sorted = sortProblems(this.problems);
    for (const { first, lines } of this.repeated.values()) {
      if (lines.length === 0) continue;
      const shown = [...new Set(lines)];
      const list = shown.length > 10 ? `${shown.slice(0, 10).join('、')} 等` : shown.join('、');
      first.what += `正文里共 ${lines.length + 1} 处这样写，另外几处在第 ${list} 行。`;
    }
    return sorted;
  }

  componentList(): string {
    return this.opts.components.map((c) => `<${c}>`).join('、');
  }
}

export function analyzeBody(body: string, opts: AnalyzeBodyOptions): BodyAnalysis {
  const c = new Collector(opts);
  let mdast: MdastRoot;
  try {
    mdast = parseBody(body, opts.mdx);
  } catch (e) {
    const syntax = opts.mdx ? mdxSyntaxOf(e) : undefined;
    if (!syntax) throw e;
    syntaxProblem(c, syntax);
    return { components: [], images: [], links: [], problems: c.finish() };
  }
  walkMarkdown(c, mdast);
  const hast = parseRaw(toBodyHast(mdast), new VFile(body));
  if (!opts.mdx) collectRawHtml(c, hast);
  auditAllowList(c, prepareMdx(hast, opts.components));
  checkImages(c);
  checkLinks(c);
  return { components: c.components, images: c.images, links: c.links, problems: c.finish(), tree: mdast };
}

// ---------------------------------------------------------------------------------------------------------
// MDX that cannot be read

function syntaxProblem(c: Collector, s: MdxSyntax): void {
  const where = { line: c.opts.bodyLine + (s.line ?? 1) - 1, column: s.column ?? 1 };
  const source = s.source ?? '';
  let what: string;
  if (s.ruleId === 'end-tag-mismatch' || s.ruleId === 'unexpected-closing-slash') {
    what = '标签没有成对：开始标签和结束标签对不上，或者结束标签前少了开始标签。';
  } else if (source.includes('jsx')) {
    what = '这里的“<”被当成了组件或 HTML 标签的开头，但后面不是完整的标签。';
  } else if (source.includes('expression')) {
    what = '这里的“{”被当成了程序表达式的开头，但里面不是完整的写法（或缺少“}”）。';
  } else if (source.includes('esm')) {
    what = '以 import 或 export 开头的行被当成了程序语句，但写法不完整。';
  } else {
    what = 'MDX 的写法不完整，正文从这里起读不下去。';
  }
  c.add('error', 'body-mdx-syntax', where, {
    title: 'MDX 正文读不懂',
    what,
    why: 'MDX 文件里 < 和 { 有特殊含义；正文读不懂，网站就无法生成这一页，其他检查也无法进行。',
    fix: '正文里要写“<”或“{”本身时，写成 \\< 和 \\{（如“增速\\<5%”）；标签要成对（<sup>…</sup>）或自己结束（<br />）。用不到组件的报告请改成 .md 文件。',
  });
}

// ---------------------------------------------------------------------------------------------------------
// The Markdown tree: components, images, links, the MDX policy

function walkMarkdown(c: Collector, root: MdastRoot): void {
  const definitions = new Map<string, string>();
  const collect = (n: MdastNodes) => {
    if (n.type === 'definition' && !definitions.has(n.identifier)) definitions.set(n.identifier, n.url);
    if ('children' in n) for (const k of n.children) collect(k);
  };
  collect(root);

  const walk = (n: MdastNodes) => {
    switch (n.type) {
      case 'image':
        markdownImage(c, n.url, n.alt ?? '', n.position, 'markdown');
        break;
      case 'imageReference': {
        const url = definitions.get(n.identifier);
        // Without a definition Markdown prints the brackets as text: there is no image.
        if (url !== undefined) markdownImage(c, url, n.alt ?? '', n.position, 'reference');
        break;
      }
      case 'link':
        markdownLink(c, n.url, n.position);
        break;
      case 'linkReference': {
        const url = definitions.get(n.identifier);
        if (url !== undefined) markdownLink(c, url, n.position);
        break;
      }
      case 'html':
        if (!c.opts.mdx) componentInMarkdown(c, n.value, n.position);
        break;
      case 'mdxjsEsm':
        esm(c, n);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isCommentOnly(n.data?.estree ?? undefined)) {
          c.add('error', 'body-mdx-expression', c.at(n.position), {
            title: 'MDX 报告不能写 {…} 表达式',
            what: `正文写了 {${clip(n.value)}}。`,
            why: 'MDX 里 {…} 是程序，构建网站时在服务器上运行，可以读出服务器上的文件和密码。',
            fix: `要印数字请用 <Figure metric="指标代码" />；要写花括号本身，写成 \\{。要写备注请用 {/* 备注 */}。`,
          });
        }
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        jsx(c, n);
        break;
      default:
    }
    if ('children' in n) for (const k of n.children) walk(k as MdastNodes);
  };
  walk(root);
}

function markdownImage(c: Collector, url: string, alt: string, pos: Position | undefined, syntax: ImageSyntax): void {
  if (pos) c.markdownAt.add(`${pos.start.line}:${pos.start.column}`);
  c.images.push({ url, alt, ...c.at(pos), syntax, local: false });
}

function markdownLink(c: Collector, url: string, pos: Position | undefined): void {
  if (pos) c.markdownAt.add(`${pos.start.line}:${pos.start.column}`);
  c.links.push({ url, ...c.at(pos), external: false });
}

/**
 * `<Figure … />` in a .md report: Markdown reads it as an unknown HTML tag, so the page would silently miss the
 * figure. One error says so; what the allow-list then does with the tag is not worth a second message.
 */
function componentInMarkdown(c: Collector, value: string, pos: Position | undefined): void {
  if (!pos) return;
  for (const name of c.opts.components) {
    for (const m of value.matchAll(new RegExp(`<${name}(?![\\w-])`, 'g'))) {
      const before = value.slice(0, m.index);
      const nl = before.lastIndexOf('\n');
      const line = pos.start.line + (before.match(/\n/g)?.length ?? 0);
      const column = nl < 0 ? pos.start.column + m.index : m.index - nl;
      c.skipAudit.add(`${line}:${column}`);
      c.add('error', 'body-component-in-md', c.at({ start: { line, column }, end: { line, column } }), {
        title: `组件 <${name}> 只能用在 .mdx 报告里`,
        what: `这是 .md 报告，正文写了 <${name} …/>，网站会把它当成不认识的 HTML 去掉，这里什么也不显示。`,
        why: '组件是 MDX 的写法；.md 报告里的 HTML 只保留排版用的标签。',
        fix: `把文件扩展名改为 .mdx；或者不用组件，直接写出${name === 'Figure' ? '数字' : '文字'}。`,
      });
    }
  }
}

function esm(c: Collector, n: MdxjsEsm): void {
  const statements = n.data?.estree?.body ?? [];
  const items = statements.length > 0
    ? statements.map((s) => ({ kind: s.type === 'ImportDeclaration' ? 'import' : 'export', loc: s.loc }))
    : [{ kind: n.value.trimStart().startsWith('import') ? 'import' : 'export', loc: undefined }];
  for (const item of items) {
    const where = item.loc ? { line: c.opts.bodyLine + item.loc.start.line - 1, column: item.loc.start.column + 1 } : c.at(n.position);
    if (item.kind === 'import') {
      c.add('error', 'body-mdx-import', where, {
        title: 'MDX 报告不能用 import',
        what: `正文写了 import 语句：${clip(n.value.split('\n').find((l) => l.trimStart().startsWith('import')) ?? n.value)}`,
        why: 'import 会把别的文件原样拼进这份报告——另一份报告（包括草稿和未到发布日期的报告）、数据文件或程序——绕过全部检查。',
        fix: `删掉这一行。网站的组件 ${c.componentList()} 不用 import 就能用；要提到别的报告，写链接：[报告标题](../报告文件名/)。`,
      });
    } else {
      c.add('error', 'body-mdx-export', where, {
        title: 'MDX 报告不能用 export',
        what: `正文写了 export 语句：${clip(n.value.split('\n').find((l) => l.trimStart().startsWith('export')) ?? n.value)}`,
        why: 'export 是程序，会在构建网站时运行，也会改变页面拿到的数据。',
        fix: '删掉这一行。报告信息写在文件开头的 --- 之间。',
      });
    }
  }
}

function jsx(c: Collector, n: MdxJsxFlowElement | MdxJsxTextElement): void {
  const kind = jsxNameKind(n.name, c.opts.components, n.children.length === 0).kind;
  const tag = n.name ?? '';
  const shown = n.name ? `<${n.name}>` : '<>…</>';
  const caseOf = n.name ? c.opts.components.find((k) => k.toLowerCase() === n.name!.toLowerCase()) : undefined;
  if (kind === 'other') {
    const guess = caseOf ?? (n.name ? suggest(n.name, c.opts.components, 1)[0] : undefined);
    c.add('error', 'body-mdx-component', c.at(n.position), {
      title: n.name ? `MDX 报告不能用组件 ${shown}` : 'MDX 报告不能用 <>…</>',
      what: `正文写了 ${shown}。`,
      why: `报告正文只能用网站提供的组件 ${c.componentList()}；别的组件是程序，检查不了它会做什么。`,
      fix: guess
        ? `是不是想写 <${guess} …/>？组件名要一字不差，区分大小写。`
        : `删掉它，或改用 ${c.componentList()}。`,
    });
    return;
  }

  const props: Record<string, LiteralValue> = {};
  const literal = new Map<string, LiteralValue>();
  for (const a of n.attributes) {
    if (a.type === 'mdxJsxExpressionAttribute') {
      c.add('error', 'body-mdx-spread', c.at(a.position ?? n.position), {
        title: `${shown} 上不能写 {…} 展开属性`,
        what: `${shown} 上写了 {${clip(a.value)}}。`,
        why: '展开属性的值由程序算出，检查无法知道组件会收到什么，程序还会在构建网站时运行。',
        fix: '把每个属性直接写出来，如 metric="deposit_balance"、metrics={["deposit_balance", "loan_balance"]}。',
      });
      continue;
    }
    if (kind === 'component' && !PROP_NAME.test(a.name)) {
      c.add('error', 'body-mdx-prop', c.at(a.position ?? n.position), {
        title: `${shown} 上不能写 ${a.name}`,
        what: `${shown} 上写了 ${a.name}。`,
        why: '带冒号或连字符的属性是网站框架的指令（如 set:html 把任意 HTML 和脚本放进页面），不是组件的设置。',
        fix: `删掉 ${a.name}。`,
      });
      continue;
    }
    const lit = attributeLiteral(a);
    if (!lit.ok) {
      const expr = typeof a.value === 'object' && a.value ? a.value.value : '';
      c.add('error', 'body-mdx-prop', c.at(a.position ?? n.position), {
        title: `${shown} 的 ${a.name} 要直接写出值`,
        what: `${a.name} 写成了 {${clip(expr)}}，这是要由程序算出的值。`,
        why: 'MDX 里 {…} 是程序，会在构建网站时运行；组件和标签只接受直接写出的文字、数字或文字列表。',
        fix: `写成 ${a.name}="…"；多个值写成 ${a.name}={["…", "…"]}。`,
      });
      continue;
    }
    literal.set(a.name, lit.value);
    if (kind === 'component') props[a.name] = lit.value;
  }

  if (kind === 'component') {
    c.components.push({ name: tag, props, ...c.at(n.position), inline: n.type === 'mdxJsxTextElement' });
    return;
  }
  // Lowercase elements are judged by the allow-list (auditAllowList); images and links are collected here,
  // where their literal attributes are known.
  if (tag === 'img') {
    const src = literal.get('src');
    const alt = literal.get('alt');
    if (src !== undefined) c.images.push({ url: typeof src === 'string' ? src : '', alt: typeof alt === 'string' ? alt : '', ...c.at(n.position), syntax: 'jsx', local: false });
  } else if (tag === 'a') {
    const href = literal.get('href');
    if (typeof href === 'string') c.links.push({ url: href, ...c.at(n.position), external: false });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Raw HTML in a .md body: its images and links

function collectRawHtml(c: Collector, tree: HastRoot): void {
  const walk = (n: HastRoot | HastContent) => {
    if (n.type === 'element' && n.position && (n.tagName === 'img' || n.tagName === 'a')) {
      const key = `${n.position.start.line}:${n.position.start.column}`;
      const generated = n.properties.dataFootnoteRef !== undefined || n.properties.dataFootnoteBackref !== undefined;
      if (!c.markdownAt.has(key) && !generated) {
        if (n.tagName === 'img') {
          const src = n.properties.src;
          c.images.push({
            url: typeof src === 'string' ? src : '',
            alt: typeof n.properties.alt === 'string' ? n.properties.alt : '',
            ...c.at(n.position), syntax: 'html', local: false,
          });
        } else if (typeof n.properties.href === 'string') {
          c.links.push({ url: n.properties.href, ...c.at(n.position), external: false });
        }
      }
    }
    if ('children' in n) for (const k of n.children) walk(k);
  };
  walk(tree);
}

// ---------------------------------------------------------------------------------------------------------
// What the allow-list removes, found by running it

const AUDIT = 'showcaseAudit';

function auditAllowList(c: Collector, prepared: PreparedTree): void {
  const byId = new Map<number, Element>();
  let next = 0;
  const tag = (n: HastRoot | HastContent) => {
    if (n.type === 'element') {
      n.data = { ...n.data, [AUDIT]: ++next } as Element['data'];
      byId.set(next, n);
    }
    if ('children' in n) for (const k of n.children) tag(k);
  };
  tag(prepared.tree);

  const kept = new Map<number, Element>();
  const collect = (n: HastRoot | HastContent) => {
    if (n.type === 'element') {
      const id = (n.data as Record<string, unknown> | undefined)?.[AUDIT];
      if (typeof id === 'number') kept.set(id, n);
    }
    if ('children' in n) for (const k of n.children) collect(k);
  };
  collect(applyAllowList(prepared.tree));

  const strip = new Set(bodySchema.strip ?? []);
  const walk = (n: HastRoot | HastContent, insideDropped: boolean) => {
    let dropped = insideDropped;
    if (n.type === 'element') {
      const id = (n.data as Record<string, unknown>)[AUDIT] as number;
      const out = kept.get(id);
      const jsx = prepared.fromJsx.has(n);
      const explained = n.position !== undefined && c.skipAudit.has(`${n.position.start.line}:${n.position.start.column}`);
      if (explained) {
        // Reported already; its content is judged as usual.
      } else if (!out) {
        if (!insideDropped) removedElement(c, n, jsx, !strip.has(n.tagName));
        dropped = insideDropped || strip.has(n.tagName);
      } else if (!insideDropped) {
        const removed = removedProperties(n.properties, out.properties);
        if (removed.length > 0) removedAttributes(c, n, removed, jsx);
      }
    }
    if ('children' in n) for (const k of n.children) walk(k, dropped);
  };
  walk(prepared.tree, false);
}

function removedProperties(before: Properties, after: Properties): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(before)) {
    if (value === undefined || value === null || value === false) continue;
    const now = after[key];
    if (now === undefined || now === null) out.push(key);
    else if (Array.isArray(value) && (!Array.isArray(now) || now.length < value.length)) out.push(key);
  }
  return out;
}

function elementReason(tag: string): string {
  if (tag === 'script') return '<script> 是在读者浏览器里运行的程序，报告不能带程序。';
  if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal'].includes(tag)) {
    return '它把别的网页或插件嵌进页面：内网读者打不开，也可能带来程序。';
  }
  if (['form', 'button', 'input', 'select', 'textarea', 'option'].includes(tag)) return '表单会把读者填写的内容发到别处。';
  if (['meta', 'base', 'link', 'head', 'title'].includes(tag)) return '它会让整个页面跳转、改变网址的解析或加载别处的文件。';
  if (tag === 'style') return '样式由网站统一设置；<style> 还能从别的网站加载图片、盖住页面内容。';
  if (tag === 'svg' || tag === 'math') return `<${tag}> 里可以藏程序和外网地址；图片请存成 PNG 或 JPG 放进 images/ 文件夹，数字对比请用 <MetricChart>。`;
  if (['video', 'audio', 'picture', 'source', 'track', 'canvas'].includes(tag)) {
    return '它会从别处加载文件；网站只显示报告旁 images/ 文件夹里的图片。';
  }
  return '网站只保留正文常用的排版标签：标题、段落、列表、表格、强调、上下标、图片、链接、图和图注。';
}

function removedElement(c: Collector, el: Element, jsx: boolean, contentKept: boolean): void {
  const tag = el.tagName;
  if (jsx) {
    c.addRepeatable('error', 'body-mdx-element', c.at(el.position), {
      title: `MDX 报告不能用 <${tag}>`,
      what: `正文写了 <${tag}>。`,
      why: `${elementReason(tag)}MDX 报告只能用网站保留的 HTML 标签和组件 ${c.componentList()}。`,
      fix: `删掉 <${tag}>。${MARKDOWN_FIX}`,
    });
    return;
  }
  c.addRepeatable('warning', 'body-html-element', c.at(el.position), {
    title: `HTML 标签 <${tag}> 会被去掉`,
    what: contentKept
      ? `正文写了 <${tag}>，网站不显示这个标签，里面的文字照常显示。`
      : `正文写了 <${tag}>，网站把它连同里面的内容一起去掉。`,
    why: elementReason(tag),
    fix: `删掉这段 HTML。${MARKDOWN_FIX}`,
  });
}

function attributeName(key: string): string {
  return find(html, key).attribute;
}

function attributeReason(keys: readonly string[]): string {
  const reasons = new Set<string>();
  for (const k of keys) {
    if (/^on/i.test(k)) reasons.add('以 on 开头的属性是在读者浏览器里运行的程序。');
    else if (k === 'style') reasons.add('样式由网站统一设置；style 还能从别的网站加载图片、盖住页面内容。');
    else if (['href', 'src', 'action', 'formAction', 'cite', 'longDesc', 'srcSet', 'poster', 'data'].includes(k)) {
      reasons.add('地址只能是网页（http:// 或 https://）、站内地址或邮件地址；javascript:、data: 这样的地址会运行程序或伪装成别的网页。');
    } else reasons.add('网站只保留正文排版需要的属性（链接地址、图片说明、表格合并等）。');
  }
  return [...reasons].join('');
}

function schemeReason(url: string): string {
  const kind = classifyUrl(url);
  if (kind.kind === 'computer') return '这是你电脑上的文件位置，读者打不开。';
  if (kind.kind === 'scheme' && (kind.scheme === 'javascript' || kind.scheme === 'vbscript')) return '这种地址一点开就会运行程序。';
  if (kind.kind === 'scheme' && kind.scheme === 'data') return 'data: 地址把整个网页藏在链接里，可以伪装成别的网页、运行程序。';
  return '链接只能是网页地址（http:// 或 https://）、站内地址或邮件地址（mailto:）。';
}

function removedAttributes(c: Collector, el: Element, keys: string[], jsx: boolean): void {
  // An image address the allow-list drops (remote, data:, root, computer path) is already an error of its own.
  let ks = el.tagName === 'img' ? keys.filter((k) => k !== 'src') : keys;
  const tag = el.tagName;
  if (!jsx && tag === 'a' && ks.includes('href')) {
    const href = String(el.properties.href);
    c.addRepeatable('warning', 'body-link-unsafe', c.at(el.position), {
      title: '链接地址会被去掉',
      what: `链接地址是“${clip(href, 60)}”，网站去掉这个地址：文字照常显示，但点不了。`,
      why: schemeReason(href),
      fix: '改成读者能打开的网页地址，或删掉链接只留文字。',
    });
    ks = ks.filter((k) => k !== 'href');
  }
  if (ks.length === 0) return;
  const names = ks.map(attributeName);
  const written = ks.map((k) => {
    const v = el.properties[k];
    return v === true || v === '' ? attributeName(k) : `${attributeName(k)}="${clip(Array.isArray(v) ? v.join(' ') : String(v), 30)}"`;
  });
  if (jsx) {
    c.addRepeatable('error', 'body-mdx-attribute', c.at(el.position), {
      title: `MDX 报告里 <${tag}> 不能写 ${names.join('、')}`,
      what: `<${tag}> 上写了 ${written.join(' ')}。`,
      why: `${attributeReason(ks)}MDX 报告只能用网站保留的属性。`,
      fix: `删掉 ${names.join('、')}。`,
    });
    return;
  }
  c.addRepeatable('warning', 'body-html-attribute', c.at(el.position), {
    title: `<${tag}> 的 ${names.join('、')} 会被去掉`,
    what: `正文里的 <${tag}> 写了 ${written.join(' ')}，网站不保留${names.length > 1 ? '这些' : '这个'}属性。`,
    why: attributeReason(ks),
    fix: `删掉 ${names.join('、')}。`,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Images and links: nothing from another host

function checkImages(c: Collector): void {
  for (const img of c.images) {
    const kind = classifyUrl(img.url);
    const where = { line: img.line, column: img.column };
    const shown = clip(img.url, 60);
    switch (kind.kind) {
      case 'relative':
        img.local = true;
        img.path = localPath(img.url);
        if (img.syntax === 'html' || img.syntax === 'jsx') {
          c.add('error', 'body-image-html', where, {
            title: '用 HTML 写的图片在网站上显示不出来',
            what: `正文用 <img src="${shown}"> 插入图片。`,
            why: '网站只处理 Markdown 写法的图片（压缩、复制到网站里）；<img> 写的本地图片不会被复制，读者看到的是一个坏图。',
            fix: `改用 Markdown 写法：![图片说明](${img.url.trim() || './images/xxx.jpg'})。`,
          });
        }
        break;
      case 'remote':
        c.add('error', 'body-image-remote', where, {
          title: '图片在外网',
          what: `图片地址是“${shown}”（${kind.host}）。`,
          why: '内网读者打不开外网图片，页面也不能向其他网站发请求。',
          fix: IMAGE_FIX,
        });
        break;
      case 'scheme':
        if (kind.scheme === 'data') {
          c.add('error', 'body-image-data', where, {
            title: '图片直接写在了正文里',
            what: `图片地址是“${clip(img.url, 30)}”（data: 地址，图片内容写在地址里）。`,
            why: '网站的安全设置只显示站内的图片文件，data: 图片不会显示；它还会让页面和检索索引变得很大。',
            fix: IMAGE_FIX,
          });
        } else {
          c.add('error', 'body-image-url', where, {
            title: '图片地址不对',
            what: `图片地址是“${shown}”。`,
            why: `图片只能是报告旁边的文件，“${kind.scheme}:”这样的地址不是图片文件。`,
            fix: IMAGE_FIX,
          });
        }
        break;
      case 'computer':
        c.add('error', 'body-image-url', where, {
          title: '图片地址是你电脑上的位置',
          what: `图片地址是“${shown}”。`,
          why: '这是你电脑上的文件位置，网站和读者都看不到你的电脑。',
          fix: IMAGE_FIX,
        });
        break;
      case 'root':
        c.add('error', 'body-image-url', where, {
          title: '图片地址以 / 开头',
          what: `图片地址是“${shown}”。`,
          why: '以 / 开头的地址指向网站的根目录，不是报告所在的文件夹；网站部署在子路径下时也找不到它。',
          fix: IMAGE_FIX,
        });
        break;
      case 'empty':
        c.add('error', 'body-image-url', where, {
          title: '图片没有地址',
          what: '这张图片没有写文件地址。',
          why: '没有地址，读者看到的是一个坏图。',
          fix: IMAGE_FIX,
        });
        break;
    }
  }
}

function checkLinks(c: Collector): void {
  const own = siteHost(c.opts.site);
  for (const link of c.links) {
    if (c.opts.slug !== undefined) siteLink(c, link, c.opts.slug);
    const kind = classifyUrl(link.url);
    if (kind.kind !== 'remote' || (own !== undefined && kind.host === own)) continue;
    link.external = true;
    link.host = kind.host;
    c.add('warning', 'body-link-external', { line: link.line, column: link.column }, {
      title: '链接指向外网',
      what: `链接地址是“${clip(link.url, 60)}”（${kind.host}）。`,
      why: '内网读者多半打不开其他网站；构建结束时会列出全部外网链接。',
      fix: '确认读者能打开这个地址；打不开就换成内网地址，或删掉链接只留文字。',
    });
  }
}

/**
 * A link on the site, as every page showing the body will have it (resolved from the report's page): a report's
 * page is noted for the check across reports; a path inside a report's folder is no page at all.
 */
function siteLink(c: Collector, link: BodyLink, slug: string): void {
  const target = siteLinkTarget(link.url, slug);
  if (target?.report !== undefined && target.report !== slug) link.report = target.report;
  if (target?.inReport === undefined) return;
  c.add('error', 'body-link-report-path', { line: link.line, column: link.column }, {
    title: '链接指向的地址在网站上不存在',
    what: `链接“${clip(link.url, 60)}”在报告页上指向 reports/${target.inReport}/ 下面的“${decodeSafe(target.path.split('/').slice(2).join('/'))}”，网站上没有这个地址：报告旁边的文件（正文里的图片除外）不会放进网站。`,
    why: '读者在报告页、年度案例汇编和打印稿上点开它，看到的都是“找不到页面”。',
    fix: '链接另一份报告写成 ../报告文件名/（如 ../jiexiu-2025q1/）；图片用 ![图片说明](./images/xxx.jpg) 放进正文；其他附件请放到内网的文件服务器上再链接。',
  });
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
