/**
 * The seeded-error set for figure claims. Every report under test/fixtures/claims/invalid/ plants exactly one
 * error and names it on its frontmatter's first line (`# 预期: <code>`), and the figure it planted it in on the
 * next (`# 预埋: metrics[2]`); a folder there is one fixture made of several reports of one organisation, with
 * the code in the report the error belongs to and `# 预期: none` in the others. Each fixture must yield its
 * code, at its severity, in its file, on that figure, and no other error: one fault per fixture. The reports
 * under test/fixtures/claims/valid/ (files or folders) must pass without a single error or warning. Prints
 * caught/planted per code and the false alarms, as measured.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../helpers/content.ts';
import type { Problem } from '../../src/lib/problems.ts';
import { listReportFiles } from '../../src/node/check-content.ts';

const CONTENT = 'test/fixtures/claims';
const INVALID = `${CONTENT}/invalid`;
const VALID = `${CONTENT}/valid`;
// Later than every fixture's date, so every report is published and none is held back as future.
const NOW = new Date('2026-06-30T12:00:00+08:00');

/** Planted faults the check reports as a warning; every other expected code is an error. */
const WARNING_CODES = new Set(['claim-label-other', 'metric-same-key', 'metric-range']);

/** The classes of the figure-claim contract (test/fixtures/claims): each is planted at least three times. */
const CLAIM_CLASSES = [
  'claim-subject-other', 'claim-context-key', 'claim-metric-other', 'claim-label-other', 'claim-asof',
  'claim-asof-scope', 'claim-plan', 'claim-scope-missing', 'claim-per-unit', 'claim-part-exceeds-whole',
  'metric-implausible', 'metric-limit', 'relation-part-of', 'timeline-conflict', 'timeline-balance',
];

/** Problems only a malformed fixture produces (YAML, schema, names, file form), never a planted figure error. */
const FIXTURE_BUG = /^(yaml-|schema-|frontmatter-|file-|encoding-|data-|unknown-field$|missing-field$|org-unknown$|card-glyph$|slug-duplicate$)/;

interface Fixture {
  /** File name without extension, or the folder's name. */
  name: string;
  /** What is checked in one run: the file, or every report of the folder. */
  paths: string[];
  /** The planted code, the report it belongs to and the figure it was planted in (metrics[2]), if named. */
  code: string;
  file: string;
  item?: string;
}

/** The code on the frontmatter's first line (`# 预期: claim-asof`) and the planted figure on the next (`# 预埋: metrics[2]`). */
function expectation(file: string): { code?: string; item?: string } {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return {};
  const code = /^#\s*预期\s*[:：]\s*(\S+)\s*$/.exec(lines[1] ?? '')?.[1];
  const item = /^#\s*预埋\s*[:：]\s*(metrics\[\d+\])\s*$/.exec(lines[2] ?? '')?.[1];
  return { code, ...(item ? { item } : {}) };
}

function fixturesIn(dir: string): Fixture[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && !e.name.startsWith('_') && (e.isDirectory() || /\.mdx?$/.test(e.name)))
    .map((e) => e.name)
    .sort()
    .map((entry) => {
      const full = path.join(dir, entry);
      const files = statSync(full).isDirectory() ? listReportFiles(full).map((f) => path.relative(process.cwd(), f)) : [full];
      const planted = files.map((file) => ({ file, ...expectation(file) })).filter((x) => x.code !== 'none');
      const one = planted.length === 1 ? planted[0]! : undefined;
      return {
        name: entry.replace(/\.mdx?$/, ''),
        paths: [full],
        code: one?.code ?? '',
        file: one?.file ?? '',
        ...(one?.item ? { item: one.item } : {}),
      };
    });
}

function line(p: Problem): string {
  return `${p.severity === 'warning' ? '提醒' : '错误'} ${p.code}${p.field ? ` ${p.field}` : ''} ${p.file}:${p.line ?? '-'} ${p.title}`;
}

/** A problem's file is shown relative to the content folder when it lies inside it, else to the working folder. */
const same = (shown: string, file: string) => [path.resolve(CONTENT, shown), path.resolve(shown)].includes(path.resolve(file));

const invalid = fixturesIn(INVALID);
const valid = statSync(VALID, { throwIfNoEntry: false }) ? fixturesIn(VALID) : [];

/** code → planted, caught and the fixtures that missed. */
const tally = new Map<string, { planted: number; caught: number; missed: string[] }>();
const falseAlarms: { name: string; errors: number; warnings: number }[] = [];
let validChecked = 0;

describe('the seeded-error set is well formed', () => {
  it('has at least 90 fixtures, each naming exactly one planted code, and every claim class three times', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(90);
    expect(invalid.filter((f) => !f.code).map((f) => f.name), '每个预埋错误的报告（或文件夹里恰好一份）要在 frontmatter 第一行写 # 预期: <代码>').toEqual([]);
    expect(invalid.filter((f) => !f.item).map((f) => f.name), '第二行写预埋在哪个数字上：# 预埋: metrics[0]').toEqual([]);
    const count = (code: string) => invalid.filter((f) => f.code === code).length;
    for (const code of CLAIM_CLASSES) expect(count(code), code).toBeGreaterThanOrEqual(3);
    // The classes the check handled before the claim reader are planted too, in the same real-world form.
    expect(invalid.filter((f) => !CLAIM_CLASSES.includes(f.code) || f.code === 'relation-part-of').length).toBeGreaterThanOrEqual(20);
    for (const f of invalid.filter((x) => x.code.startsWith('timeline-'))) expect(listReportFiles(f.paths[0]!).length, f.name).toBeGreaterThanOrEqual(2);
  });
});

describe('every planted error is caught, and it is the only error', () => {
  for (const fx of invalid) {
    it(`${fx.name} → ${fx.code}`, async () => {
      const { problems } = await loadContent({ contentDir: CONTENT, paths: fx.paths, now: NOW });
      const severity = WARNING_CODES.has(fx.code) ? 'warning' : 'error';
      const onItem = (p: Problem) => !fx.item || p.field === fx.item || (p.field ?? '').startsWith(`${fx.item}.`);
      const hit = problems.find((p) => p.code === fx.code && p.severity === severity && same(p.file, fx.file) && onItem(p));
      const others = problems.filter((p) => p !== hit && p.severity === 'error');
      const t = tally.get(fx.code) ?? { planted: 0, caught: 0, missed: [] };
      t.planted += 1;
      if (hit && others.length === 0) t.caught += 1;
      else t.missed.push(fx.name);
      tally.set(fx.code, t);

      expect(problems.filter((p) => FIXTURE_BUG.test(p.code)).map(line), '报告本身写坏了（YAML、字段、机构、主题）：改预埋报告').toEqual([]);
      expect(hit, `应在 ${fx.file}${fx.item ? ` 的 ${fx.item}` : ''} 报 ${fx.code}（${severity === 'error' ? '错误' : '提醒'}），实际：\n${problems.map(line).join('\n') || '没有问题'}`).toBeDefined();
      expect(others.map(line), '一个报告只预埋一个错误：其余都应通过').toEqual([]);
    });
  }
});

describe('valid reports pass without an error or a warning', () => {
  for (const fx of valid) {
    it(fx.name, async () => {
      const { problems } = await loadContent({ contentDir: CONTENT, paths: fx.paths, now: NOW });
      validChecked += 1;
      const errors = problems.filter((p) => p.severity === 'error').length;
      if (problems.length > 0) falseAlarms.push({ name: fx.name, errors, warnings: problems.length - errors });
      expect(problems.map(line)).toEqual([]);
    });
  }
});

afterAll(() => {
  if (tally.size === 0 && validChecked === 0) return;
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(28, ...rows.map(([code]) => code.length + 2));
  const planted = rows.reduce((s, [, t]) => s + t.planted, 0);
  const caught = rows.reduce((s, [, t]) => s + t.caught, 0);
  const out = [`${'class'.padEnd(width)}caught/planted`];
  for (const [code, t] of rows) out.push(`${code.padEnd(width)}${t.caught}/${t.planted}${t.missed.length > 0 ? `  missed: ${t.missed.join(' ')}` : ''}`);
  out.push(`${'total'.padEnd(width)}${caught}/${planted}`);
  const errors = falseAlarms.reduce((s, f) => s + f.errors, 0);
  const warnings = falseAlarms.reduce((s, f) => s + f.warnings, 0);
  out.push(`valid reports: ${falseAlarms.length} false alarms in ${validChecked} (${errors} errors, ${warnings} warnings)${falseAlarms.length > 0 ? `  ${falseAlarms.map((f) => f.name).join(' ')}` : ''}`);
  console.log(out.join('\n'));
});
