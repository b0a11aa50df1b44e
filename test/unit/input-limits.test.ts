/**
 * Every input limit of src/lib/limits.ts, one test each: a file just over it is refused before it is parsed,
 * with a Chinese message that names the file and the limit; one at the limit is not refused for its size. The
 * commands exit as the README says (check: 1 for a report, 2 for a settings file; import: 2) and print no
 * stack trace. The README's table lists every limit with its value.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReportSource, parseYamlFile } from '../../src/lib/frontmatter.ts';
import { LIMITS, limitText } from '../../src/lib/limits.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { ContentConfigError, readContentConfig } from '../../src/node/content-config.ts';
import { readSource, SourceError } from '../../src/import/read.ts';
import { loadContent } from '../helpers/content.ts';
import { docx, packageParts, part, zip, zipBomb } from './support/docx.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STACK = /\n\s+at .+:\d+:\d+\)?\n|Error:|ReferenceError|RangeError/;
const VALID = readFileSync('test/fixtures/valid/jiexiu-2025q1.md', 'utf8');
const NOW = new Date('2026-01-01T00:00:00+08:00');

let n = 0;
/** A content folder of its own: the tests' data files and one report. */
function folder(report?: string, files: Record<string, string | Buffer> = {}): string {
  const dir = path.join(tmp, `c${++n}`);
  mkdirSync(path.join(dir, 'reports', 'images'), { recursive: true });
  for (const f of ['site.yaml', 'metrics.yaml', 'orgs.yaml']) copyFileSync(path.join('test/fixtures/content', f), path.join(dir, f));
  if (report !== undefined) writeFileSync(path.join(dir, 'reports', 'jiexiu-2025q1.md'), report);
  for (const [f, data] of Object.entries(files)) writeFileSync(path.join(dir, f), data);
  return dir;
}

async function problemsOf(report: string, files: Record<string, string | Buffer> = {}) {
  const dir = folder(report, files);
  return (await loadContent({ contentDir: dir, now: NOW })).problems;
}

function run(script: string, content: string, args: string[] = []) {
  const res = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, SHOWCASE_CONTENT: content } });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

/** The valid report with lines added to its frontmatter, or its body replaced. */
const withFrontmatter = (lines: string) => VALID.replace(/\n---\n/, `\n${lines}\n---\n`);

/** Nine levels of nine aliases: 387 million values when expanded. */
function aliasBomb(): string {
  const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) levels.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return levels.join('\n');
}

describe('YAML aliases', () => {
  it('an alias bomb in a report is one problem naming the file and the limit, and npm run check exits 1 without a stack trace', async () => {
    const bomb = withFrontmatter(aliasBomb());
    const problems = await problemsOf(bomb);
    expect(problems.map((p) => p.code)).toEqual(['yaml-alias-limit']);
    expect(problems[0]!.file).toBe('reports/jiexiu-2025q1.md');
    expect(problems[0]!.what).toContain(limitText(LIMITS.yamlAliases));
    const { code, out } = run('scripts/check.ts', folder(bomb));
    expect(out).toContain('reports/jiexiu-2025q1.md:');
    expect(out).toContain('YAML 别名太多');
    expect(out).not.toMatch(STACK);
    expect(code).toBe(1);
  });

  it('more aliases than the limit are refused before they are expanded; as many as the limit are not', () => {
    const aliases = (k: number) => `---\ntitle: &t 标题\nx: [${Array(k).fill('*t').join(', ')}]\n---\n正文。\n`;
    const over = parseReportSource(aliases(LIMITS.yamlAliases.value + 1), 'reports/a.md');
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.problems.map((p) => p.code)).toEqual(['yaml-alias-limit']);
      expect(over.problems[0]!.what).toContain(`写了 ${LIMITS.yamlAliases.value + 1} 个别名`);
    }
    expect(parseReportSource(aliases(LIMITS.yamlAliases.value), 'reports/a.md').ok).toBe(true);
  });

  it('an alias bomb in metrics.yaml: npm run check names the file and exits 2 without a stack trace', () => {
    const dir = folder(VALID, { 'metrics.yaml': `${readFileSync('test/fixtures/content/metrics.yaml', 'utf8')}\n${aliasBomb()}\n` });
    expect(() => readContentConfig({ contentDir: dir, projectContentDir: dir })).toThrow(ContentConfigError);
    const { code, out } = run('scripts/check.ts', dir);
    expect(out).toContain('metrics.yaml:');
    expect(out).toContain('YAML 别名太多');
    expect(out).not.toMatch(STACK);
    expect(code).toBe(2);
  });
});

describe('sizes of reports and settings files', () => {
  // `---\n<yaml>\n---\n<body>`: the frontmatter is the YAML with its last newline.
  const file = (yamlChars: number, body: string) => {
    const head = 'title: 标题\n#';
    return `---\n${head}${'x'.repeat(yamlChars - head.length - 1)}\n---\n${body}`;
  };

  it('frontmatter: one character over the limit is refused with the limit named, at the limit it is read', () => {
    const at = parseReportSource(file(LIMITS.frontmatterChars.value, '正文。'), 'reports/a.md');
    expect(at.ok).toBe(true);
    const over = parseReportSource(file(LIMITS.frontmatterChars.value + 1, '正文。'), 'reports/a.md');
    expect(over.ok ? [] : over.problems.map((p) => p.code)).toEqual(['frontmatter-too-large']);
    if (!over.ok) {
      expect(over.problems[0]!.file).toBe('reports/a.md');
      expect(over.problems[0]!.what).toContain(limitText(LIMITS.frontmatterChars));
    }
  });

  it('body: one character over the limit is refused with the limit named, at the limit it is read', () => {
    expect(parseReportSource(file(100, 'x'.repeat(LIMITS.bodyChars.value)), 'reports/a.md').ok).toBe(true);
    const over = parseReportSource(file(100, 'x'.repeat(LIMITS.bodyChars.value + 1)), 'reports/a.md');
    expect(over.ok ? [] : over.problems.map((p) => p.code)).toEqual(['body-too-large']);
    if (!over.ok) expect(over.problems[0]!.what).toContain(limitText(LIMITS.bodyChars));
  });

  it('a 50 MB body is refused within seconds, before the Markdown is parsed', { timeout: 30_000 }, async () => {
    const body = '今年以来，该行坚持以党建统领全局，推动党建与经营深度融合。\n\n'.padEnd(100, 'x').repeat(500_000);
    const t0 = performance.now();
    const problems = await problemsOf(`${VALID}\n${body}`);
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(problems.map((p) => p.code)).toEqual(['body-too-large']);
    expect(formatProblem(problems[0]!)).toContain('reports/jiexiu-2025q1.md');
  });

  it('a settings file over the limit is refused before it is parsed: npm run check exits 2', () => {
    const big = `${readFileSync('test/fixtures/content/orgs.yaml', 'utf8')}\n# ${'x'.repeat(LIMITS.dataFileChars.value)}\n`;
    const parsed = parseYamlFile(big, 'orgs.yaml', '机构名录 orgs.yaml');
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.code)).toEqual(['data-too-large']);
    const { code, out } = run('scripts/check.ts', folder(VALID, { 'orgs.yaml': big }));
    expect(out).toContain('orgs.yaml');
    expect(out).toContain(limitText(LIMITS.dataFileChars));
    expect(out).not.toMatch(STACK);
    expect(code).toBe(2);
  });
});

/** A PNG that is only its header: the dimensions are read, nothing can be decoded. */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

describe('image dimensions, read from the header', () => {
  const withImages = (cover: string, body: string) => `${withFrontmatter(`cover:\n  src: ./images/${cover}\n  alt: 营业大厅`)}\n![大厅](./images/${body})\n`;
  const check = (cover: [number, number], body: [number, number]) =>
    problemsOf(withImages('cover.png', 'body.png'), { 'reports/images/cover.png': pngHeader(...cover), 'reports/images/body.png': pngHeader(...body) });

  it('at the limits both pass', async () => {
    const side = LIMITS.imageSide.value;
    expect((await check([side, 100], [7000, Math.floor(LIMITS.imagePixels.value / 7000)])).map(formatProblem)).toEqual([]);
  });

  it('a cover wider than the limit, a body image with more pixels than the limit: one problem each, naming the limit', async () => {
    const problems = await check([LIMITS.imageSide.value + 1, 100], [8000, 8000]);
    expect(problems.map((p) => [p.code, p.field])).toEqual([['cover-too-large', 'cover.src'], ['image-too-large', '正文']]);
    expect(problems[0]!.what).toContain(limitText(LIMITS.imageSide));
    expect(problems[1]!.what).toContain(limitText(LIMITS.imagePixels));
    for (const p of problems) expect(p.file).toBe('reports/jiexiu-2025q1.md');
  });
});

describe('files to import', () => {
  const save = (name: string, data: Buffer | string) => {
    const f = path.join(tmp, name);
    writeFileSync(f, data);
    return f;
  };
  const refusal = async (file: string): Promise<string> => {
    try {
      await readSource(file);
    } catch (e) {
      expect(e).toBeInstanceOf(SourceError);
      return (e as Error).message;
    }
    throw new Error(`${file} was read`);
  };

  it('a Word file whose document.xml unpacks to 600 MB is refused in well under a second; npm run import exits 2', async () => {
    const file = save('bomb.docx', zipBomb(600));
    const t0 = performance.now();
    const message = await refusal(file);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(message).toContain('bomb.docx');
    expect(message).toContain('word/document.xml');
    expect(message).toContain(limitText(LIMITS.docxEntryBytes));
    const { code, out } = run('scripts/import.ts', folder(), [file]);
    expect(out).toContain('压缩炸弹');
    expect(out).not.toMatch(STACK);
    expect(code).toBe(2);
  });

  it('a part packed more tightly than the limit is refused', async () => {
    const message = await refusal(save('tight.docx', zipBomb(2)));
    expect(message).toContain(limitText(LIMITS.docxRatio));
  });

  it('more parts than the limit are refused', async () => {
    const media = Array.from({ length: LIMITS.docxEntries.value }, (_, i) => part(`word/media/image${i}.png`, 'x'));
    expect(await refusal(save('parts.docx', docx(['正文。'], media)))).toContain(limitText(LIMITS.docxEntries));
  });

  it('parts adding up to more than the limit are refused from the directory alone', async () => {
    const size = 60 * 1024 * 1024;
    const big = Array.from({ length: 5 }, (_, i) => ({ ...part(`word/media/image${i}.png`, 'x'), size, packed: size }));
    const message = await refusal(save('total.docx', zip([...packageParts(), ...big])));
    expect(message).toContain(limitText(LIMITS.docxTotalBytes));
  });

  it('a part that unpacks to more than its directory says is refused after its stated size', async () => {
    const file = save('liar.docx', zipBomb(600, 1));
    const t0 = performance.now();
    expect(await refusal(file)).toContain('比文件自己记录的大小');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('a Word file cut short or without its text gets a Chinese message; npm run import exits 2', async () => {
    const whole = readFileSync('test/fixtures/import/word-taiyuan.docx');
    const cut = save('cut.docx', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await refusal(cut)).toContain('不完整');
    const { code, out } = run('scripts/import.ts', folder(), [cut]);
    expect(out).toContain('cut.docx 不完整');
    expect(out).not.toMatch(STACK);
    expect(code).toBe(2);
    const empty = save('empty.docx', zip([...packageParts(), part('word/other.xml', '<x/>')]));
    expect(await refusal(empty)).toContain('读不出 empty.docx 里的文字');
  });

  it('a file larger than the limit is refused before it is read', async () => {
    const file = save('huge.txt', '');
    truncateSync(file, LIMITS.importFileBytes.value + 1);
    expect(await refusal(file)).toContain(limitText(LIMITS.importFileBytes));
  });

  it('text over the limit is refused; at the limit it is read', async () => {
    const line = '今年以来，该行坚持以党建统领全局。\n';
    const text = (chars: number) => line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
    expect(await refusal(save('long.txt', text(LIMITS.importTextChars.value + 1)))).toContain(limitText(LIMITS.importTextChars));
    expect((await readSource(save('ok.txt', text(LIMITS.importTextChars.value)))).doc.lines.length).toBeGreaterThan(0);
  });
});

describe('README', () => {
  it('its table of limits lists every limit with its value', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const limit of Object.values(LIMITS)) expect(readme).toContain(`| ${limit.what} | ${limitText(limit)} |`);
  });
});
