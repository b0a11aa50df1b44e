/**
 * Turns a report file's bytes into text. Writers save files from Notepad, WPS or Word: a UTF-8 BOM is
 * harmless and removed; GBK/GB18030 or UTF-16 files are refused with instructions, because guessing an
 * encoding silently could publish garbled names.
 */
import iconv from 'iconv-lite';
import type { Problem } from '../lib/problems.ts';

export interface Decoded {
  text?: string;
  problems: Problem[];
  /** Which encoding the bytes looked like, when not UTF-8. */
  detected?: 'gb18030' | 'utf-16le' | 'utf-16be';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeReportFile(bytes: Uint8Array, file: string): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      detected: bytes[0] === 0xff ? 'utf-16le' : 'utf-16be',
      problems: [{
        severity: 'error', code: 'encoding-utf16', file, line: 1, column: 1,
        title: '文件编码不是 UTF-8',
        what: '这个文件是 UTF-16（Unicode）编码。',
        why: '网站只读 UTF-8 编码的报告，其他编码的中文会变成乱码。',
        fix: '用记事本打开，“另存为”时编码选“UTF-8”；或运行 npm run check -- --fix-encoding ' + file,
      }],
    };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const guess = iconv.decode(Buffer.from(bytes), 'gb18030');
    const looksChinese = /[\u4e00-\u9fff]/.test(guess) && !guess.includes('\ufffd');
    const firstBad = firstInvalidUtf8Line(bytes);
    return {
      detected: looksChinese ? 'gb18030' : undefined,
      problems: [{
        severity: 'error', code: 'encoding-not-utf8', file, line: firstBad, column: 1,
        title: '文件编码不是 UTF-8',
        what: looksChinese ? '这个文件看起来是 GBK/GB18030 编码（Windows 记事本、WPS 的“ANSI”或“简体中文”编码）。' : '这个文件里有不是 UTF-8 的字节。',
        why: '网站只读 UTF-8 编码的报告，其他编码的中文会变成乱码。',
        fix: looksChinese
          ? `运行 npm run check -- --fix-encoding ${file} 自动转为 UTF-8；或用记事本打开，“另存为”时编码选“UTF-8”。`
          : '用记事本打开，“另存为”时编码选“UTF-8”；检查是否误把图片或 Word 文件改成了 .md。',
      }],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) {
    return {
      problems: [{
        severity: 'error', code: 'encoding-binary', file, line: 1, column: 1,
        title: '这不是文本文件', what: '文件里有二进制内容。',
        fix: '报告要用纯文本（.md）写；Word 文件请复制文字到新的 .md 文件里。',
      }],
    };
  }
  return { text: text.replace(/\r\n?/g, '\n'), problems: [] };
}

/** Rewrites a GB18030 or BOM-prefixed file as plain UTF-8; returns false when the bytes are not GB18030 text. */
export function toUtf8(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(Buffer.from(bytes), 'utf-16le').replace(/^\uFEFF/, '');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(Buffer.from(bytes), 'utf-16be').replace(/^\uFEFF/, '');
  try {
    return UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const text = iconv.decode(Buffer.from(bytes), 'gb18030');
    return text.includes('\ufffd') ? undefined : text;
  }
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        UTF8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}
