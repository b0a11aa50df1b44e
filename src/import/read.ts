/**
 * Reading what writers hand in: Word files (.docx, through mammoth: headings, bold, lists, images), text
 * files in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16, Markdown, and standard input. The encoding is
 * detected (src/lib/encoding.ts, the rule the report check uses too), converted and reported, never guessed
 * silently.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { Parser } from 'htmlparser2';
import type { SourceDoc, SourceLine } from '../lib/import/layout.ts';
import { sniffText } from '../lib/encoding.ts';
import type { Encoding } from '../lib/import/report.ts';
import { amountText, DOCX_RATIO_FROM_BYTES, LIMITS, limitText } from '../lib/limits.ts';
import { zipFault, type ZipFault } from './zip.ts';

export interface SourceImage {
  bytes: Buffer;
  /** jpg, png, gif, webp … */
  ext: string;
}

export interface ReadSource {
  name: string;
  encoding: Encoding;
  doc: SourceDoc;
  images: Map<string, SourceImage>;
}

export class SourceError extends Error {}

function isDocx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && Buffer.from(bytes.subarray(0, 4000)).includes('word/');
}

/** Markdown as written: # headings, lists, **bold**, images; paragraphs are separated by blank lines. */
export function markdownToSource(text: string): SourceDoc {
  const lines: SourceLine[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length > 0) lines.push({ text: para.join(''), style: 'p' }, { text: '' });
    para = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const l = raw.trim();
    const h = /^(#{1,6})\s+(.*)$/.exec(l);
    if (!l) flush();
    else if (h) {
      flush();
      lines.push({ text: h[2]!.replace(/\*\*/g, ''), style: h[1]!.length === 1 ? 'h1' : 'h2' });
    } else if (/^([-*+]|\d+[.、)])\s+/.test(l)) {
      flush();
      lines.push({ text: l.replace(/^([-*+]|\d+[.、)])\s+/, '').replace(/\*\*/g, ''), style: 'li' });
    } else if (/^!\[[^\]]*\]\([^)]*\)$/.test(l)) {
      flush();
    } else para.push(l.replace(/\*\*(.+?)\*\*/g, '$1').replace(/^\*\*|\*\*$/g, '').replace(/^>\s?/, ''));
  }
  flush();
  return { lines, structured: true };
}

const REBUILD = '请在 Word 或 WPS 里打开它，另存为新的 .docx 后再导入';

/** A Word file that must not be unpacked, in the writer's words. */
function zipMessage(name: string, f: ZipFault): string {
  const bomb = `这样的文件多半已损坏，或是为了拖垮程序而构造的（“压缩炸弹”），没有解压。${REBUILD}；文章确实很长时分成几个文件。`;
  switch (f.kind) {
    case 'truncated':
      return `${name} 不完整：文件在中途被截断了（可能没有下载完或复制完）。请重新下载或复制这个文件；手头只有这一份时，${REBUILD}。`;
    case 'corrupt':
      return `${name} 已损坏${f.name ? `（其中的“${f.name}”读不出来）` : ''}，不能当作 Word 文件读取。${REBUILD}。`;
    case 'entries':
      return `${name} 里有 ${amountText(f.count, 'count')}部件，上限是 ${limitText(LIMITS.docxEntries)}（正常的 Word 文件只有几十个，每张图片一个）。${bomb}`;
    case 'entry-size':
      return `${name} 里的“${f.name}”解压后有 ${amountText(f.size, 'bytes')}，每个部件的上限是 ${limitText(LIMITS.docxEntryBytes)}。${bomb}`;
    case 'ratio':
      return `${name} 里的“${f.name}”压缩了 ${Math.round(f.ratio).toLocaleString('en-US')} 倍（解压后 ${amountText(f.size, 'bytes')}），上限是 ${limitText(LIMITS.docxRatio)}。${bomb}`;
    case 'total':
      return `${name} 解压后合计 ${amountText(f.size, 'bytes')}，上限是 ${limitText(LIMITS.docxTotalBytes)}。${bomb}`;
    case 'understated':
      return `${name} 里的“${f.name}”解压后比文件自己记录的大小（${amountText(f.size, 'bytes')}）还大。${bomb}`;
  }
}

/** Refuses, before anything is unpacked, a Word file whose parts are too many, too large or packed too tightly. */
export function checkDocx(bytes: Uint8Array, name: string): void {
  const fault = zipFault(bytes, {
    entries: LIMITS.docxEntries.value,
    entryBytes: LIMITS.docxEntryBytes.value,
    totalBytes: LIMITS.docxTotalBytes.value,
    ratio: LIMITS.docxRatio.value,
    ratioFrom: DOCX_RATIO_FROM_BYTES,
  });
  if (fault) throw new SourceError(zipMessage(name, fault));
}

function checkTextSize(chars: number, name: string): void {
  if (chars > LIMITS.importTextChars.value) {
    throw new SourceError(`${name} 里的文字有 ${amountText(chars, 'chars')}，上限是 ${limitText(LIMITS.importTextChars)}（约 50 个报纸版面）。请把它分成几个文件，一次导入一部分。`);
  }
}

/** Word's HTML (from mammoth) as source lines, with images collected under names img1, img2 … */
export async function docxToSource(bytes: Uint8Array, name = 'Word 文件'): Promise<{ doc: SourceDoc; images: Map<string, SourceImage> }> {
  checkDocx(bytes, name);
  const images = new Map<string, SourceImage>();
  let n = 0;
  let result: { value: string };
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, {
      convertImage: mammoth.images.imgElement(async (image) => {
        const base64 = await image.read('base64');
        const ext = (image.contentType.split('/')[1] ?? 'png').replace('jpeg', 'jpg').replace(/[^a-z0-9]/g, '');
        const name = `img${++n}`;
        images.set(name, { bytes: Buffer.from(base64, 'base64'), ext });
        return { src: name };
      }),
    });
  } catch {
    // mammoth's and jszip's messages are English and about zip internals; the writer can only re-save the file.
    throw new SourceError(`读不出 ${name} 里的文字：文件可能已损坏，或不是 Word 保存的 .docx。${REBUILD}。`);
  }
  const lines: SourceLine[] = [];
  let cur: { text: string; style: SourceLine['style']; boldChars: number } | undefined;
  let boldDepth = 0;
  // A table: its rows, each a list of cells; the paragraphs of a cell are the cell's text.
  let row: string[] | undefined;
  let cell: string | undefined;
  let tables = 0;
  const open = (style: SourceLine['style']) => {
    cur = { text: '', style, boldChars: 0 };
  };
  const close = () => {
    if (cell !== undefined) {
      if (cur) cell += (cell ? ' ' : '') + cur.text.replace(/\s+/g, ' ').trim();
      cur = undefined;
      return;
    }
    if (cur && cur.text.trim()) {
      const text = cur.text.replace(/\s+/g, (s) => (s.includes('\n') ? '' : s)).trim();
      const bold = cur.boldChars >= text.replace(/\s/g, '').length && text.length > 0;
      lines.push({ text, ...(cur.style ? { style: cur.style } : {}), ...(bold ? { bold: true } : {}) });
    }
    cur = undefined;
  };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'table') {
        close();
        tables++;
      } else if (name === 'tr' && tables === 1) row = [];
      else if ((name === 'td' || name === 'th') && tables === 1) cell = '';
      else if (/^h[1-6]$/.test(name)) open(name === 'h1' ? 'h1' : name === 'h2' ? 'h2' : 'h3');
      else if (name === 'p') open('p');
      else if (name === 'li') open('li');
      else if (name === 'strong' || name === 'b') boldDepth++;
      else if (name === 'br' && cur) cur.text += '\n';
      else if (name === 'img' && attrs.src && images.has(attrs.src)) {
        close();
        lines.push({ text: attrs.alt ?? '', style: 'image', image: attrs.src });
      }
    },
    ontext(t) {
      if (!cur) open('p');
      cur!.text += t;
      if (boldDepth > 0) cur!.boldChars += t.replace(/\s/g, '').length;
    },
    onclosetag(name) {
      if (name === 'strong' || name === 'b') boldDepth = Math.max(0, boldDepth - 1);
      if (/^(h[1-6]|p|li)$/.test(name)) close();
      if ((name === 'td' || name === 'th') && cell !== undefined) {
        close();
        row?.push(cell.trim());
        cell = undefined;
      } else if (name === 'tr' && row) {
        if (row.some((c) => c)) lines.push({ text: row.join(' '), style: 'row', cells: row });
        row = undefined;
      } else if (name === 'table') tables = Math.max(0, tables - 1);
    },
  }, { decodeEntities: true });
  parser.write(result.value);
  parser.end();
  close();
  checkTextSize(lines.reduce((n, l) => n + l.text.length, 0), name);
  return { doc: { lines, structured: true }, images };
}

/** Reads a file (or standard input for "-"). */
export async function readSource(file: string, stdin?: () => Buffer): Promise<ReadSource> {
  let bytes: Buffer;
  const name = file === '-' ? '标准输入' : path.basename(file);
  const tooLarge = (size: number) => new SourceError(`${name} 有 ${amountText(size, 'bytes')}，导入的文件上限是 ${limitText(LIMITS.importFileBytes)}。请先在 Word 里压缩图片（“图片格式”→“压缩图片”）或把文章分成几个文件再导入。`);
  try {
    // The size is known before the file is read; standard input only once it is.
    const size = file === '-' ? 0 : statSync(file).size;
    if (size > LIMITS.importFileBytes.value) throw tooLarge(size);
    bytes = file === '-' ? (stdin ?? (() => readFileSync(0)))() : readFileSync(file);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceError(code === 'ENOENT' ? `找不到文件 ${file}` : code === 'EISDIR' ? `${file} 是文件夹，请写文件名` : `读不出 ${file}（${code ?? '未知原因'}）`);
  }
  if (bytes.length > LIMITS.importFileBytes.value) throw tooLarge(bytes.length);
  if (isDocx(bytes) || /\.docx$/i.test(file)) {
    if (!isDocx(bytes)) throw new SourceError(`${name} 不是 Word（.docx）文件。旧版 .doc 请先在 Word 或 WPS 里“另存为” .docx。`);
    const { doc, images } = await docxToSource(bytes, name);
    return { name, encoding: 'docx', doc, images };
  }
  if (/\.(doc|wps|pdf)$/i.test(file)) {
    throw new SourceError(`${name} 读不了：请在 Word/WPS 里另存为 .docx，或把文字复制到 .txt 文件（PDF 里选中全部文字复制）。`);
  }
  const { text, encoding, problem } = sniffText(bytes);
  if (problem === 'binary') throw new SourceError(`${name} 里有二进制内容，不是文本文件。`);
  if (text === undefined || encoding === undefined) throw new SourceError(`${name} 里有既不是 UTF-8、也不是 GBK 的字节，可能不是文本文件。`);
  checkTextSize(text.length, name);
  const normalized = text.replace(/\r\n?/g, '\n');
  const doc: SourceDoc = /\.(md|markdown)$/i.test(file)
    ? markdownToSource(normalized)
    : { lines: normalized.split('\n').map((t) => ({ text: t })), structured: false };
  return { name, encoding, doc, images: new Map() };
}
