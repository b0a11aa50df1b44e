/**
 * Images a report points at: the cover and the pictures in its body. Each must be a file inside the content
 * folder (an absolute path or a ../ that leaves it is refused, never copied), exist, and be an image Astro can
 * process — decided by Astro's own `imageMetadata`, so `npm run check` and the build agree on what an image is.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { imageMetadata } from 'astro/assets/utils';
import { amountText, LIMITS, limitText } from '../lib/limits.ts';
import type { Problem } from '../lib/problems.ts';
import { isInside } from './paths.ts';

/**
 * Raster formats Astro's image service reads (astro/dist/assets/consts.js VALID_INPUT_FORMATS) less SVG: an SVG
 * can carry scripts, which would run on the site's own address when the file is opened by itself.
 */
const FORMATS = new Set(['jpeg', 'jpg', 'png', 'tiff', 'webp', 'gif', 'avif']);

export interface ImageRef {
  /** As written in the report. */
  src: string;
  line?: number;
  column?: number;
  /** cover.src, or 正文 for a body image. */
  field: string;
}

export interface ImageContext {
  /** The report file, absolute. */
  reportAbs: string;
  /** The report as named in messages. */
  file: string;
  contentDir: string;
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function what(ref: ImageRef): string {
  return ref.field === 'cover.src' ? '封面图片' : '正文图片';
}

export async function imageProblem(ref: ImageRef, ctx: ImageContext): Promise<Problem | undefined> {
  const base = { severity: 'error' as const, file: ctx.file, line: ref.line, column: ref.column, field: ref.field };
  const src = ref.src.trim();
  const name = what(ref);
  if (REMOTE.test(src)) {
    return {
      ...base, code: ref.field === 'cover.src' ? 'cover-remote' : 'image-remote',
      title: `${name}不能用外网地址`, what: `写的是“${src}”。`,
      why: '内网读者的电脑打不开其他网站的图片，页面会缺图。',
      fix: '把图片下载下来，放到报告旁边的 images/ 文件夹里，写成 ./images/图片名.jpg。',
    };
  }
  let decoded = src;
  try {
    decoded = decodeURI(src);
  } catch {
    // A stray % is part of the file name.
  }
  const target = path.resolve(path.dirname(ctx.reportAbs), decoded.replace(/[?#].*$/, ''));
  // A report checked from outside the content folder (npm run check -- 草稿/) keeps to its own folder.
  const root = isInside(ctx.contentDir, ctx.reportAbs) ? ctx.contentDir : path.dirname(ctx.reportAbs);
  if (path.isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded) || !isInside(root, target)) {
    return {
      ...base, code: 'image-outside',
      title: `${name}不在内容文件夹里`, what: `写的是“${src}”，指向内容文件夹以外的位置。`,
      why: '构建只发布内容文件夹里的文件；指向别处的路径可能泄露服务器上的其他文件，所以不会被复制。',
      fix: '把图片复制到报告旁边的 images/ 文件夹里，写成相对路径 ./images/图片名.jpg。',
    };
  }
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat || !stat.isFile()) {
    return {
      ...base, code: ref.field === 'cover.src' ? 'cover-missing' : 'image-missing',
      title: `${name}找不到`, what: `写的是“${src}”，这个文件不存在。`,
      fix: '检查文件名和大小写是否一致；图片放在报告旁边（如 images/ 文件夹），路径写成相对报告文件的 ./images/图片名.jpg。',
    };
  }
  let format: string | undefined;
  let size: { width: number; height: number } | undefined;
  try {
    // Read from the file's header only: nothing is decoded, so a huge image costs nothing here.
    const meta = await imageMetadata(readFileSync(target), src);
    format = meta.format;
    size = { width: meta.width, height: meta.height };
  } catch {
    format = undefined;
  }
  if (!format || !FORMATS.has(format)) {
    return {
      ...base, code: ref.field === 'cover.src' ? 'cover-not-image' : 'image-not-image',
      title: format === 'svg' ? `${name}不能用 SVG` : `${name}不是图片文件`,
      what: `“${src}”${format ? `是 ${format} 格式` : '读不出图片内容'}。`,
      why: format === 'svg'
        ? 'SVG 文件里可以藏脚本，单独打开时会在网站的地址下运行。'
        : '网站只能显示 JPG、PNG、WebP、GIF、AVIF 图片；改了扩展名的 Word 或 PDF 文件不是图片。',
      fix: '用看图软件把图片另存为 JPG 或 PNG，放到 images/ 文件夹，再改这里的文件名。',
    };
  }
  if (size && (Math.max(size.width, size.height) > LIMITS.imageSide.value || size.width * size.height > LIMITS.imagePixels.value)) {
    const side = Math.max(size.width, size.height) > LIMITS.imageSide.value;
    return {
      ...base, code: ref.field === 'cover.src' ? 'cover-too-large' : 'image-too-large',
      title: `${name}太大`,
      what: `“${src}”是 ${size.width} × ${size.height} 像素，${side
        ? `宽或高的上限是 ${limitText(LIMITS.imageSide)}`
        : `共 ${amountText(size.width * size.height, 'px')}，上限是 ${limitText(LIMITS.imagePixels)}`}。`,
      why: '构建要把图片解码后缩放成网页用的大小；这么大的图片解码要占用几百 MB 以上的内存，网页上也用不到这么多像素。',
      fix: '用看图软件把图片缩小（如宽 4000 像素以内）后另存，再重新运行。',
    };
  }
  return undefined;
}
