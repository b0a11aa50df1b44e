/**
 * One report file, checked end to end: bytes → text (encoding), frontmatter, figures, relations, presence,
 * card glyphs (pure, src/lib/validate), then what needs the disk: the cover and the body's images. The reports
 * loader and `npm run check` call this same function, so whatever one accepts the other accepts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMeasurer, loadSourceFonts } from '../cards/fonts.ts';
import type { Report } from '../lib/model.ts';
import type { Problem } from '../lib/problems.ts';
import type { MissingGlyphs } from '../lib/validate/glyphs.ts';
import type { LinkedReport, ReportLink } from '../lib/validate/report-links.ts';
import { reportKind, slugOf, validateReport, type ValidationContext } from '../lib/validate/report.ts';
import { decodeReportFile } from './decode.ts';
import { imageProblem } from './images.ts';
import { displayPath } from './paths.ts';

export interface CheckedReport {
  abs: string;
  /** As named in messages: reports/x.md. */
  file: string;
  slug: string;
  kind: 'md' | 'mdx';
  /** Present when the file has no error. */
  report?: Report;
  problems: Problem[];
  /** Body without frontmatter, and the file line it starts on. */
  body?: string;
  bodyLine?: number;
  /** Body links to other reports' pages, to check once every report is read (reportLinkProblems). */
  reportLinks: ReportLink[];
}

export interface FileCheckContext extends Omit<ValidationContext, 'missingGlyphs'> {
  contentDir: string;
  missingGlyphs: MissingGlyphs;
}

let glyphs: Promise<MissingGlyphs> | undefined;

/** The card font's coverage, loaded once per process: it is part of the program, not of the content. */
export function cardFontGlyphs(): Promise<MissingGlyphs> {
  glyphs ??= createMeasurer(loadSourceFonts()).then((m) => m.missing);
  return glyphs;
}

export async function checkReportFile(abs: string, ctx: FileCheckContext, bytes?: Uint8Array): Promise<CheckedReport> {
  const file = displayPath(abs, ctx.contentDir);
  const out: CheckedReport = { abs, file, slug: slugOf(file), kind: reportKind(file), problems: [], reportLinks: [] };
  let data: Uint8Array;
  try {
    data = bytes ?? readFileSync(abs);
  } catch {
    out.problems.push({
      severity: 'error', code: 'file-unreadable', file, line: 1, column: 1,
      title: '文件打不开', what: '这个报告文件读不出来（可能正被其他程序占用，或没有读取权限）。',
      fix: '关闭正在编辑它的程序，检查文件权限后重新运行。',
    });
    return out;
  }
  const decoded = decodeReportFile(data, file);
  out.problems.push(...decoded.problems);
  if (decoded.text === undefined) return out;

  const v = validateReport(decoded.text, file, ctx);
  out.problems.push(...v.problems);
  out.body = v.source?.body;
  out.bodyLine = v.source?.bodyLine;
  out.reportLinks = v.reportLinks ?? [];

  const imageCtx = { reportAbs: abs, file, contentDir: ctx.contentDir };
  const cover = v.source?.data.cover as { src?: unknown } | undefined;
  if (cover && typeof cover.src === 'string' && cover.src.trim()) {
    const p = await imageProblem({ src: cover.src, field: 'cover.src', ...v.coverAt }, imageCtx);
    if (p) out.problems.push(p);
  }

  for (const img of v.images ?? []) {
    if (!img.local || !img.path) continue;
    const p = await imageProblem({ src: img.path, field: '正文', line: img.line, column: img.column }, imageCtx);
    if (p) out.problems.push(p);
  }

  if (v.report && !out.problems.some((p) => p.severity === 'error')) out.report = v.report;
  return out;
}

/** A checked file as a link target: its publication inputs, or null when its own errors leave them open. */
export function linkedReport(c: Pick<CheckedReport, 'file' | 'report'>): LinkedReport {
  return c.report ? { file: c.file, draft: c.report.draft, date: c.report.date } : null;
}

/** Two files with the same name in different folders would publish at the same URL. */
export function duplicateSlugProblem(file: string, other: string, slug: string): Problem {
  return {
    severity: 'error', code: 'slug-duplicate', file, line: 1, column: 1,
    title: '两份报告的网址相同',
    what: `“${file}”和“${other}”的文件名都是 ${slug}，网址都会是 reports/${slug}/。`,
    fix: `给其中一份改个文件名，如在后面加上季度或日期：${slug}-2。`,
  };
}

export function reportsDir(contentDir: string): string {
  return path.join(contentDir, 'reports');
}
