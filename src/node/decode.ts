/**
 * Turns a report file's bytes into text. Writers save files from Notepad, WPS or Word: a UTF-8 BOM is
 * harmless and removed; GBK/GB18030 or UTF-16 files are refused with instructions, because a report is only
 * published from the file as it is stored. Which encoding the bytes are in is src/lib/encoding.ts's one rule,
 * shared with the importer.
 */
import { firstNonUtf8Line, sniffText } from '../lib/encoding.ts';
import type { Problem } from '../lib/problems.ts';

export interface Decoded {
  text?: string;
  problems: Problem[];
  /** Which encoding the bytes looked like, when not UTF-8. */
  detected?: 'gb18030' | 'utf-16le' | 'utf-16be';
}

export function decodeReportFile(bytes: Uint8Array, file: string): Decoded {
  const { text, encoding, problem } = sniffText(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return {
      detected: encoding,
      problems: [{
        severity: 'error', code: 'encoding-utf16', file, line: 1, column: 1,
        title: '文件编码不是 UTF-8',
        what: '这个文件是 UTF-16（Unicode）编码。',
        why: '网站只读 UTF-8 编码的报告，其他编码的中文会变成乱码。',
        fix: '用记事本打开，“另存为”时编码选“UTF-8”；或运行 npm run check -- --fix-encoding ' + file,
      }],
    };
  }
  if (problem === 'binary') {
    return {
      problems: [{
        severity: 'error', code: 'encoding-binary', file, line: 1, column: 1,
        title: '这不是文本文件', what: '文件里有二进制内容。',
        fix: '报告要用纯文本（.md）写；Word 文件请复制文字到新的 .md 文件里。',
      }],
    };
  }
  if (text === undefined || encoding === 'gb18030') {
    const gb = encoding === 'gb18030';
    return {
      detected: gb ? 'gb18030' : undefined,
      problems: [{
        severity: 'error', code: 'encoding-not-utf8', file, line: firstNonUtf8Line(bytes), column: 1,
        title: '文件编码不是 UTF-8',
        what: gb ? '这个文件看起来是 GBK/GB18030 编码（Windows 记事本、WPS 的“ANSI”或“简体中文”编码）。' : '这个文件里有不是 UTF-8 的字节。',
        why: '网站只读 UTF-8 编码的报告，其他编码的中文会变成乱码。',
        fix: gb
          ? `运行 npm run check -- --fix-encoding ${file} 自动转为 UTF-8；或用记事本打开，“另存为”时编码选“UTF-8”。`
          : '用记事本打开，“另存为”时编码选“UTF-8”；检查是否误把图片或 Word 文件改成了 .md。',
      }],
    };
  }
  return { text: text.replace(/\r\n?/g, '\n'), problems: [] };
}

/** A GB18030, UTF-16 or BOM-prefixed file's text for rewriting as plain UTF-8; undefined when it is not text. */
export function toUtf8(bytes: Uint8Array): string | undefined {
  return sniffText(bytes).text;
}
