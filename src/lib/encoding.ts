/**
 * Which encoding a text file's bytes are in, and its text. Writers save files from Notepad, WPS or Word: UTF-8
 * with or without a BOM, GBK/GB18030 ("ANSI" on a Chinese Windows), or UTF-16 ("Unicode") with or without a
 * BOM. One rule for every reader (the report check refuses what is not UTF-8 and says how to convert it; the
 * importer and `--fix-encoding` convert it), so a file is never read one way by one command and another way by
 * the next. An encoding is only named when the bytes decode cleanly in it; nothing is guessed silently.
 */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface SniffedText {
  /** The text, without a BOM, line endings as written; absent when there is a problem. */
  text?: string;
  /** What the bytes are, when they are text (or at least start like UTF-16). */
  encoding?: TextEncoding;
  /** binary: NUL characters (an image or a Word file renamed); unknown: no encoding above decodes the bytes. */
  problem?: 'binary' | 'unknown';
}

const decoder = (label: string) => new TextDecoder(label, { fatal: true });
const UTF8 = decoder('utf-8');
const GB18030 = decoder('gb18030');
// A GB18030 file the writer saved has Chinese in it; bytes that merely decode without one Chinese character
// (CJK ideographs, punctuation or full-width forms) are more likely something else.
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function attempt(d: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return d.decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-16 without a BOM: ASCII characters in it put a zero byte on one side of every pair. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  const end = Math.min(bytes.length, 4000);
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = end / 2;
  if (oddZero > pairs * 0.2 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.2 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function sniff(bytes: Uint8Array): SniffedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = attempt(UTF8, bytes.subarray(3));
    if (text !== undefined) return { text, encoding: 'utf-8-bom' };
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  const utf8 = attempt(UTF8, bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const gb = attempt(GB18030, bytes);
  if (gb !== undefined && (CHINESE.test(gb) || gb.includes('\u0000'))) return { text: gb, encoding: 'gb18030' };
  return { problem: 'unknown' };
}

/** The text of a file's bytes and the encoding it was in (see above). */
export function sniffText(bytes: Uint8Array): SniffedText {
  const got = sniff(bytes);
  if (got.text?.includes('\u0000')) return { encoding: got.encoding, problem: 'binary' };
  return got;
}

/** The first line (1-based) holding bytes that are not UTF-8, to point a writer at; 1 when none is found. */
export function firstNonUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (attempt(UTF8, bytes.subarray(start, i)) === undefined) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}
