/**
 * Undoes page layout. Text extracted from a newspaper PDF breaks every column line, puts blank lines in the
 * middle of sentences, sets headlines after their bodies or at the bottom of the page, and runs several items
 * together; WeChat and Word text has one paragraph per line. This turns either into articles: headline, org
 * line, bylines, paragraphs, section headings and captions, each with the article it belongs to.
 *
 * How an item is recognised, in the order the evidence is strong:
 * - a byline closes an item (…授牌。 李勇 刘军 唐智宏) or opens one (□通讯员 于萌 李媛, 本报讯（通讯员 …）);
 * - an org line (盐亭农商银行) starts a headline, the next line is its title;
 * - a short line without sentence punctuation, standing alone between blank lines at the end of a sentence, is a
 *   heading: an article's headline when it names an org (or follows one), otherwise a section heading;
 * - headlines go to the body that names the same org, the body right after them first, then the nearest
 *   headless body before them (pages print headlines above, below, or at the bottom of the page).
 */
import type { OrgRegistry } from '../model.ts';
import { closingBracketByline, creditLine, namesLine, openingByline, photoCredit, trailingNames } from './names.ts';
import { findOrgs, nonBankName, sameOrg, type OrgMention } from './orgs.ts';
import { furniture } from './furniture.ts';
import { CJK, SENTENCE_END, cleanHeadline, collapseSpaces, dedupeRepeats, fullWidthPunctuation, halfWidth } from './text.ts';

export type LineStyle = 'h1' | 'h2' | 'h3' | 'li' | 'p' | 'image' | 'row';

export interface SourceLine {
  text: string;
  style?: LineStyle;
  /** Bold throughout (a Word title set in bold rather than as a heading). */
  bold?: boolean;
  /** For an image: the name the reader gave it (see src/import). */
  image?: string;
  /** For a table row: its cells. */
  cells?: string[];
}

export interface SourceDoc {
  lines: SourceLine[];
  /** Paragraphs are real (Word, Markdown): no column lines to join. */
  structured: boolean;
}

export type ParagraphKind = 'p' | 'h2' | 'li' | 'image' | 'caption' | 'table';

export interface Paragraph {
  kind: ParagraphKind;
  /** A table's text is its rows, a line each, cells apart by a space. */
  text: string;
  image?: string;
  /** A table's rows, the first one its header. */
  rows?: string[][];
}

export interface LaidOutArticle {
  /** Headline lines, org line first when printed (盐亭农商银行 / 开展…活动). */
  headline: string[];
  /** The org line of the headline, if any. */
  orgLine?: string;
  /** The org line names a company that is no bank (中国电信于都分公司): the item is someone else's. */
  nonBank?: string;
  paragraphs: Paragraph[];
  authors: string[];
  /** Photo credits (邓华 摄). */
  credits: string[];
}

export interface LaidOutDoc {
  articles: LaidOutArticle[];
  /** Dates the page prints outside the articles (date line, WeChat header, signature). */
  dates: string[];
  /** Writers named in a footer (文字：…), for every article of the document. */
  footerAuthors: string[];
  footerCredits: string[];
}

type Token =
  | { k: 'p'; text: string; kind: ParagraphKind; image?: string; rows?: string[][] }
  | { k: 'h'; text: string; title: boolean; org: boolean }
  | { k: 'org'; text: string; nonBank?: boolean }
  | { k: 'cap'; text: string }
  | { k: 'by'; authors: string[] }
  | { k: 'close'; authors: string[] }
  | { k: 'credit'; credit: string };

/** A subtitle set under a title: ——陕西富平农商银行开展反诈宣传月活动. */
const SUBTITLE = /^\s*(?:——|—|--)\s*\S/;
const PARA_END = /[。！？!?…；;：:]["”’」』）)】]*$/;
const OPENER = /^(?:[“"]|近日|日前|近期|目前|当前|今年以来|近年来|去年以来|年初以来|\d{1,2}月以来|\d{4}\s*年以来|\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|本报讯|据了解|为(?:进一步|深入|切实|全面|持续|有效|更好|积极|扎实|加快|提升|推动|助力|落实|做好)|在[^，。]{2,20}(?:中|下|上|之际|期间|背景下)，|\d{4}\s*年[^，。]{0,12}期间)/;

function hasOrg(text: string, registry: OrgRegistry): boolean {
  return findOrgs(text, registry).some((m) => !m.parent);
}

/** The whole line is one org's name (盐亭农商银行, 中国银行湖南省分行), or a company's (中国电信于都分公司). */
function isOrgLine(text: string, registry: OrgRegistry): boolean {
  const t = text.replace(/\s+/g, '');
  if (t.length > 16 || /[，。；：、！？“”]/.test(t)) return false;
  const m = findOrgs(t, registry);
  return m.length === 1 && m[0]!.start === 0 && m[0]!.end === t.length || nonBankName(t) !== undefined;
}

/** A photo caption standing as a line: 图为…, 上图：…, ▲ 村民在…. */
const CAPTION_START = /^(?:图为|[（(]?(?:上|下|左|右|组|题)?图[：:]|[▲△▼↑])/;

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const visibleLength = (s: string): number => s.replace(/\s+/g, '').length;

/** A caption standing as its own paragraph: 图为…, …（林道辉 摄）, or one short sentence naming a bank doing something. */
function isCaption(text: string, registry: OrgRegistry): boolean {
  const t = text.trim();
  if (/^图为/.test(t) || /^[（(]?图[：:]/.test(t) || /^[▲△▼↑]/.test(t)) return true;
  if (photoCredit(t) && t.length <= 90) return true;
  if (t.length > 60 || /[，,；;：:]/.test(t) || !/。$/.test(t) || (t.match(/。/g) ?? []).length > 1) return false;
  const first = findOrgs(t, registry)[0];
  return first !== undefined && first.start === 0 && !/^(该行|全行)/.test(t);
}

/** Lines of a document as tokens: paragraphs joined, headings and bylines recognised, furniture dropped. */
function tokenize(doc: SourceDoc, registry: OrgRegistry, sink: { dates: string[]; authors: string[]; credits: string[] }): Token[] {
  const isOrgName = (s: string) => hasOrg(s, registry) && findOrgs(s, registry).some((m) => m.end - m.start >= s.length - 1);
  const lines = doc.lines.map((l) => ({ ...l, text: fullWidthPunctuation(halfWidth(l.text)).replace(/\s+$/, '') }));
  // Furniture first: it may sit in the middle of a sentence broken across a page.
  const kept: (SourceLine | null)[] = [];
  for (const l of lines) {
    if (!l.text.trim() || l.style === 'image' || l.style === 'row') {
      kept.push(l);
      continue;
    }
    const text = l.text.replace(/^\*\*(.*)\*\*$/, '$1');
    const f = furniture(text, isOrgName);
    if (!f) {
      kept.push(l);
      continue;
    }
    // The list of other posts a WeChat page ends with: their titles are no articles.
    if (f.kind === 'related') break;
    // A briefing's masthead: the one or two short lines above 工作简报 / 第12期 name the series, not an article.
    if (f.kind === 'issue') {
      const before = kept.filter((k): k is SourceLine => k !== null && k.text.trim() !== '');
      if (before.length <= 2 && before.every((k) => visibleLength(k.text) <= 20 && !/[，。；：！？]/.test(k.text))) kept.fill(null);
    }
    if (f.date) sink.dates.push(f.date);
    if (f.authors) sink.authors.push(...f.authors);
    if (f.photographer) sink.credits.push(`${f.photographer} 摄`);
    kept.push(null);
  }
  const body = kept.filter((l): l is SourceLine => l !== null);
  const textLines = body.filter((l) => visibleLength(l.text) >= 8 && l.style !== 'image');
  const width = median(textLines.map((l) => visibleLength(l.text)));
  // Column text breaks most lines mid-sentence; one paragraph per line ends most lines with punctuation.
  const unfinished = textLines.filter((l) => !PARA_END.test(l.text.trim())).length;
  const columns = !doc.structured && width <= 30 && unfinished > textLines.length / 2;

  const tokens: Token[] = [];
  let buf: string | undefined;
  let open = false;
  // Captions and credits lifted out of a sentence a column break cut: they follow the paragraph once it ends.
  let lifted: Token[] = [];
  const flush = () => {
    if (buf !== undefined && buf.trim()) tokens.push({ k: 'p', text: buf, kind: 'p' });
    tokens.push(...lifted);
    lifted = [];
    buf = undefined;
    open = false;
  };
  /** A caption or a credit line: set aside, and the sentence it interrupts goes on. */
  const lift = (...xs: Token[]) => {
    if (buf !== undefined && open) lifted.push(...xs);
    else {
      flush();
      tokens.push(...xs);
    }
  };
  /** Short lines without sentence punctuation down to an opening byline are a headline (引题, 主题, 副题). */
  const beforeByline = (i: number): boolean => {
    let n = 0;
    for (let j = i; j < body.length && n < 4; j++) {
      const t = body[j]!.text.trim();
      if (!t) continue;
      const by = openingByline(t);
      if (by && !by.rest) return n > 0;
      // An org line starts a headline: a line above it is a section's banner.
      if (j > i && isOrgLine(t, registry)) return false;
      if (visibleLength(t) > 36 || /[。；，]/.test(t) || PARA_END.test(t) || CAPTION_START.test(t)) return false;
      n++;
    }
    return false;
  };
  const nextNonBlank = (i: number): number => {
    let j = i + 1;
    while (j < body.length && !body[j]!.text.trim()) j++;
    return j;
  };
  const lastTokenKind = () => tokens[tokens.length - 1]?.k;

  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const raw = line.text;
    const t = raw.trim().replace(/^\*\*(.*)\*\*$/, '$1');
    if (line.style === 'image') {
      flush();
      tokens.push({ k: 'p', text: t, kind: 'image', ...(line.image ? { image: line.image } : {}) });
      continue;
    }
    if (line.style === 'row') {
      // A table's rows stay a table: one paragraph, a row a line.
      flush();
      const cells = (line.cells ?? [t]).map((c) => collapseSpaces(fullWidthPunctuation(halfWidth(c))));
      const last = tokens[tokens.length - 1];
      if (last?.k === 'p' && last.kind === 'table' && body[i - 1]?.style === 'row') {
        last.rows!.push(cells);
        last.text += `\n${cells.join(' ')}`;
      } else tokens.push({ k: 'p', text: cells.join(' '), kind: 'table', rows: [cells] });
      continue;
    }
    if (!t) {
      if (doc.structured) flush();
      continue;
    }
    const blankBefore = i === 0 || !body[i - 1]!.text.trim();
    const j = nextNonBlank(i);
    const blankAfter = j >= body.length || j > i + 1;
    const next = j < body.length ? body[j]!.text.trim() : '';

    // Structured headings.
    if (line.style === 'h1' || line.style === 'h2' || line.style === 'h3') {
      flush();
      tokens.push({ k: 'h', text: cleanHeadline(t), title: line.style === 'h1', org: hasOrg(t, registry) });
      continue;
    }
    if (line.style === 'li') {
      flush();
      tokens.push({ k: 'p', text: t, kind: 'li' });
      continue;
    }

    // Photo captions and credits, wherever the page set them, even inside a sentence: 图为…（钟华 摄）, 中国银行图.
    const creditOnly = creditLine(t, isOrgName);
    if (creditOnly) {
      lift(...(creditOnly.caption ? [{ k: 'cap', text: creditOnly.caption } as Token] : []), { k: 'credit', credit: creditOnly.credit });
      continue;
    }
    if (CAPTION_START.test(t)) {
      // A caption broken across column lines ends at its full stop or its credit.
      let text = t;
      while (columns && !/[。）)摄]$/.test(text) && i + 1 < body.length && body[i + 1]!.text.trim() && visibleLength(text) < 80) text += body[++i]!.text.trim();
      const c = photoCredit(text);
      lift({ k: 'cap', text: (c?.text ?? text).replace(/^[▲△▼↑]\s*/, '') }, ...(c?.credit ? [{ k: 'credit', credit: c.credit } as Token] : []));
      continue;
    }
    const trailing = photoCredit(t);
    if (trailing?.credit && trailing.text && visibleLength(trailing.text) <= 60 && (trailing.text.match(/。/g) ?? []).length <= 1 && (open || !doc.structured && !columns)) {
      lift({ k: 'cap', text: trailing.text }, { k: 'credit', credit: trailing.credit });
      continue;
    }

    // （通讯员 温娜） after a paragraph closes that item; before any text it opens the next one.
    const bracketFirst = /^[（(].*[）)]$/.test(t) && (buf !== undefined || lastTokenKind() === 'p') && !open ? closingBracketByline(t) : undefined;
    if (bracketFirst) {
      flush();
      tokens.push({ k: 'close', authors: bracketFirst });
      continue;
    }
    const by = openingByline(t);
    if (by) {
      flush();
      tokens.push({ k: 'by', authors: by.authors });
      if (by.rest) {
        // 本报讯 近日，…较年初增加6.2亿元。（通讯员 马晓东）: a whole item on one line.
        const closing = /^(.*[。！？!?”])\s*([（(][^（()）]{2,30}[）)])\s*$/.exec(by.rest);
        const names = closing ? closingBracketByline(closing[2]!) : undefined;
        if (closing && names) {
          tokens.push({ k: 'p', text: closing[1]!, kind: 'p' }, { k: 'close', authors: names });
          continue;
        }
        buf = by.rest;
        open = !SENTENCE_END.test(by.rest);
      }
      continue;
    }
    const bracket = closingBracketByline(t);
    if (bracket && !open && (buf !== undefined || lastTokenKind() === 'p')) {
      flush();
      tokens.push({ k: 'close', authors: bracket });
      continue;
    }
    if (!open && isOrgLine(t, registry)) {
      flush();
      const name = t.replace(/\s+/g, '');
      tokens.push({ k: 'org', text: name, ...(nonBankName(name) ? { nonBank: true } : {}) });
      continue;
    }
    const onlyNames = !open && (blankAfter || j >= body.length || isOrgLine(next, registry)) ? namesLine(t) : undefined;
    if (onlyNames && (lastTokenKind() === 'p' || buf !== undefined)) {
      flush();
      tokens.push({ k: 'close', authors: onlyNames });
      continue;
    }

    if (!open || doc.structured) {
      flush();
      const punct = /[。，；：、！？!?;,]/.test(t.replace(/[！？!?]$/, ''));
      const afterOrgLine = lastTokenKind() === 'org';
      const short = visibleLength(t) <= (doc.structured ? 60 : 40);
      const boundary = tokens.length === 0 || ['close', 'org', 'h', 'by'].includes(lastTokenKind() ?? '') || blankBefore;
      let heading = false;
      let title = false;
      if (lastTokenKind() === 'h' && SUBTITLE.test(t) && short) {
        // ——陕西富平农商银行开展反诈宣传月活动: the subtitle under a title.
        heading = true;
        title = true;
      } else if (afterOrgLine && short && !/[。；]/.test(t)) {
        heading = true;
        title = true;
      } else if (!punct && beforeByline(i)) {
        heading = true;
        title = true;
      } else if (tokens.length === 0 && !doc.structured && visibleLength(t) <= 64 && !PARA_END.test(t) && !/^[“"]/.test(t) && !/[。；]/.test(t)
        && (!columns || !/[，、；]/.test(t) && (blankAfter || OPENER.test(next.replace(/\s+/g, '')) || SUBTITLE.test(next) || openingByline(next) !== undefined))) {
        // The first line of a document is its title.
        heading = true;
        title = true;
      } else if (doc.structured && line.bold && short && !PARA_END.test(t) && tokens.filter((x) => x.k === 'p').length === 0) {
        heading = true;
        title = true;
      } else if (columns) {
        if (!punct && short && visibleLength(t) <= 32 && boundary) {
          const isolated = blankBefore && (blankAfter || isOrgLine(next, registry));
          const beforeOpener = (OPENER.test(next.replace(/\s+/g, '')) || SUBTITLE.test(next) || openingByline(next) !== undefined) && !PARA_END.test(t);
          if (isolated || beforeOpener) {
            heading = true;
            title = beforeOpener && !isolated;
          }
        }
      } else if (!PARA_END.test(t) && short && !/[。；]/.test(t) && !isCaption(t, registry)) {
        heading = true;
        // A paragraph-per-line document: a line before an opening byline or a news opener is a title.
        title = tokens.length === 0 || openingByline(next) !== undefined;
      }
      if (heading) {
        tokens.push({ k: 'h', text: cleanHeadline(t), title, org: hasOrg(t, registry) });
        continue;
      }
    }

    // A photo caption on its own line (▲ 村民在…) has no full stop but ends there.
    if (!columns && !open && /^[▲△▼↑]/.test(t)) {
      flush();
      tokens.push({ k: 'p', text: t, kind: 'p' });
      continue;
    }
    // Text: joined to the open paragraph, or starting one.
    let text = raw;
    const credit = photoCredit(text);
    if (credit && (credit.credit || /摄/.test(text))) {
      if (credit.credit) tokens.push({ k: 'credit', credit: credit.credit });
      text = credit.text;
      if (!text.trim()) continue;
    }
    // After the last full stop of an item, before a blank line or the end, short words are a byline; so is a
    // bracketed one: …较年初增加6.2亿元。（通讯员 马晓东）
    const inBracket = /^(.*[。！？!?”])\s*([（(][^（()）]{2,30}[）)])\s*$/.exec(text.trim());
    const bracketNames = inBracket ? closingBracketByline(inBracket[2]!) : undefined;
    const tail = bracketNames ? { text: inBracket![1]!, authors: bracketNames } : trailingNames(text, blankAfter);
    if (tail) {
      buf = buf === undefined ? tail.text : joinLines(buf, tail.text);
      flush();
      tokens.push({ k: 'close', authors: tail.authors });
      continue;
    }
    buf = buf === undefined ? text : joinLines(buf, text);
    // A bracketed byline broken across lines closes the item once whole: …亿元。（通讯员 何\n静）
    const joinedClosing = /^(.*[。！？!?”])\s*([（(][^（()）]{2,30}[）)])\s*$/.exec(buf.trim());
    const joinedNames = joinedClosing ? closingBracketByline(joinedClosing[2]!.replace(/\s+/g, ' ')) : undefined;
    if (joinedClosing && joinedNames) {
      buf = joinedClosing[1]!;
      flush();
      tokens.push({ k: 'close', authors: joinedNames });
      continue;
    }
    // A quotation broken after a full stop goes on: “…帮助我。\n请大家…”
    open = !PARA_END.test(text.trim()) || (buf.match(/“/g) ?? []).length > (buf.match(/”/g) ?? []).length;
    if (doc.structured) flush();
  }
  flush();
  // A section's banner (企业风采, 乡村振兴) stands right above the next item's headline: it names no article. A
  // headline's own second line stands there too, while its headline has room (an org line and one line, or two).
  let room = 0;
  return tokens.filter((tok, i) => {
    const next = tokens[i + 1];
    if (tok.k === 'h' && !tok.title && !tok.org && room === 0 && next && (next.k === 'org' || next.k === 'h' && next.title)) return false;
    room = tok.k === 'org' ? 1 : tok.k === 'h' ? (room > 0 ? room - 1 : tok.title || tok.org ? 1 : 0) : 0;
    return true;
  });
}

function joinLines(a: string, b: string): string {
  const left = a.replace(/\s+$/, '');
  const right = b.replace(/^\s+/, '');
  // Latin words keep their space; Chinese text never had one.
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z]/.test(right) ? `${left} ${right}` : left + right;
}

interface HeadGroup {
  kind: 'head';
  lines: string[];
  orgLine?: string;
  nonBank?: boolean;
  org?: OrgMention;
  /** Index of the first body after it. */
  at: number;
}

interface Body {
  kind: 'body';
  paragraphs: Paragraph[];
  authors: string[];
  credits: string[];
  closed: boolean;
  headline?: HeadGroup;
}

/** Lays a document out into articles. */
export function layOut(doc: SourceDoc, registry: OrgRegistry): LaidOutDoc {
  const sink = { dates: [] as string[], authors: [] as string[], credits: [] as string[] };
  const tokens = tokenize(doc, registry, sink);

  const segments: (HeadGroup | Body)[] = [];
  const current = () => segments[segments.length - 1];
  const newBody = (): Body => {
    const b: Body = { kind: 'body', paragraphs: [], authors: [], credits: [], closed: false };
    segments.push(b);
    return b;
  };
  const openBody = (): Body => {
    const c = current();
    return c && c.kind === 'body' && !c.closed ? c : newBody();
  };
  const orgOf = (text: string): OrgMention | undefined => findOrgs(text.replace(/\s+/g, ''), registry).find((m) => !m.parent);
  for (const tok of tokens) {
    const c = current();
    switch (tok.k) {
      case 'org':
        segments.push({ kind: 'head', lines: [], orgLine: tok.text, org: orgOf(tok.text), at: -1, ...(tok.nonBank ? { nonBank: true } : {}) });
        break;
      case 'cap':
        openBody().paragraphs.push({ kind: 'caption', text: tok.text });
        break;
      case 'h': {
        const inOpenBody = c?.kind === 'body' && !c.closed && c.paragraphs.length > 0;
        const headOpen = c?.kind === 'head' && c.lines.length < (c.orgLine ? 1 : 2) && !(tok.org && (c.org || c.lines.length === 0 && c.orgLine));
        if (headOpen && c?.kind === 'head') {
          c.lines.push(tok.text);
          if (!c.org && tok.org) c.org = orgOf(tok.text);
        } else if (tok.title || tok.org || !inOpenBody) {
          segments.push({ kind: 'head', lines: [tok.text], org: orgOf(tok.text), at: -1 });
        } else {
          openBody().paragraphs.push({ kind: 'h2', text: tok.text });
        }
        break;
      }
      case 'by': {
        const b = c?.kind === 'body' && !c.closed && c.paragraphs.length === 0 ? c : newBody();
        b.authors.push(...tok.authors);
        break;
      }
      case 'close': {
        const b = c?.kind === 'body' ? c : undefined;
        if (b) {
          b.authors.push(...tok.authors);
          b.closed = true;
        }
        break;
      }
      case 'credit':
        openBody().credits.push(tok.credit);
        break;
      case 'p': {
        const b = openBody();
        const kind: ParagraphKind = tok.kind === 'p' && isCaption(tok.text, registry) && b.paragraphs.length > 0 ? 'caption' : tok.kind;
        b.paragraphs.push({ kind, text: tok.text, ...(tok.image ? { image: tok.image } : {}), ...(tok.rows ? { rows: tok.rows } : {}) });
        break;
      }
    }
  }

  // Headlines to bodies.
  const bodies = segments.filter((s): s is Body => s.kind === 'body' && s.paragraphs.some((p) => p.kind === 'p' || p.kind === 'li' || p.kind === 'table'));
  const bodyOrgs = new Map<Body, OrgMention[]>();
  for (const b of bodies) {
    const lead = b.paragraphs.filter((p) => p.kind === 'p').slice(0, 2).map((p) => collapseSpaces(p.text)).join('');
    bodyOrgs.set(b, findOrgs(lead, registry).filter((m) => !m.parent));
  }
  const heads = segments.filter((s): s is HeadGroup => s.kind === 'head' && s.lines.length + (s.orgLine ? 1 : 0) > 0);
  const matches = (h: HeadGroup, b: Body) => !h.org || (bodyOrgs.get(b) ?? []).some((m) => sameOrg(m, h.org!));
  for (const h of heads) {
    const idx = segments.indexOf(h);
    const after = segments.slice(idx + 1).find((s): s is Body => s.kind === 'body');
    const nextSeg = segments[idx + 1];
    const directlyBefore = nextSeg?.kind === 'body' && bodies.includes(nextSeg) ? nextSeg : undefined;
    const earlier = segments.slice(0, idx).reverse().filter((s): s is Body => s.kind === 'body' && bodies.includes(s) && !s.headline);
    let target: Body | undefined;
    if (directlyBefore && !directlyBefore.headline && matches(h, directlyBefore) && (h.org || !directlyBefore.closed || true)) target = directlyBefore;
    if (!target && h.org) target = earlier.find((b) => matches(h, b));
    if (!target && h.org) target = segments.slice(idx + 1).filter((s): s is Body => s.kind === 'body' && bodies.includes(s) && !s.headline).find((b) => matches(h, b));
    if (!target && !h.org) target = directlyBefore && !directlyBefore.headline ? directlyBefore : earlier[0];
    if (!target && after && !after.headline && bodies.includes(after)) target = after;
    if (target) target.headline = h;
  }

  const articles: LaidOutArticle[] = bodies.map((b) => {
    const paragraphs = dedupeParagraphs(b.paragraphs.map((p) => ({ ...p, text: p.kind === 'image' || p.kind === 'table' ? p.text : dedupeRepeats(collapseSpaces(p.text), 3) })));
    return {
      headline: b.headline ? [...(b.headline.orgLine ? [b.headline.orgLine] : []), ...b.headline.lines] : [],
      ...(b.headline?.orgLine ? { orgLine: b.headline.orgLine } : {}),
      ...(b.headline?.nonBank ? { nonBank: b.headline.orgLine } : {}),
      paragraphs,
      authors: [...new Set(b.authors)],
      credits: [...new Set(b.credits)],
    };
  });
  return { articles, dates: sink.dates, footerAuthors: sink.authors, footerCredits: sink.credits };
}

/** A paragraph printed twice where columns overlap is kept once. */
function dedupeParagraphs(ps: Paragraph[]): Paragraph[] {
  const seen = new Set<string>();
  const out: Paragraph[] = [];
  for (const p of ps) {
    const key = p.text.replace(/\s+/g, '');
    if (p.kind === 'p' && key.length >= 12 && seen.has(key)) continue;
    // The tail of the previous paragraph repeated at the start of this one (overlapping columns).
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'p' && p.kind === 'p') {
      for (let len = Math.min(prev.text.length, p.text.length - 1); len >= 12; len--) {
        if (p.text.startsWith(prev.text.slice(prev.text.length - len))) {
          p.text = p.text.slice(len);
          break;
        }
      }
    }
    seen.add(key);
    out.push(p);
  }
  return out.filter((p) => p.text.trim() || p.kind === 'image');
}

export { CJK };
