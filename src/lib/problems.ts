/**
 * The one way the project tells an author that something is wrong. Every check, the YAML reader, the build
 * and `npm run check` produce `Problem`s and print them with `formatProblem`, so the wording and layout are
 * the same wherever a writer meets them.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable identifier of the check, e.g. 'metric-unit'. Tests and `--strict` use it; authors never need it. */
  code: string;
  /** File relative to the content folder, e.g. reports/jiexiu-2025q1.md. */
  file: string;
  line?: number;
  column?: number;
  /** Field path, e.g. metrics[2].unit. */
  field?: string;
  /** Short headline: 单位与指标不符. */
  title: string;
  /** What happened, concretely, quoting what the author wrote. */
  what: string;
  /** Why it matters (optional when obvious). */
  why?: string;
  /** What to write instead. */
  fix: string;
}

const LABEL: Record<Severity, string> = { error: '错误', warning: '提醒' };

/** reports/jiexiu-2025q1.md:14:11 */
export function formatLocation(p: Pick<Problem, 'file' | 'line' | 'column'>): string {
  if (p.line === undefined) return p.file;
  return `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`;
}

/** Multi-line Chinese message; no colours so it can be snapshotted and read in any log. */
export function formatProblem(p: Problem): string {
  const head = `${p.severity === 'error' ? '✖' : '⚠'} ${LABEL[p.severity]}  ${formatLocation(p)}${p.field ? `  ${p.field}` : ''}`;
  const lines = [head, `  ${p.title}`, `  问题：${p.what}`];
  if (p.why) lines.push(`  原因：${p.why}`);
  lines.push(`  改法：${p.fix}`);
  return lines.join('\n');
}

/** Sort by file, then line, so output follows the order an author reads the file in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** The closing line of a run: 共检查 20 份报告：2 个错误，1 个提醒。 */
export function summarize(problems: readonly Problem[], files: number): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return `共检查 ${files} 份报告，没有发现问题。`;
  return `共检查 ${files} 份报告：${errors} 个错误，${warnings} 个提醒。`;
}

/** `--strict`: warnings count as errors. */
export function escalate(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' } : p));
}
