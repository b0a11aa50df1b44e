/**
 * The four decisions a writer makes about a number in a draft, in one table: the review page's buttons, its
 * keyboard keys and the words the page and the README use all come from here. Pure and small: the page's
 * script imports it.
 */

export type DecisionKind = 'key' | 'scope' | 'context' | 'drop';

export interface DecisionInfo {
  kind: DecisionKind;
  /** The key that chooses it on the review page. */
  key: '1' | '2' | '3' | '4';
  /** The button's words. */
  title: string;
  /** What it writes into the frontmatter. */
  writes: string;
}

export const DECISIONS: readonly DecisionInfo[] = [
  { kind: 'key', key: '1', title: '本行全行指标', writes: '写进 metrics，key 写指标目录里的指标（目录里没有时只写 label）' },
  { kind: 'scope', key: '2', title: '本行某个口径', writes: '写进 metrics，不写 key，scope 写口径（某个支行、产品、项目或时段）' },
  { kind: 'context', key: '3', title: '别处的数字', writes: '不算本机构的成绩：不写进 metrics；勾选“作为背景列出”时写 context: true 和说明是谁的 label' },
  { kind: 'drop', key: '4', title: '不是成绩', writes: '计划、目标、规则、列举：不写进 metrics' },
] as const;

export const DECISION_BY_KIND: Readonly<Record<DecisionKind, DecisionInfo>> = Object.fromEntries(DECISIONS.map((d) => [d.kind, d])) as Record<DecisionKind, DecisionInfo>;

/** A decision about one number, as the page sends it and the proposal gives it. */
export interface Decision {
  kind: DecisionKind;
  /** key: the catalog metric's key; null is the bank's own figure that no catalog metric names (label only). */
  key?: string | null;
  /** scope: the words of the narrower scope (城关支行, 近3年, “红色网格贷”). */
  scope?: string;
  /** What is counted, in the article's words; for someone else's figure, whose it is (全省农商银行存款余额). */
  label?: string;
  /** context: listed on the report page as background (context: true) instead of left out. */
  listed?: boolean;
}

/** The writer's decision for a row, with the as-of date the row shows. */
export interface RowEdit extends Decision {
  asOf?: string;
}

/** Fields of the report the page edits besides the figures. */
export interface ReviewFields {
  title: string;
  summary: string;
  org: string;
  date: string;
  authors: string[];
  themes: string[];
}

/** What the page sends to save: the fields and each row's decision (by row id); `publish` also removes draft. */
export interface ReviewEdits {
  /** The file's hash as the page read it: a file changed since is not overwritten. */
  hash: string;
  fields?: Partial<ReviewFields>;
  rows?: Record<string, RowEdit>;
  publish?: boolean;
}

/** Keys of the review page, in the words the page shows them. */
export const REVIEW_KEYS: readonly { keys: string; does: string }[] = [
  { keys: '↑ ↓', does: '在数字之间移动' },
  ...DECISIONS.map((d) => ({ keys: d.key, does: d.title })),
  { keys: 'Enter', does: '采用建议' },
  { keys: 'Ctrl+S', does: '保存' },
];

/** Authors as one line the writer types: 温娜、王瑞俊 (、，, or spaces between names). */
export function splitNames(s: string): string[] {
  return s.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);
}
