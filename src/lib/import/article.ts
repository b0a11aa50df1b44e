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
import { findOrgs, proposeOrg, stripProvince, type OrgProposal } from './orgs.ts';
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

export function importDocument(doc: SourceDoc, ctx: ImportContext): ImportedArticle[] {
  const laid = layOut(doc, ctx.registry);
  const pub = laid.dates[0];
  const single = laid.articles.length === 1;
  return laid.articles.map((a) => {
    const title = titleOf(a.headline, a.orgLine);
    const textParas = a.paragraphs.filter((p) => p.kind === 'p' || p.kind === 'li' || p.kind === 'h2');
    const firstText = textParas.filter((p) => p.kind !== 'h2').slice(0, 2).map((p) => p.text).join('');
    const candidates = [
      ...findOrgs(a.headline.join(''), ctx.registry),
      ...findOrgs(firstText, ctx.registry),
      ...findOrgs(textParas.map((p) => p.text).join(''), ctx.registry),
    ].filter((m) => !m.parent);
    const mention = candidates[0];
    let org: string | null = null;
    let registryOrg: Org | undefined;
    let proposal: OrgProposal | undefined;
    if (mention?.org) {
      registryOrg = mention.org;
      org = mention.org.name;
    } else if (mention) {
      org = stripProvince(normalizeOrgName(mention.text.replace(/\s+/g, ''))).name;
      proposal = proposeOrg(mention.text.replace(/\s+/g, ''), ctx.toId);
    }
    const bodyText = a.paragraphs.map((p) => p.text).join('\n');
    const year = articleYear(bodyText, pub);
    const { figures, setAside } = extractFigures(
      a.paragraphs.map((p) => (p.kind === 'p' || p.kind === 'li' ? collapseSpaces(p.text) : '')),
      { catalog: ctx.catalog, registry: ctx.registry, vocab: ctx.vocab, ...(mention ? { org: mention } : {}), ...(year ? { year } : {}), ...(pub ? { pub } : {}) },
    );
    return {
      title,
      org,
      ...(registryOrg ? { registryOrg } : {}),
      ...(proposal ? { proposal } : {}),
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
