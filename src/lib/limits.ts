/**
 * Every size the tools accept from an input file, in one table. Each check refuses anything larger before it
 * parses it, quoting the limit from here, and the README's table of limits lists these same values (a test
 * compares the two). Each value is well above what real reports, settings and Word files need, and low enough
 * that the work it lets in stays within seconds and the memory within bounds.
 */

export interface Limit {
  value: number;
  /** How the value is counted; `bytes` are shown in MB (2^20 bytes). */
  unit: 'chars' | 'bytes' | 'count' | 'px' | 'times';
  /** What is limited, as the README's table names it. */
  what: string;
}

const MB = 1024 * 1024;

export const LIMITS = {
  /** A real frontmatter is 1–10 KB even with 60 figures. */
  frontmatterChars: { value: 50_000, unit: 'chars', what: '报告开头的信息块（两行 --- 之间）' },
  /** Checking takes about 3.4 ms per 1,000 characters: 200,000 is under a second; the longest reports are near 10,000. */
  bodyChars: { value: 200_000, unit: 'chars', what: '报告正文' },
  /**
   * Anchors and aliases (&名称, *名称) in a report's frontmatter or a settings file: both how many aliases are
   * written and how many nodes they expand to (the `yaml` package's maxAliasCount). Nobody writes them by hand;
   * nested ones multiply (nine levels of nine make 387 million values).
   */
  yamlAliases: { value: 100, unit: 'count', what: 'YAML 别名（*名称）的个数和展开次数' },
  /** metrics.yaml is about 17 KB; a registry of every bank in a province stays under 1 MB. */
  dataFileChars: { value: 1_000_000, unit: 'chars', what: 'site.yaml、metrics.yaml、orgs.yaml（每个文件）' },
  /** WebP, which the site serves, cannot be wider or taller than 16,383 pixels. */
  imageSide: { value: 16_383, unit: 'px', what: '封面和正文图片的宽或高' },
  /** A 50-megapixel phone photo (8160 × 6120) passes; decoding one takes about 200 MB. */
  imagePixels: { value: 50_000_000, unit: 'px', what: '封面和正文图片的像素数（宽 × 高）' },
  /** Word files with many photos reach 20–50 MB. */
  importFileBytes: { value: 100 * MB, unit: 'bytes', what: '导入的文件（Word、文本、Markdown）' },
  /** Import lays out about 37,000 characters a second: 400,000 (some 50 newspaper pages) is about 11 seconds. */
  importTextChars: { value: 400_000, unit: 'chars', what: '导入的文件里的文字' },
  /** A Word file has 10–30 parts and one per picture. */
  docxEntries: { value: 5_000, unit: 'count', what: 'Word 文件里的部件（文字、样式、图片等）个数' },
  /** The text of a 300-page document is under 10 MB; a photo is under 20 MB. */
  docxEntryBytes: { value: 64 * MB, unit: 'bytes', what: 'Word 文件里每个部件解压后的大小' },
  docxTotalBytes: { value: 256 * MB, unit: 'bytes', what: 'Word 文件解压后的合计大小' },
  /**
   * Word's XML packs 5–20 times, pictures hardly at all; a zip bomb packs about 1,000 times. Only parts over
   * 1 MB unpacked are measured: a small part full of repeats can pack tighter and costs nothing.
   */
  docxRatio: { value: 100, unit: 'times', what: 'Word 文件里部件的压缩比（解压后超过 1 MB 的部件）' },
} as const satisfies Record<string, Limit>;

/** Parts of a Word file smaller than this unpacked are not held to `docxRatio`. */
export const DOCX_RATIO_FROM_BYTES = MB;

const UNIT: Record<Limit['unit'], string> = { chars: '个字符', bytes: 'MB', count: '个', px: '像素', times: '倍' };

/** 50,000 个字符 · 64 MB · 100 倍 */
export function limitText(limit: Limit): string {
  const n = limit.unit === 'bytes' ? limit.value / MB : limit.value;
  return `${n.toLocaleString('en-US')} ${UNIT[limit.unit]}`;
}

/** A size in the unit of a limit, for the message that quotes it: 600 MB, 123,456 个字符. */
export function amountText(value: number, unit: Limit['unit']): string {
  const n = unit === 'bytes' ? Math.ceil((value / MB) * 10) / 10 : Math.round(value);
  return `${n.toLocaleString('en-US')} ${UNIT[unit]}`;
}
