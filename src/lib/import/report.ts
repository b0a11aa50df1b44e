/** What an import says: the machine contract (--json) and the Chinese summary for the writer. */
import type { TextEncoding } from '../encoding.ts';
import type { ImportedArticle } from './article.ts';
import type { ExtractedFigure, SetAsideFigure } from './figures.ts';
import type { OrgProposal } from './orgs.ts';

/** A figure as the contract states it: the extracted figure's printed text, reading and label. */
export type ContractFigure = Pick<ExtractedFigure, 'text' | 'value' | 'unit' | 'approx' | 'label' | 'key'>;

export interface ContractArticle {
  title: string | null;
  org: string | null;
  date: string | null;
  authors: string[];
  figures: ContractFigure[];
  body: string;
}

export function contractArticle(a: ImportedArticle, body: string): ContractArticle {
  return {
    title: a.title,
    org: a.org,
    date: a.date,
    authors: a.authors,
    figures: a.figures.map((f) => ({ text: f.text, value: f.value, unit: f.unit, approx: f.approx, label: f.label, key: f.key })),
    body,
  };
}

export type Encoding = TextEncoding | 'docx';

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM，已去掉）',
  gb18030: 'GBK/GB18030，已转为 UTF-8',
  'utf-16le': 'UTF-16，已转为 UTF-8',
  'utf-16be': 'UTF-16（大端），已转为 UTF-8',
  docx: 'Word 文档',
};

export interface WrittenDraft {
  article: ImportedArticle;
  /** Path as the writer reads it, e.g. content/reports/yanting-20250609-hulian.md; null when no draft was written. */
  file: string | null;
  images: number;
  /** The fields the draft marks # 请填写, as fieldsToFill reads them. */
  toFill: string[];
}

/** Where the writer goes on: the review screen of `npm run dev`, or the check after editing by hand. */
export interface NextStep {
  /** The review screen's address (base-aware), e.g. http://127.0.0.1:4321/_review/. */
  review: string;
  check: string;
}

/** The proposal as it would stand in orgs.yaml. */
export function proposalYaml(p: OrgProposal): string {
  const lines = [`  - id: ${p.id}`, `    name: ${p.name}`];
  if (p.aliases.length > 0) lines.push(`    aliases: [${p.aliases.join(', ')}]`);
  if (p.type) lines.push(`    type: ${p.type}`);
  lines.push(`    region: { province: ${p.province ?? '请填写省份'} }`);
  return lines.join('\n');
}

const SET_ASIDE_KINDS: Record<SetAsideFigure['kind'], string> = { other: '像是别处的数字', plan: '是计划或目标', rule: '是规则或门槛' };

/** 3 个像是别处的数字、1 个是计划或目标. */
function setAsideSummary(xs: readonly SetAsideFigure[]): string {
  return (Object.keys(SET_ASIDE_KINDS) as SetAsideFigure['kind'][])
    .map((k) => [k, xs.filter((x) => x.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} 个${SET_ASIDE_KINDS[k]}`)
    .join('、');
}

/** The first words of an article's text, for telling its drafts apart. */
function firstLine(a: ImportedArticle): string {
  const first = a.paragraphs.find((p) => p.kind === 'p' || p.kind === 'li')?.text.replace(/\s+/g, '') ?? '';
  return first.length > 36 ? `${first.slice(0, 36)}…` : first;
}

/** metrics 第 1 项的 asOf … 第 8 项的 asOf said once: metrics 第 1—8 项的 asOf. */
function fillList(fields: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const m = /^metrics 第 (\d+) 项的 (.*)$/.exec(fields[i]!);
    if (!m) {
      out.push(fields[i]!);
      continue;
    }
    let last = Number(m[1]);
    while (i + 1 < fields.length && fields[i + 1] === `metrics 第 ${last + 1} 项的 ${m[2]}`) {
      last++;
      i++;
    }
    out.push(last > Number(m[1]) ? `metrics 第 ${m[1]}—${last} 项的 ${m[2]}` : fields[i]!);
  }
  return out.join('、');
}

/** 10亿元（“力争”：计划或目标） for each figure left out, the word that decided it first. */
function leftOut(xs: readonly SetAsideFigure[]): string {
  return xs.map((x) => `${x.text}（${x.reason.replace(/：.*$/, '')}）`).join('、');
}

export function fileSummary(source: string, encoding: Encoding, drafts: WrittenDraft[], next: NextStep): string {
  const out: string[] = [];
  const written = drafts.filter((d) => d.file !== null);
  out.push(`《${source}》（${ENCODING_NAMES[encoding]}）：找到 ${drafts.length} 篇文章${written.length < drafts.length ? `，写出 ${written.length} 份草稿` : ''}`);
  if (drafts.length === 0) {
    out.push('  没有找到正文。请确认文件里是文章的文字（扫描件 PDF 要先识别成文字）。');
    return out.join('\n');
  }
  drafts.forEach((d, i) => {
    const a = d.article;
    if (d.file === null) {
      out.push(`  ${i + 1}. 没有写草稿：这篇说的是${a.nonBank}，不是银行（${a.title ? `《${a.title}》，` : ''}开头：${firstLine(a)}）。`);
      out.push('     确要收录时，用 npm run new 新建一份报告，把正文复制进去，机构写名录里的银行。');
      return;
    }
    out.push(`  ${i + 1}. ${d.file}`);
    out.push(`     开头：${firstLine(a)}`);
    out.push(`     标题：${a.title ?? '（原文没有标题，请填写）'}`);
    const org = a.org === null ? '没认出（请填写）'
      : a.registryOrg ? `${a.org}（名录里有）` : `${a.org}（名录里没有，建议加入，见下方）`;
    const unsure = a.orgCandidates ? `；没把握：标题没写机构，正文开头还提到 ${a.orgCandidates.join('、')}` : '';
    out.push(`     机构：${org}${unsure} · 日期：${a.date ?? '原文没印（请填写）'} · 作者：${a.authors.join('、') || '无署名'}`);
    const keyed = a.figures.filter((f) => f.key).length;
    const scoped = a.figures.filter((f) => !f.key && f.scope).length;
    const free = a.figures.length - keyed - scoped;
    const elsewhere = a.setAside.filter((x) => x.kind === 'other');
    const dropped = a.setAside.filter((x) => x.kind !== 'other');
    out.push(`     数字：${a.figures.length} 个放进 metrics（本行全行指标 ${keyed} 个、本行某个口径 ${scoped} 个、只写说明 ${free} 个）${d.images > 0 ? ` · 图片 ${d.images} 张` : ''}`);
    if (elsewhere.length > 0) out.push(`     放在一边 ${elsewhere.length} 个（别处的数字）：${leftOut(elsewhere)}`);
    if (dropped.length > 0) out.push(`     没有放进 ${dropped.length} 个（${setAsideSummary(dropped)}）：${leftOut(dropped)}`);
    out.push(`     要填写：${d.toFill.length > 0 ? fillList(d.toFill) : '没有'}`);
  });
  const known = [...new Set(written.filter((d) => d.article.registryOrg).map((d) => d.article.org!))];
  const proposals = new Map<string, OrgProposal>();
  for (const d of written) if (d.article.proposal) proposals.set(d.article.proposal.name, d.article.proposal);
  const unsure = written.filter((d) => d.article.orgCandidates).map((d) => d.article.org!);
  out.push(`  机构：名录里有 ${known.length} 家${known.length > 0 ? `（${known.join('、')}）` : ''}；建议加入 ${proposals.size} 家${proposals.size > 0 ? `（${[...proposals.keys()].join('、')}）` : ''}；没把握 ${unsure.length} 家${unsure.length > 0 ? `（${unsure.join('、')}）` : ''}`);
  if (proposals.size > 0) {
    out.push('  机构名录 content/orgs.yaml 里还没有这些机构，核对后加在 orgs: 下面（“请填写”的省份和上级机构请补全）：');
    for (const p of proposals.values()) out.push(proposalYaml(p).split('\n').map((l) => `  ${l}`).join('\n'));
  }
  if (written.length > 0) {
    out.push(`  下一步：npm run dev 后打开 ${next.review} 逐篇核对，确认每个数字后保存；`);
    out.push(`  　　　　也可以直接编辑草稿，补齐标“请填写”的地方，然后运行 ${next.check}`);
  }
  return out.join('\n');
}
