/**
 * Reads a report's frontmatter the way an author wrote it: YAML 1.2 (so `yes`/`no` stay words and 2025-13-01
 * stays text for the date check to explain), with the position of every field so each problem can name the
 * line and column. Catches the mistakes of text pasted from Word or a web page before YAML does, because
 * YAML's own messages ("Implicit keys need to be followed by map values") help no writer.
 *
 * The one place a report's frontmatter is split from its body, for whatever reads or edits a report file:
 * gray-matter finds the two --- lines, with the `yaml` package as its engine so the Document keeps every line
 * number and comment.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import matter from 'gray-matter';
import { amountText, LIMITS, limitText } from './limits.ts';
import type { Problem } from './problems.ts';

export interface ParsedSource {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts in the file. */
  bodyLine: number;
  /**
   * Where the YAML is in the text as given (a BOM counted): from the line after the opening --- up to and with
   * the line break before the closing one. For edits that rewrite the frontmatter in place.
   */
  yamlSpan: { start: number; end: number };
  /** Position of a field path such as ['metrics', 2, 'unit'] (value) or of its key with `{ key: true }`. */
  locate: (path: readonly (string | number)[], opts?: { key?: boolean }) => { line: number; column: number } | undefined;
  /** The raw source text of a scalar at path, e.g. `1e3` for a value YAML read as 1000. */
  sourceOf: (path: readonly (string | number)[]) => string | undefined;
}

export type ParseOutcome = { ok: true; source: ParsedSource } | { ok: false; problems: Problem[] };

const YAML_MESSAGES: Partial<Record<string, { title: string; fix: string }>> = {
  DUPLICATE_KEY: { title: '同一个字段写了两次', fix: '删掉重复的那一行，只保留一个。' },
  BAD_INDENT: { title: '缩进不对', fix: '同一层的字段左边对齐；列表项用“- ”开头，下一层比上一层多两个空格。' },
  TAB_AS_INDENT: { title: '用了 Tab 缩进', fix: '把行首的 Tab 换成两个空格。' },
  MISSING_CHAR: { title: '少了配对的符号', fix: '检查引号、方括号 [ ] 是否成对，冒号后是否有空格。' },
  MULTILINE_IMPLICIT_KEY: { title: '字段名不能跨行', fix: '把字段名和冒号写在同一行，如“title: 标题”。' },
  BLOCK_AS_IMPLICIT_KEY: { title: '字段名后面缺少冒号', fix: '每一行写成“字段名: 内容”，冒号是半角的“:”，后面跟一个空格。' },
  UNEXPECTED_TOKEN: { title: '出现了意外的符号', fix: '检查这一行的冒号、引号、方括号；含冒号的文字请用引号括起来。' },
  BAD_SCALAR_START: { title: '内容不能以这个符号开头', fix: '以 @、`、%、*、& 等符号开头的内容请用引号括起来。' },
  BAD_DQ_ESCAPE: { title: '双引号里的反斜杠写法不对', fix: '去掉反斜杠，或改用单引号。' },
};

function lineColOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: index - last };
}

/**
 * Lines a writer pasted from Word or a web page: full-width colon after a field name, tab or full-width-space
 * indentation, smart quotes around a value. Checked before YAML so the author gets one precise message.
 */
function lintLines(yamlText: string, firstLine: number, file: string): Problem[] {
  const problems: Problem[] = [];
  const lines = yamlText.split('\n');
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const text = raw.replace(/\r$/, '');
    const tab = /^[ ]*\t/.exec(text);
    if (tab) {
      problems.push({
        severity: 'error', code: 'yaml-tab', file, line, column: tab[0].length,
        title: '用了 Tab 缩进',
        what: `第 ${line} 行行首有 Tab 字符。`,
        why: 'YAML 只认空格缩进，Tab 会让整段信息读不出来。',
        fix: '把行首的 Tab 换成两个空格（同一层对齐）。',
      });
      return;
    }
    const ideo = /^[ ]*\u3000/.exec(text);
    if (ideo) {
      problems.push({
        severity: 'error', code: 'yaml-fullwidth-space', file, line, column: ideo[0].length,
        title: '用了全角空格缩进',
        what: `第 ${line} 行行首有全角空格“　”。`,
        why: '全角空格看起来和普通空格一样，但 YAML 不认它作缩进。',
        fix: '删掉行首的全角空格，改用半角空格缩进。',
      });
      return;
    }
    // A flow list or quoted value left open: YAML only notices lines later and blames the wrong line.
    const open = /^(\s*(?:-\s+)?[A-Za-z_]\w*:\s+)([\["'])(.*)$/.exec(text);
    if (open) {
      const [, lead, opener, rest] = open;
      const closer = opener === '[' ? ']' : opener!;
      // Any closing quote on the line closes it (a # inside the quotes, as in '#b4232a', is not a comment).
      const unclosed = !rest!.includes(closer);
      if (unclosed) {
        problems.push({
          severity: 'error', code: opener === '[' ? 'yaml-unclosed-bracket' : 'yaml-unclosed-quote', file, line, column: lead!.length + 1,
          title: opener === '[' ? '方括号没有闭合' : '引号没有闭合',
          what: `第 ${line} 行以“${opener}”开头，但这一行没有对应的“${closer}”。`,
          why: '没有闭合的括号或引号会把后面几行都吞进去，整段信息都读不出来。',
          fix: opener === '[' ? '在这一行末尾补上“]”，如 themes: [党建引领, 普惠金融]。' : `在这一行末尾补上“${closer}”。`,
        });
        return;
      }
    }
    const colon = /^(\s*(?:-\s+)?)([A-Za-z_][\w]*)\s*：/.exec(text);
    if (colon && !/^\s*(?:-\s+)?[A-Za-z_][\w]*\s*:/.test(text)) {
      problems.push({
        severity: 'error', code: 'yaml-fullwidth-colon', file, line, column: colon[0].length,
        title: '字段名后用了全角冒号',
        what: `第 ${line} 行“${colon[2]}”后面是全角冒号“：”。`,
        why: '字段名和内容之间必须是半角冒号“:”，否则整行会被当成一段文字。',
        fix: `改成“${colon[2]}: ”（半角冒号后加一个空格）。`,
      });
    }
  });
  return problems;
}

/**
 * gray-matter's engine for the `yaml` block: the `yaml` package's Document instead of js-yaml's plain data, so
 * every node keeps its line and column and comments stay in the Document. gray-matter hands the block over from
 * the rest of the opening line on, so the Document's lines are the file's lines; it ends the block before the
 * line break of its last line, which is put back (else a CRLF file's last value would keep its "\r").
 */
interface YamlBlock {
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

function parseYaml(block: string): YamlBlock {
  const text = `${block}\n`;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, lineCounter });
  return { text, doc, lineCounter };
}

/**
 * Always passed: gray-matter keeps every input it was given without options in a cache for the life of the
 * process (matter.cache, keyed by the whole text), which would hold every report a dev server has seen.
 */
const MATTER_OPTIONS = { engines: { yaml: parseYaml } };
const OPENING = '---';
const CLOSING = '\n---';

/** A report file split by gray-matter, or why it has no frontmatter gray-matter could split off. */
type Split =
  | { found: 'none' }
  | { found: 'unclosed' }
  | { found: 'beyond-limit' }
  | { found: 'bad-close'; closeAt: number; closeLine: string }
  | { found: 'block'; matter: string; block?: YamlBlock; body: string; bodyStart: number };

function splitFrontmatter(src: string): Split {
  // gray-matter reads any word after the opening --- as the block's language (---json); a report's has none.
  if (!matter.test(src) || !/^[ \t]*$/.test(matter.language(src).raw)) return { found: 'none' };
  // gray-matter is handed no more of the file than a frontmatter within the limit reaches: it looks for the
  // closing line only after stripping comments with a regular expression whose time grows with the square of a
  // run of blank lines, and with no closing line its block would be the whole file. The reach ends after the
  // closing line's "\r\n" of a block one character over the limit.
  const reach = src.indexOf('\n') + 1 + LIMITS.frontmatterChars.value + CLOSING.length + 2;
  const head = src.length > reach ? src.slice(0, reach) : src;
  const file = matter(head, MATTER_OPTIONS);
  // With no closing line gray-matter takes everything after the opening --- as the block.
  if (OPENING.length + file.matter.length === head.length) return head === src ? { found: 'unclosed' } : { found: 'beyond-limit' };
  // gray-matter closes the block at the first line that starts with ---, and leaves what follows the dashes on
  // that line (spaces, or the rest of ---- or ---x) at the start of the body.
  const closeEnd = OPENING.length + file.matter.length + CLOSING.length;
  let bodyStart = head.length - file.content.length;
  const rest = bodyStart === closeEnd ? /^[^\n]*/.exec(file.content)![0] : '';
  if (rest.trim() !== '') return { found: 'bad-close', closeAt: closeEnd - OPENING.length, closeLine: `${OPENING}${rest.trim()}` };
  if (rest !== '') bodyStart = Math.min(src.length, bodyStart + rest.length + 1);
  // A block of only blank lines and comments is not handed to the engine: its data is then {}.
  const block = 'doc' in file.data ? (file.data as YamlBlock) : undefined;
  return { found: 'block', matter: file.matter, block, body: src.slice(bodyStart), bodyStart };
}

export function parseReportSource(text: string, file: string): ParseOutcome {
  const problem = (p: Omit<Problem, 'file' | 'severity'> & Partial<Pick<Problem, 'severity'>>): ParseOutcome => ({
    ok: false,
    problems: [{ severity: 'error', file, ...p }],
  });
  if (text.trim() === '') {
    return problem({
      code: 'file-empty', line: 1, column: 1,
      title: '文件是空的',
      what: '这个报告文件里什么都没有。',
      fix: '按 README 中的示例写好开头的 --- 信息块和正文；不需要的文件请删除。',
    });
  }
  const src = text.replace(/^\uFEFF/, '');
  const split = splitFrontmatter(src);
  if (split.found === 'none') {
    return problem({
      code: 'frontmatter-missing', line: 1, column: 1,
      title: '缺少开头的信息块',
      what: '文件第一行不是“---”。',
      why: '报告的标题、机构、日期和数字写在文件开头两行“---”之间，构建靠它识别报告。',
      fix: '在文件最前面加一行“---”，写好 title、summary、org、date、themes、metrics 等字段，再加一行“---”，下面接正文。',
    });
  }
  if (split.found === 'unclosed') {
    return problem({
      code: 'frontmatter-unclosed', line: 1, column: 1,
      title: '信息块没有结束',
      what: '开头有“---”，但后面找不到结束的“---”。',
      fix: '在最后一个字段（通常是 metrics）之后、正文之前单独加一行“---”。',
    });
  }
  if (split.found === 'bad-close') {
    const { line, column } = lineColOf(src, split.closeAt);
    return problem({
      code: 'frontmatter-close-line', line, column,
      title: '信息块的结束行多了字',
      what: `第 ${line} 行“${split.closeLine}”以“---”开头，被当成了信息块的结束行，但这一行除了“---”还有别的字。`,
      why: '信息块到第一个以“---”开头的行就结束，这一行后面的字段会被当成正文。',
      fix: '结束信息块的一行只写“---”；信息块里别的行不要以“---”开头，需要分隔时空一行即可。',
    });
  }
  const tooLarge = (what: string) => problem({
    code: 'frontmatter-too-large', line: 1, column: 1,
    title: '开头的信息块太长',
    what,
    why: '信息块只写标题、机构、日期、主题和数字，几十个数字也只有几千个字符；这么长多半是漏了结束的“---”，把正文当成了信息块，或粘进了别的文件。',
    fix: '检查信息块结束处是否有单独一行“---”；正文写在它下面。',
  });
  if (split.found === 'beyond-limit') {
    return tooLarge(`开头的“---”之后 ${limitText(LIMITS.frontmatterChars)}以内没有结束的“---”：信息块超过了上限 ${limitText(LIMITS.frontmatterChars)}，或者漏了结束的“---”。`);
  }
  // The block as gray-matter hands it over starts with the rest of the opening line; the lines between the two
  // --- lines, each with its line break, are what the limit counts.
  const yamlText = split.matter.slice(split.matter.indexOf('\n') + 1);
  const yamlChars = yamlText.length + 1;
  const { body } = split;
  const yamlFirstLine = 2;
  const bodyLine = lineColOf(src, split.bodyStart).line;

  // Sizes first: what is too large is refused before it is checked or Markdown spends time on it.
  if (yamlChars > LIMITS.frontmatterChars.value) {
    return tooLarge(`两行“---”之间有 ${amountText(yamlChars, 'chars')}，上限是 ${limitText(LIMITS.frontmatterChars)}。`);
  }
  if (body.length > LIMITS.bodyChars.value) {
    return problem({
      code: 'body-too-large', line: bodyLine, column: 1,
      title: '正文太长',
      what: `正文有 ${amountText(body.length, 'chars')}，上限是 ${limitText(LIMITS.bodyChars)}。`,
      why: '一份报告的正文通常只有几千字；这么长的正文检查和构建都要很久，读者也读不完，多半是粘进了别的文件。',
      fix: '删掉不属于这份报告的内容；确实很长的材料请拆成几份报告。',
    });
  }
  const lint = lintLines(yamlText, yamlFirstLine, file);
  if (lint.length > 0) return { ok: false, problems: lint };
  if (yamlText.trim() === '') {
    return problem({ code: 'frontmatter-missing', line: 1, column: 1, title: '信息块是空的', what: '两行“---”之间没有内容。', fix: '写上 title、summary、org、date、themes 等字段。' });
  }
  if (!split.block) {
    return problem({ code: 'frontmatter-empty', line: yamlFirstLine, column: 1, title: '信息块是空的', what: '两行“---”之间没有内容。', fix: '写上 title、summary、org、date、themes 等字段。' });
  }
  const { doc, lineCounter, text: blockText } = split.block;
  const read = readYaml(doc, lineCounter, blockText, 0, file);
  if (!read.ok) return read;
  const data = read.source.data as unknown;
  if (data === null || data === undefined) {
    return problem({ code: 'frontmatter-empty', line: yamlFirstLine, column: 1, title: '信息块是空的', what: '两行“---”之间没有内容。', fix: '写上 title、summary、org、date、themes 等字段。' });
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return problem({
      code: 'frontmatter-not-map', line: yamlFirstLine, column: 1,
      title: '信息块的格式有误',
      what: '两行“---”之间应是一行一个“字段名: 内容”，这里读到的不是这种格式。',
      fix: '每行写成“字段名: 内容”，冒号用半角并在后面加空格，如“title: 介休农商银行…”。',
    });
  }
  const bom = text.length - src.length;
  const yamlEnd = bom + OPENING.length + split.matter.length + 1;
  const yamlSpan = { start: yamlEnd - yamlText.length - 1, end: yamlEnd };
  return { ok: true, source: { ...read.source, data: data as Record<string, unknown>, body, bodyLine, yamlSpan } };
}

export interface YamlSource {
  data: unknown;
  locate: ParsedSource['locate'];
  sourceOf: ParsedSource['sourceOf'];
}

/**
 * A whole YAML data file (site.yaml, metrics.yaml, orgs.yaml) read the same way as a report's frontmatter: YAML
 * 1.2, duplicate keys refused, every node's line known, problems in Chinese.
 */
export function parseYamlFile(text: string, file: string, label: string): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  if (text.length > LIMITS.dataFileChars.value) {
    return {
      ok: false,
      problems: [{
        severity: 'error', code: 'data-too-large', file, line: 1, column: 1,
        title: `${label}太大`,
        what: `这个文件有 ${amountText(text.length, 'chars')}，上限是 ${limitText(LIMITS.dataFileChars)}。`,
        why: '设置、指标目录和机构名录即使列出一个省的全部机构也不到这个大小；这么大多半是粘进了别的文件。',
        fix: '删掉不属于这个文件的内容，对照 README 的示例检查格式。',
      }],
    };
  }
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lint = lintLines(clean, 1, file);
  if (lint.length > 0) return { ok: false, problems: lint };
  const lineCounter = new LineCounter();
  const doc = parseDocument(clean, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, lineCounter });
  return readYaml(doc, lineCounter, clean, 0, file, label);
}

/** Errors of a parsed YAML document as problems, or its data with a locator for every field path. */
function readYaml(doc: Document.Parsed, lineCounter: LineCounter, yamlText: string, offsetLine: number, file: string, where = '开头信息块'): { ok: true; source: YamlSource } | { ok: false; problems: Problem[] } {
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.slice(0, 3).map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        const known = YAML_MESSAGES[e.code];
        const line = pos.line + offsetLine;
        const sourceLine = yamlText.split('\n')[pos.line - 1]?.trim() ?? '';
        const duplicate = e.code === 'DUPLICATE_KEY' ? /^\s*([^:]+):/.exec(sourceLine)?.[1] : undefined;
        return {
          severity: 'error' as const,
          code: `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`,
          file,
          line,
          column: pos.col,
          title: known?.title ?? '信息块的格式有误',
          what: duplicate ? `第 ${line} 行又写了一次字段“${duplicate}”。` : `第 ${line} 行${sourceLine ? `“${sourceLine}”` : ''}无法读取。`,
          why: `${where}用的是 YAML 格式：每行“字段名: 内容”，列表项以“- ”开头，靠空格缩进表示层级。`,
          fix: known?.fix ?? '对照 README 中的示例检查这一行及上一行的冒号、引号和缩进。',
        };
      }),
    };
  }
  // Aliases are counted before they are expanded: nested ones multiply (an alias bomb), and yaml's own guard
  // throws an English ReferenceError. Its count of expanded nodes uses the same limit (plus one: yaml counts the
  // anchored node itself as a use).
  const aliases = countAliases(doc);
  let data: unknown;
  try {
    data = aliases.count > LIMITS.yamlAliases.value ? undefined : doc.toJS({ maxAliasCount: LIMITS.yamlAliases.value + 1 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    aliases.expanded = true;
  }
  if (aliases.count > LIMITS.yamlAliases.value || aliases.expanded) {
    const pos = aliases.first === undefined ? { line: 1, col: 1 } : lineCounter.linePos(aliases.first);
    return {
      ok: false,
      problems: [{
        severity: 'error', code: 'yaml-alias-limit', file, line: pos.line + offsetLine, column: pos.col,
        title: 'YAML 别名太多',
        what: aliases.expanded
          ? `别名（“*名称”）层层引用，展开后超过了上限 ${limitText(LIMITS.yamlAliases)}。`
          : `写了 ${aliases.count} 个别名（“*名称”），上限是 ${limitText(LIMITS.yamlAliases)}。`,
        why: '别名把“&名称”处的内容复制到别处，层层引用时一行就能变成上亿个值，检查和构建会因此卡住或崩溃。',
        fix: '不要用“&名称”“*名称”，把内容直接写出来。',
      }],
    };
  }
  const firstLine = offsetLine + 1;
  const nodeAt = (path: readonly (string | number)[]): { node?: Node | null; pair?: Pair } => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const found = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!found) return { pair };
        pair = found as Pair;
        node = found.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        pair = undefined;
      } else {
        return { pair };
      }
    }
    return { node: node as Node | null, pair };
  };
  const toPos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + offsetLine, column: p.col };
  };
  return {
    ok: true,
    source: {
      data,
      locate(path, opts) {
        // A missing field is reported at its parent; walking up keeps every problem attached to a real line.
        for (let n = path.length; n >= 0; n--) {
          const { node, pair } = nodeAt(path.slice(0, n));
          if (opts?.key && n === path.length && pair && isScalar(pair.key) && pair.key.range) return toPos(pair.key.range[0]);
          if (node && node.range) return toPos(node.range[0]);
          if (pair && isScalar(pair.key) && pair.key.range) return toPos(pair.key.range[0]);
        }
        return { line: firstLine, column: 1 };
      },
      sourceOf(path) {
        const { node } = nodeAt(path);
        if (isScalar(node) && node.range) return yamlText.slice(node.range[0], node.range[1]).trim();
        return undefined;
      },
    },
  };
}

/** Alias nodes (*name) of a document, and where the first one is. */
function countAliases(doc: Document.Parsed): { count: number; first?: number; expanded?: boolean } {
  const out: { count: number; first?: number } = { count: 0 };
  visit(doc, {
    Alias(_, node) {
      out.count++;
      if (out.first === undefined && node.range) out.first = node.range[0];
    },
  });
  return out;
}
