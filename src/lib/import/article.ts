/**
 * From a laid-out document to articles with their fields: title, org (registry or proposed), publication
 * date, authors, Markdown body and figures.
 */
import type { Org } from '../../schemas/org.ts';
import type { FigureVocabulary } from '../figures/index.ts';
import type { Catalog, OrgRegistry } from '../model.ts';
import { articleYear } from './asof.ts';
import { extractFigures, type ExtractedFigure, type SetAsideFigure } from './figures.ts';
import { layOut, type Paragraph, type SourceDoc } from './layout.ts';
import { findOrgs, nonBankName, orgKey, proposedOrg, proposeOrg, stripProvince, type OrgMention, type OrgProposal, type ResolvedOrg } from './orgs.ts';
import { NON_BANK_SUFFIXES } from '../figures/claim-words.ts';
import { normalizeOrgName } from '../catalog.ts';
import { collapseSpaces } from './text.ts';

export interface ImportedArticle {
  /** The headline as printed (org line + title, subtitle after a space); null when the item has none. */
  title: string | null;
  /** The org's registry name, or the printed name of an org the registry does not know. */
  org: string | null;
  /** The registry entry, when known. */
  registryOrg?: Org;
  /** A registry entry to add, when the org is unknown. */
  proposal?: OrgProposal;
  /** Other orgs the article could be by, when its headline names none and its lead names several. */
  orgCandidates?: string[];
  /** The item is a company's that is no bank (中国电信于都分公司): no draft is written for it. */
  nonBank?: string;
  date: string | null;
  year?: number;
  authors: string[];
  credits: string[];
  paragraphs: Paragraph[];
  /** Standalone captions of photos the text has no file for. */
  captions: string[];
  figures: ExtractedFigure[];
  setAside: SetAsideFigure[];
}

export interface ImportContext {
  catalog: Catalog;
  registry: OrgRegistry;
  vocab: FigureVocabulary;
  /** ASCII id for a proposed org (pinyin of its place name). */
  toId: (name: string) => string;
}

function titleOf(headline: string[], orgLine: string | undefined): string | null {
  if (headline.length === 0) return null;
  const lines = orgLine ? headline.slice(1) : headline;
  const joined = lines.join(' ').replace(/\s+(?=——|—)/g, '').replace(/\s+/g, ' ').trim();
  const t = (orgLine ? `${orgLine}${joined}` : joined).replace(/^【[^】]{1,10}】\s*/, '').replace(/^[#＃]+\s*/, '').replace(/^(?:标题|题目|主题)\s*[：:]\s*/, '');
  return t || null;
}

/** Company words of the claim reader's table that make a name a company's (公司, 集团). */
const COMPANY = new RegExp(`[\\u4e00-\\u9fff]{2,14}?(?:${NON_BANK_SUFFIXES.filter((w) => /公司|集团$/.test(w)).join('|')})`);

/**
 * A lead sentence that speaks of a company that is no bank and of no bank at all (今年以来，中国电信于都分公司加快…):
 * the item is the company's.
 */
function companyLead(lead: string, banks: OrgMention[]): string | undefined {
  const sentence = lead.split(/[。！？]/)[0] ?? '';
  if (banks.some((m) => m.start < sentence.length)) return undefined;
  for (const clause of sentence.split('，').slice(0, 2)) {
    const company = COMPANY.exec(clause);
    if (company) return nonBankName(company[0]);
  }
  return undefined;
}

export function importDocument(doc: SourceDoc, ctx: ImportContext): ImportedArticle[] {
  const laid = layOut(doc, ctx.registry);
  const pub = laid.dates[0];
  const single = laid.articles.length === 1;
  return laid.articles.map((a) => {
    const title = titleOf(a.headline, a.orgLine);
    const textParas = a.paragraphs.filter((p) => p.kind === 'p' || p.kind === 'li' || p.kind === 'h2');
    const firstText = textParas.filter((p) => p.kind !== 'h2').slice(0, 2).map((p) => p.text).join('');
    const inHeadline = findOrgs(a.headline.join(''), ctx.registry).filter((m) => !m.parent);
    const inLead = findOrgs(firstText, ctx.registry).filter((m) => !m.parent);
    const allText = textParas.map((p) => collapseSpaces(p.text)).join('\n');
    const candidates = [...inHeadline, ...inLead, ...findOrgs(allText, ctx.registry)].filter((m) => !m.parent);
    const nonBank = a.nonBank ?? (inHeadline.length === 0 ? companyLead(firstText, inLead) : undefined);
    const mention = nonBank ? undefined : candidates[0];
    let org: string | null = null;
    let registryOrg: Org | undefined;
    let proposal: OrgProposal | undefined;
    let orgCandidates: string[] | undefined;
    if (mention?.org) {
      registryOrg = mention.org;
      org = mention.org.name;
    } else if (mention) {
      // The fullest way the article prints this org (建设银行贵州毕节分行 for 建行毕节分行), the others its aliases.
      const key = orgKey(mention.text);
      const forms = [...new Set(candidates.filter((m) => !m.org && orgKey(m.text) === key).map((m) => m.text.replace(/\s+/g, '')))];
      // 建设银行贵州毕节分行（以下简称“毕节建行”）: the short name is one of its names too.
      for (const f of [...forms]) {
        const short = new RegExp(`${f}\\s*[（(]\\s*(?:以下)?简称\\s*[“"]([^”"]{2,10})[”"]`).exec(allText);
        if (short) forms.push(short[1]!);
      }
      const full = forms.reduce((best, f) => (f.length > best.length ? f : best), mention.text.replace(/\s+/g, ''));
      org = stripProvince(normalizeOrgName(full)).name;
      proposal = proposeOrg(full, ctx.toId, forms.filter((f) => f !== full));
    }
    // No org in the headline and several in the lead: the first is a guess, the others are listed.
    if (mention && inHeadline.length === 0) {
      const others = [...new Map(inLead.filter((m) => (m.org ? m.org.id !== mention.org?.id : orgKey(m.text) !== orgKey(mention.text))).map((m) => [m.org?.name ?? m.text, m])).keys()];
      if (others.length > 0) orgCandidates = others;
    }
    // An org the registry lacks is read as the entry proposed for it, with every name the article gives it.
    const claimant: ResolvedOrg | undefined = proposal ? { text: proposal.name, org: proposedOrg(proposal) } : mention;
    const bodyText = a.paragraphs.map((p) => p.text).join('\n');
    // A table is read as the check reads it, one passage whose header's date (截至6月末) holds for every row; each
    // row is a sentence of it, so what a figure counts is read from its own row.
    const figureLines = a.paragraphs.map((p) => (p.kind === 'p' || p.kind === 'li' ? collapseSpaces(p.text) : p.kind === 'table' ? `${p.text.split('\n').join('。')}。` : ''));
    const year = articleYear(bodyText, pub);
    const { figures, setAside } = nonBank ? { figures: [], setAside: [] } : extractFigures(
      figureLines,
      { catalog: ctx.catalog, registry: ctx.registry, vocab: ctx.vocab, ...(claimant ? { org: claimant } : {}), ...(year ? { year } : {}), ...(pub ? { pub } : {}) },
    );
    return {
      title,
      org,
      ...(registryOrg ? { registryOrg } : {}),
      ...(proposal ? { proposal } : {}),
      ...(orgCandidates ? { orgCandidates } : {}),
      ...(nonBank ? { nonBank } : {}),
      date: pub ?? null,
      ...(year ? { year } : {}),
      authors: a.authors.length > 0 ? a.authors : single ? laid.footerAuthors : [],
      credits: [...a.credits, ...(single ? laid.footerCredits : [])],
      paragraphs: a.paragraphs,
      captions: a.paragraphs.filter((p) => p.kind === 'caption').map((p) => p.text),
      figures,
      setAside,
    };
  });
}

/** The body as Markdown: paragraphs, ## section headings, lists, images with their captions. */
export function bodyMarkdown(a: ImportedArticle, imageSrc: (name: string) => string | undefined): string {
  const out: string[] = [];
  const ps = a.paragraphs;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (p.kind === 'h2') out.push(`## ${escapeMd(p.text)}`);
    else if (p.kind === 'li') {
      // Consecutive items form one list.
      const items = [p.text];
      while (ps[i + 1]?.kind === 'li') items.push(ps[++i]!.text);
      out.push(items.map((t) => `- ${escapeMd(t)}`).join('\n'));
    } else if (p.kind === 'image') {
      const src = p.image ? imageSrc(p.image) : undefined;
      const caption = ps[i + 1]?.kind === 'caption' ? ps[++i]!.text : '';
      if (src) out.push(`![${escapeMd(caption || '图片')}](${src})${caption ? `\n\n*${escapeMd(caption)}*` : ''}`);
      else if (caption) out.push(`*${escapeMd(caption)}*`);
    } else if (p.kind === 'table' && p.rows) {
      // A GFM table, its first row the header; every cell escaped like any text.
      const width = Math.max(...p.rows.map((r) => r.length));
      const row = (cells: string[]) => `| ${Array.from({ length: width }, (_, k) => escapeMd(cells[k] ?? '')).join(' | ')} |`;
      out.push([row(p.rows[0]!), `|${' --- |'.repeat(width)}`, ...p.rows.slice(1).map(row)].join('\n'));
    } else if (p.kind === 'caption') continue;
    else out.push(escapeMd(p.text));
  }
  return out.join('\n\n');
}

/**
 * Text from Word or a text file is text: every character Markdown, GFM or MDX would read as markup is escaped,
 * so `<script>`, `*重点*` or `| 表 |` typed in a paragraph appear on the page exactly as typed. Anywhere in a
 * line: HTML and autolinks (< > &), emphasis and strikethrough (* _ ~), code (`), links and images ([ ]),
 * table cells (|), headings' closing #, MDX expressions ({ }) and the backslash itself; a typed web address
 * (http://, www.) too, which GFM would make a link that swallows the escapes after it. At a line's start:
 * list items (- + 1. 1)), thematic breaks (---) and setext underlines (===).
 */
function escapeMd(s: string): string {
  return s
    .replace(/[\\`*_{}[\]<>#|~&]/g, '\\$&')
    .replace(/\b(https?|ftp)(:\/\/)/gi, '$1\\$2')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    .replace(/^(\s*)([-+=])(?=\s|$|[-+=])/gm, '$1\\$2');
}
