/**
 * A draft report from an imported article: frontmatter in the agreed figure form, every field a person must
 * still fill marked with a Chinese comment (# 请填写：…), every guess marked # 请确认：…, and the body.
 */
import YAML from 'yaml';
import type { SiteConfig } from '../../schemas/site.ts';
import type { ImportedArticle } from './article.ts';
import { sentences } from './text.ts';

export interface DraftImage {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

export interface DraftInput {
  article: ImportedArticle;
  body: string;
  source: string;
  /** 1-based position of the article in its file. */
  index: number;
  themes: SiteConfig['themes'];
  cover?: DraftImage;
}

function scalar(v: string | number): string {
  return YAML.stringify(v, { lineWidth: 0 }).trimEnd();
}

function inlineList(xs: string[]): string {
  return YAML.stringify(xs, { flow: true, lineWidth: 0 } as YAML.ToStringOptions).trimEnd();
}

const GENERIC_WORDS = new Set(['金融', '服务', '业务', '发展', '工作', '建设', '活动', '宣传', '支持', '提升']);

/** Themes whose words the article uses most, at most three. */
export function guessThemes(article: ImportedArticle, themes: SiteConfig['themes']): string[] {
  const text = `${article.title ?? ''}${article.title ?? ''}${article.title ?? ''}${article.paragraphs.map((p) => p.text).join('')}`;
  const scored = themes.map((t) => {
    const words = new Set<string>([t.name, ...(t.description ?? '').split(/[、，,与和及\s]+/)]);
    if (t.name.length >= 4) words.add(t.name.slice(0, 2));
    let score = 0;
    for (const w of words) {
      if (w.length < 2 || GENERIC_WORDS.has(w)) continue;
      score += text.split(w).length - 1;
    }
    return { name: t.name, score };
  });
  return scored.filter((s) => s.score >= 2).sort((a, b) => b.score - a.score).slice(0, 3).map((s) => s.name);
}

/** One or two sentences from the start of the body, 10 to 160 characters. */
export function summaryOf(article: ImportedArticle): string | undefined {
  const first = article.paragraphs.find((p) => p.kind === 'p' && p.text.length >= 10);
  if (!first) return undefined;
  let out = '';
  for (const s of sentences(first.text)) {
    if ((out + s).length > 160) break;
    out += s;
    if (out.length >= 40) break;
  }
  if (out.length < 10) out = first.text.slice(0, 150);
  return out.replace(/\\/g, '').trim() || undefined;
}

export function renderDraft(input: DraftInput): string {
  const { article: a } = input;
  const L: string[] = ['---'];
  L.push(`# 草稿：由 npm run import 从“${input.source}”导入（第 ${input.index} 篇）。请逐项核对，补齐标“请填写”的地方，`);
  L.push('# 确认标“请确认”的地方，全部核对完后删掉 draft: true 这一行才会发布。');
  if (a.title && a.title.length >= 4 && a.title.length <= 60) L.push(`title: ${scalar(a.title)}`);
  else if (a.title) L.push(`title: ${scalar(a.title)}  # 请填写：标题要 4–60 个字，原文标题是 ${a.title.length} 个字`);
  else L.push('title:  # 请填写：标题（4–60 个字），原文没有印标题');
  const summary = summaryOf(a);
  L.push(summary ? `summary: ${scalar(summary)}  # 请确认：取自正文开头，可改写成一两句摘要` : 'summary:  # 请填写：一两句摘要（10–160 个字）');
  const candidates = a.orgCandidates ? `  # 请确认：原文标题没写机构，正文开头还提到 ${a.orgCandidates.join('、')}；不是这家时改成名录里的名称` : '';
  if (a.registryOrg) L.push(`org: ${scalar(a.registryOrg.name)}${candidates}`);
  else if (a.org) L.push(`org: ${scalar(a.org)}  # 请填写：机构名录 content/orgs.yaml 里还没有这个机构，请按导入总结里的建议加进名录（或改成名录里的名称）`);
  else L.push('org:  # 请填写：报告机构（机构名录 content/orgs.yaml 里的全称、简称或别名）');
  L.push(a.date ? `date: ${a.date}` : 'date:  # 请填写：发布日期，如 2025-06-09（原文没有印日期）');
  L.push(a.authors.length > 0 ? `authors: ${inlineList(a.authors)}` : 'authors: []  # 请确认：原文没有署名');
  const themes = guessThemes(a, input.themes);
  L.push(themes.length > 0
    ? `themes: ${inlineList(themes)}  # 请确认：按正文用词推测，可选 ${input.themes.map((t) => t.name).join('、')}`
    : `themes: []  # 请填写：1–4 个主题，可选 ${input.themes.map((t) => t.name).join('、')}`);
  if (input.cover) {
    L.push('cover:');
    L.push(`  src: ${scalar(input.cover.src)}`);
    L.push(`  alt: ${scalar(input.cover.alt)}  # 请确认：写一句图片里有什么`);
    if (input.cover.caption) L.push(`  caption: ${scalar(input.cover.caption)}`);
    if (input.cover.credit) L.push(`  credit: ${scalar(input.cover.credit)}`);
  }
  L.push('draft: true');
  if (a.figures.length > 0) {
    L.push('metrics:');
    for (const f of a.figures) {
      const unsure = [
        ...(f.unknownUnit ? [`指标目录 content/metrics.yaml 里没有单位“${f.unknownUnit}”，加进相应量纲的 units，或删掉这一项`] : []),
        ...(f.textUnsure ? [f.textUnsure] : []),
      ];
      L.push(`  - text: ${scalar(f.text)}${unsure.length > 0 ? `  # 请确认：${unsure.join('；')}` : ''}`);
      L.push(f.label ? `    label: ${scalar(f.label)}` : '    label:  # 请填写：这个数字统计的是什么');
      if (f.key) L.push(`    key: ${f.key}`);
      if (f.scope) L.push(`    scope: ${scalar(f.scope)}`);
      L.push(f.asOf ? `    asOf: ${f.asOf}${f.asOfUnsure ? `  # 请确认：${f.asOfUnsure}` : ''}` : '    asOf:  # 请填写：截至日期，如 2025-03-31、2025-Q1、2025');
      if (f.featured) L.push(`    featured: ${f.featured}`);
    }
  } else L.push('metrics: []');
  if (a.setAside.length > 0) {
    L.push('# 请确认：下面这些数字没有放进 metrics（别处的数字、计划目标、规则门槛，原因写在每行后面）；确是本机构已经做到的，照上面的格式加进去：');
    for (const s of a.setAside) L.push(`#   ${s.text}（${s.label ?? '未知'}）——${s.reason}`);
  }
  if (a.captions.length > 0 && !input.cover) {
    L.push('# 原文的图片说明（导入的文字里没有图片文件；有照片时放进 images/ 并写 cover）：');
    for (const c of a.captions) L.push(`#   ${c}`);
  }
  const credits = a.credits.filter((c) => c !== input.cover?.credit);
  if (credits.length > 0) L.push(`# 原文的摄影署名：${credits.join('，')}`);
  L.push('---', '', input.body.trim(), '');
  return L.join('\n');
}

/** What a field a draft asks to fill is, in the writer's words. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  title: '标题', summary: '摘要', org: '机构', date: '发布日期', authors: '作者', themes: '主题', label: '统计的是什么', asOf: '截至日期',
};

/** The fields a draft marks # 请填写, in order: date（发布日期）, metrics 第 3 项的 label（统计的是什么）. */
export function fieldsToFill(draft: string): string[] {
  const out: string[] = [];
  let metric = 0;
  let fences = 0;
  for (const line of draft.split('\n')) {
    if (/^---\s*$/.test(line) && ++fences === 2) break;
    if (/^ {2}- /.test(line)) metric++;
    const field = /^(?: {2}- | {4})?([A-Za-z]+):/.exec(line)?.[1];
    if (!field || !/#\s*请填写/.test(line)) continue;
    const name = FIELD_NAMES[field] ? `${field}（${FIELD_NAMES[field]}）` : field;
    out.push(/^ {2}/.test(line) ? `metrics 第 ${metric} 项的 ${name}` : name);
  }
  return out;
}
