/** What an import says: the machine contract (--json) and the Chinese summary for the writer. */
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

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'docx';

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
  /** Path as the writer reads it, e.g. content/reports/yanting-20250609-hulian.md. */
  file: string;
  images: number;
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

export function fileSummary(source: string, encoding: Encoding, drafts: WrittenDraft[], checkCommand: string): string {
  const out: string[] = [];
  out.push(`《${source}》（${ENCODING_NAMES[encoding]}）：找到 ${drafts.length} 篇文章`);
  if (drafts.length === 0) {
    out.push('  没有找到正文。请确认文件里是文章的文字（扫描件 PDF 要先识别成文字）。');
    return out.join('\n');
  }
  drafts.forEach((d, i) => {
    const a = d.article;
    const mapped = a.figures.filter((f) => f.key).length;
    const free = a.figures.length - mapped;
    const toFill = a.figures.filter((f) => !f.label || !f.asOf).length;
    out.push(`  ${i + 1}. ${d.file}`);
    out.push(`     标题：${a.title ?? '（原文没有标题，请填写）'}`);
    out.push(`     机构：${a.org ?? '（没认出，请填写）'}${a.org && !a.registryOrg ? '（名录里没有，见下方建议）' : ''} · 日期：${a.date ?? '未印（请填写）'} · 作者：${a.authors.join('、') || '无署名'}`);
    out.push(`     数字：对应指标目录 ${mapped} 个，自由数字 ${free} 个，待确认 ${a.setAside.length + toFill} 个${a.setAside.length > 0 ? `（其中 ${setAsideSummary(a.setAside)}，没有放进 metrics）` : ''}${d.images > 0 ? ` · 图片 ${d.images} 张` : ''}`);
  });
  const proposals = new Map<string, OrgProposal>();
  for (const d of drafts) if (d.article.proposal) proposals.set(d.article.proposal.name, d.article.proposal);
  if (proposals.size > 0) {
    out.push('  机构名录 content/orgs.yaml 里还没有这些机构，核对后加在 orgs: 下面（地区、上级机构请补全）：');
    for (const p of proposals.values()) out.push(proposalYaml(p).split('\n').map((l) => `  ${l}`).join('\n'));
  }
  out.push(`  下一步：补齐草稿里标“请填写”的地方，然后运行 ${checkCommand}`);
  return out.join('\n');
}
