/**
 * What a sentence claims with a figure it prints: whose figure it is (this bank, a part of it, someone else), what
 * it counts (the topic and measure words around it, and the catalog metric they name), when (the sentence's time
 * words), and how wide (a branch, product, project, segment, a period reaching back further than the report). The
 * check, the importer and the source links all read a figure through here, so they cannot disagree about it.
 *
 * It reads as a reader does: the clause that prints the figure first, then the clauses before it in the same
 * sentence, then the sentences before it in the same paragraph ("antecedent"). A sentence ends at 。！？ and at a
 * line break; ；and ，only end clauses, so 截至3月末，该行存款……；贷款…… is one sentence with one date and subject.
 * Where nothing says whose, the article's own bank is meant ("default"). Every result says where it was read.
 * Pure: offsets are into the text given.
 */
import type { MetricDefinition } from '../../schemas/catalog.ts';
import type { FoundFigure } from './find.ts';
import type { Span } from './sentences.ts';
import { readTimeExpressions, type TimeExpression } from './claim-dates.ts';
import {
  BANK_ACTION_AFTER, BANK_BRANDS, LABEL_SUBJECT, LABEL_TRAILING, OBJECT_LEAD, PARTNER_BRANDS, BANK_SUFFIXES, CHANGE_WORDS, NOT_IN_NAME, PARENT_LEAD, COMPATIBLE_MEASURES, CUMULATIVE, LEADING_PHRASES, LOAN_SEGMENTS, MEASURE_WORDS,
  NON_BANK_SUFFIXES, OTHER_DEMONSTRATIVE, OTHER_SUBJECT_WORDS, PART_OF_WORDS, PART_SUFFIXES, PER_UNIT_WORDS, PERIOD_SCOPE,
  PLAN_DONE, PLAN_WORDS, PROJECT_LEAD, PROJECT_WORDS, SELF_BRANCH_WORDS, SELF_WORDS, SHARE_WORDS, SOURCE_CITATION, TOPIC_WORDS,
} from './claim-words.ts';


/** Where a reading came from: the figure's clause, an earlier clause of its sentence, an earlier sentence, or nowhere. */
export type Via = 'clause' | 'sentence' | 'antecedent' | 'default';

export interface ClaimSubject {
  /** self: the reporting organisation; part: a branch, outlet or department of it; other: anyone else. */
  kind: 'self' | 'part' | 'other';
  /** The words that say so, as printed (该行, 全国, 城关支行, 据人民银行统计). */
  words?: string;
  via: Via;
}

export interface ClaimScope {
  kind: 'branch' | 'product' | 'project' | 'segment' | 'period' | 'cumulative';
  words: string;
}

export interface ClaimDate extends TimeExpression {
  via: Exclude<Via, 'default'>;
}

export interface Claim {
  figure: Span;
  sentence: Span;
  /** The clause that prints the figure. */
  clause: Span;
  subject: ClaimSubject;
  /** What is counted: 存款, 普惠小微贷款 … (TOPIC_WORDS), and the words printed. */
  topic?: { topic: string; words: string; via: Via };
  /** A loan segment the catalog has no metric for (个人经营贷款): a part of the bank's loans. */
  segment?: string;
  /** What is measured of it: 余额, 较年初, 同比, 发放 … (MEASURE_WORDS). */
  measure?: { measure: string; words: string; via: 'clause' | 'sentence' };
  /** A catalog metric whose name the clause prints right before the figure. */
  named?: { definition: MetricDefinition; words: string };
  date?: ClaimDate;
  scopes: ClaimScope[];
  /** Year ranges of plans and titles in the sentence before the figure: their years are no asOf. */
  ranges?: TimeExpression[];
  /** The figure is a target or plan: the word that says so. */
  plan?: string;
  /** A per-unit, average or rule figure (每户, 户均, 至少): the word. */
  perUnit?: string;
  /** A share or rate that cannot exceed 100 % (占比, 覆盖率): the word. */
  share?: string;
  /** Introduced by 其中 after another figure of the same unit in the sentence: that figure is its whole. */
  whole?: FoundFigure;
}

export interface ClaimOrg {
  name: string;
  short?: string;
  aliases: readonly string[];
  type?: string;
}

export interface ClaimContext {
  /** The reporting organisation; without it only pronouns (该行) say "this bank". */
  org?: ClaimOrg;
  /** Catalog metrics: their labels and aliases are the metric names a clause may print. */
  metrics: readonly MetricDefinition[];
  /** Publication day (YYYY-MM-DD): yearless dates are read against it. */
  pub: string;
  /** Offsets that end a sentence whatever they hold (line breaks between blocks, table cells). Default: '\n'. */
  breaks?: ReadonlySet<number>;
}

const SENTENCE_END = '。！？!?';
const CLAUSE_END = /[，,；;：:]/;
const CLOSERS = '”’」』）》】〕)]';

/** The names an article may call the org by: full, short, aliases, and the usual rewritings of them. */
export function orgNameVariants(org: ClaimOrg): string[] {
  const out = new Set<string>();
  for (const n of [org.name, org.short, ...org.aliases]) {
    if (!n) continue;
    out.add(n);
    out.add(n.replace(/农村商业银行/g, '农商银行'));
    out.add(n.replace(/农商银行/g, '农村商业银行'));
    out.add(n.replace(/农商银行$/, '农商行'));
    for (const brand of BANK_BRANDS) {
      for (const form of brand) {
        if (!n.includes(form)) continue;
        for (const other of brand) out.add(n.replace(form, other));
      }
    }
  }
  return [...out].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
}

/** The bank's brand (中国银行, 工行 …) when it is one of the big banks, for telling its branches from others'. */
function brandOf(name: string): readonly string[] | undefined {
  return BANK_BRANDS.find((forms) => forms.some((f) => name.includes(f)));
}

interface Sentence extends Span {
  paragraph: number;
  clauses: Span[];
}

interface Reader {
  text: string;
  ctx: ClaimContext;
  names: string[];
  brand: readonly string[] | undefined;
  sentences: Sentence[];
  times: TimeExpression[];
  metricNames: { name: string; definition: MetricDefinition }[];
  /** Subject each sentence leaves for the next: the subject of its last clause that names one. */
  carried: Map<number, ClaimSubject>;
}

function splitSentences(text: string, isBreak: (i: number) => boolean): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, paragraph, clauses: splitClauses(text, s, e) });
  };
  for (let i = 0; i < text.length; i++) {
    if (isBreak(i)) {
      push(i);
      start = i + 1;
      if (text[i] === '\n' || !text[i]) paragraph++;
      continue;
    }
    if (SENTENCE_END.includes(text[i]!)) {
      let e = i + 1;
      while (e < text.length && CLOSERS.includes(text[e]!) && !isBreak(e)) e++;
      push(e);
      start = e;
      i = e - 1;
    }
  }
  push(text.length);
  return out;
}

function splitClauses(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (c === '“' || c === '（' || c === '(') depth++;
    else if ((c === '”' || c === '）' || c === ')') && depth > 0) depth--;
    else if (depth === 0 && CLAUSE_END.test(c)) {
      out.push({ start: s, end: i });
      s = i + 1;
    }
  }
  out.push({ start: s, end });
  return out;
}

/**
 * What a figure counts in the article's own words, from the words before it in its clause: without the time
 * words and connectives that open the clause, the bank (or `subject`, the org's name as the caller reads it), and
 * the verb that joins the words to the figure. 截至3月末，该行共走访干部员工 → 走访干部员工. The importer and the
 * review screen both label figures this way.
 */
export function labelWords(words: string, subject: (s: string) => number = () => 0): string {
  let s = words.replace(/\s+/g, '');
  for (let changed = true; changed && s; ) {
    const before = s;
    s = stripLeading(s).rest;
    s = s.replace(LABEL_SUBJECT, '');
    const own = subject(s);
    if (own > 0) s = s.slice(own);
    changed = s !== before;
  }
  for (let m = LABEL_TRAILING.exec(s); m && s; m = LABEL_TRAILING.exec(s)) s = s.slice(0, -m[0].length);
  return s.replace(/^[、，,：:]+/, '');
}

/** A clause without its opening time words and connectives: what is left starts with its subject, if any. */
function stripLeading(s: string): { rest: string; cut: number } {
  let rest = s.replace(/^\s+/, '');
  let cut = s.length - rest.length;
  for (let changed = true; changed && rest; ) {
    changed = false;
    for (const re of LEADING_PHRASES) {
      const m = re.exec(rest);
      if (m && m[0].length > 0) {
        rest = rest.slice(m[0].length);
        cut += m[0].length;
        changed = true;
      }
    }
  }
  return { rest, cut };
}

const startsWithAny = (s: string, words: readonly string[]) => words.find((w) => s.startsWith(w));
const PLACE = /^([\u4e00-\u9fff]{1,6}?(?:自治州|自治县|省|市|县|区|州|盟|旗|镇|乡|村))/;
/** What a place as subject goes on to: a statistic of the place, not of a bank in it. */
const PLACE_STATISTIC = /^(?:地处|位于|境内|盛产|素有|是|有|拥有|作为)|^(?:的)?(?:[\u4e00-\u9fff]{0,4}?(?:资源|面积|人口|生产总值|GDP|财政|耕地|产量|产值|种植|养殖|常住|户籍)|共有|共发生|发生|发案|拥有|辖|金融机构|银行业|各金融|各银行|全社会|农户总数|企业总数|各项)/;

/** The subject a clause opens with, if it names one. */
function subjectAtStart(r: Reader, clause: string): Omit<ClaimSubject, 'via'> | undefined {
  let { rest } = stripLeading(clause);
  if (!rest) return undefined;
  const parent = PARENT_LEAD.exec(rest);
  if (parent && rest.length > parent[0].length) rest = stripLeading(rest.slice(parent[0].length)).rest;
  const cite = SOURCE_CITATION.exec(rest);
  if (cite) {
    const source = cite[1] ?? '';
    if (source && (r.names.some((n) => source.includes(n)) || SELF_WORDS.some((w) => source.includes(w)))) return { kind: 'self', words: cite[0] };
    if (source) return { kind: 'other', words: cite[0].replace(/[，,]$/, '') };
  }
  const self = r.names.find((n) => rest.startsWith(n)) ?? startsWithAny(rest, SELF_WORDS);
  if (!self && OBJECT_LEAD.test(rest)) return undefined;
  if (self) {
    // 介休农商银行城关支行: a part of the bank named after it.
    const after = rest.slice(self.length).replace(/^(?:下辖|所属|旗下|辖内)/, '');
    const part = partName(after);
    if (part) return { kind: 'part', words: part };
    return { kind: 'self', words: self };
  }
  const branchWord = startsWithAny(rest, SELF_BRANCH_WORDS);
  if (branchWord) {
    const kind = r.ctx.org && r.ctx.org.name.endsWith(branchWord.slice(-2)) ? 'self' : 'part';
    return { kind, words: branchWord };
  }
  const demo = OTHER_DEMONSTRATIVE.exec(rest);
  if (demo) return { kind: 'other', words: demo[0] };
  // 湖南省银行业, 全省农商银行: a region in front of an aggregate.
  const region = /^[\u4e00-\u9fff]{1,4}(?:省|市|县|区)(?=全|银行业|金融机构|农商银行系统|农信)|^[\u4e00-\u9fff]{2,3}(?=全[国省市县区])/.exec(rest);
  const afterRegion = region ? rest.slice(region[0].length) : rest;
  const other = startsWithAny(afterRegion, OTHER_SUBJECT_WORDS) ?? startsWithAny(rest, OTHER_SUBJECT_WORDS);
  if (other) return { kind: 'other', words: (region && afterRegion.startsWith(other) ? region[0] : '') + other };
  const partner = PARTNER_BRANDS.exec(rest);
  if (partner && !NOT_IN_NAME.test(partner[0])) return { kind: 'other', words: partner[0] };
  const institution = institutionAtStart(r, rest);
  if (institution) return institution;
  const place = PLACE.exec(rest);
  // 任丘市今年以来共发生…: the place's time words and connectives come before what it goes on to.
  if (place && PLACE_STATISTIC.test(stripLeading(rest.slice(place[1]!.length)).rest)) return { kind: 'other', words: place[1] };
  return undefined;
}

/** A named part right at the start of `s`: 城关支行, 营业部. */
function partName(s: string): string | undefined {
  // A short branch name only: a longer run is a sentence going on (积极对接辖内各支行, 建成服务点), not a name.
  const m = /^[\u4e00-\u9fff]{2,5}?(?:分行|支行|营业部|分理处|营业所|储蓄所)/.exec(s);
  if (!m || NOT_IN_NAME.test(m[0])) return undefined;
  return m[0];
}

/** A bank, branch or company named at the start of a clause, classified against the reporting org. */
function institutionAtStart(r: Reader, rest: string): Omit<ClaimSubject, 'via'> | undefined {
  const head = rest.slice(0, 24);
  let best: { end: number; suffix: string; bank: boolean } | undefined;
  for (const suffix of [...BANK_SUFFIXES, ...NON_BANK_SUFFIXES]) {
    const bank = (BANK_SUFFIXES as readonly string[]).includes(suffix);
    for (let at = head.indexOf(suffix); at >= 0; at = head.indexOf(suffix, at + 1)) {
      const end = at + suffix.length;
      const name = head.slice(0, end);
      if (!/^[\u4e00-\u9fff]+$/.test(name) || name.length > 16 || NOT_IN_NAME.test(name.slice(0, at)) || (at === 0 && suffix.length < 3)) continue;
      // The longest name (湖南师范大学支行 over 湖南师范大学); of two ending at once, the longer suffix.
      if (!best || end > best.end || (end === best.end && suffix.length > best.suffix.length)) best = { end, suffix, bank };
    }
  }
  if (!best) return undefined;
  const name = head.slice(0, best.end);
  const next = rest.slice(best.end);
  // 小微企业贷款, 公司存款: a kind of customer before what is counted, not a subject.
  if (!best.bank && /^(?:贷款|存款|信贷|客户|账户|融资|授信|类)/.test(next)) return undefined;
  if (!best.bank) {
    // A company is a subject only by a name of its own (岢岚县沙棘开发有限公司), not by a kind (科技型企业).
    if (best.suffix === '企业' || name.length < 4) return undefined;
    return { kind: 'other', words: name };
  }
  if (r.names.some((n) => name.includes(n))) {
    const own = r.names.find((n) => name.includes(n))!;
    return name.length > own.length + 1 && (PART_SUFFIXES as readonly string[]).some((s) => name.endsWith(s)) ? { kind: 'part', words: name } : { kind: 'self', words: name };
  }
  const brand = brandOf(name);
  const isPart = (PART_SUFFIXES as readonly string[]).some((s) => name.endsWith(s));
  // A branch with no bank's name of its own (城关支行) or with the org's brand (中国银行江华支行 in a 湖南中行 report).
  if (isPart && (!/银行|农商行|信用社|联社|[中工农建交]行/.test(name.slice(0, -best.suffix.length)) || (brand && r.brand === brand))) return { kind: 'part', words: name };
  return { kind: 'other', words: name };
}

/**
 * An institution named as the owner of what the figure counts, anywhere in the words before it (…的农行松滋支行
 * 各项存款余额为, 该行北关支行贷款余额): its name, then only the metric's words, no verb.
 */
function possessorBefore(r: Reader, before: string): Omit<ClaimSubject, 'via'> | undefined {
  const topics = TOPIC_WORDS.flatMap((t) => t.words).join('|');
  const re = new RegExp(`([\\u4e00-\\u9fff]{2,14}?(?:${BANK_SUFFIXES.join('|')}))(?:的)?(?:各项|本外币|人民币)?(?:${topics})[\\u4e00-\\u9fff]{0,8}$`);
  // Time words first (2023年上半年支行个人存款): a name never starts inside them.
  const m = re.exec(stripLeading(before.replace(/\s+/g, '')).rest);
  if (!m) return undefined;
  // The name starts after the last word that cannot be in one (排名第二的 | 农行松滋支行).
  let name = m[1]!;
  for (let cut = name.search(NOT_IN_NAME); cut >= 0; cut = name.search(NOT_IN_NAME)) name = name.slice(cut + (NOT_IN_NAME.exec(name)![0].length));
  if (name.length < 3) return undefined;
  return institutionAtStart(r, name) ?? undefined;
}

/** The match ending last (nearest the figure), the longest of those ending together. */
function lastOf<T extends { words: readonly string[] }>(s: string, table: readonly T[]): { entry: T; word: string; at: number } | undefined {
  let best: { entry: T; word: string; at: number; end: number } | undefined;
  for (const entry of table) {
    for (const word of entry.words) {
      const at = s.lastIndexOf(word);
      if (at < 0) continue;
      const end = at + word.length;
      if (!best || end > best.end || (end === best.end && word.length > best.word.length)) best = { entry, word, at, end };
    }
  }
  return best;
}

function createReader(text: string, ctx: ClaimContext): Reader {
  const isBreak = (i: number) => (ctx.breaks ? ctx.breaks.has(i) : text[i] === '\n');
  const names = ctx.org ? orgNameVariants(ctx.org) : [];
  const metricNames = ctx.metrics
    .flatMap((d) => [d.label, ...d.aliases].filter((n) => /[\u4e00-\u9fff]/.test(n) && n.length >= 3).map((name) => ({ name, definition: d })))
    .sort((a, b) => b.name.length - a.name.length);
  const r: Reader = {
    text, ctx, names, brand: ctx.org ? brandOf(ctx.org.name) : undefined, sentences: splitSentences(text, isBreak),
    times: readTimeExpressions(text, ctx.pub), metricNames, carried: new Map(),
  };
  // The subject each sentence leaves behind, for the sentences after it in its paragraph.
  let carry: ClaimSubject | undefined;
  r.sentences.forEach((s, i) => {
    if (i > 0 && r.sentences[i - 1]!.paragraph !== s.paragraph) carry = undefined;
    if (carry) r.carried.set(i, carry);
    for (const c of s.clauses) {
      const subj = subjectAtStart(r, text.slice(c.start, c.end));
      if (subj && !(refersBack(subj) && carry && otherBank(carry))) carry = { ...subj, via: 'antecedent' };
    }
  });
  return r;
}

/** 该行, 该农商银行: a word that means the bank the text last named, which is the org unless another bank was. */
function refersBack(s: Omit<ClaimSubject, 'via'>): boolean {
  return s.kind === 'self' && s.words !== undefined && s.words.startsWith('该') && (SELF_WORDS as readonly string[]).includes(s.words);
}

/** Another bank named as a subject (宁波甬城农商银行): what 该行 after it refers to. */
function otherBank(s: Omit<ClaimSubject, 'via'>): boolean {
  return s.kind === 'other' && s.words !== undefined && BANK_SUFFIXES.some((x) => s.words!.endsWith(x)) && !OTHER_SUBJECT_WORDS.some((w) => s.words!.includes(w));
}

/** Every found figure's claim, in the order given. */
export function readClaims(text: string, figures: readonly FoundFigure[], ctx: ClaimContext): Claim[] {
  const r = createReader(text, ctx);
  return figures.map((f) => readOne(r, f, figures));
}

function readOne(r: Reader, f: FoundFigure, all: readonly FoundFigure[]): Claim {
  const { text } = r;
  const si = r.sentences.findIndex((s) => f.start >= s.start && f.start < s.end);
  const sentence = r.sentences[si] ?? { start: f.start, end: f.end, paragraph: 0, clauses: [{ start: f.start, end: f.end }] };
  const ci = Math.max(0, sentence.clauses.findIndex((c) => f.start >= c.start && f.start <= c.end));
  const clause = sentence.clauses[ci] ?? sentence;
  // Earlier figures of the same clause own the words before them (12家企业提供授信4.6亿元: 授信 is the 4.6亿元's).
  const prev = all.filter((g) => g.end <= f.start && g.start >= clause.start).pop();
  const before = text.slice(prev ? prev.end : clause.start, f.start);
  const clauseBefore = text.slice(clause.start, f.start);
  const sentenceBefore = text.slice(sentence.start, f.start);
  const unquoted = (s: string) => s.replace(/“[^”]*”/g, (q) => '□'.repeat(q.length));

  // Whose.
  let subject: ClaimSubject | undefined;
  const clauseAfter = text.slice(f.end, clause.end);
  // 资金入驻该行, 在该行开户: the bank named after the figure in its own clause is what the clause is about.
  if (r.names.some((n) => clauseAfter.includes(n)) || SELF_WORDS.some((w) => clauseAfter.includes(w))) subject = { kind: 'self', words: SELF_WORDS.find((w) => clauseAfter.includes(w)) ?? r.names.find((n) => clauseAfter.includes(n)), via: 'clause' };
  let found = subject ? ci + 1 : -1;
  // 排名第二的农行松滋支行各项存款余额为98.6亿元: the institution whose figure it is, named right before the figure.
  if (!subject) {
    const owner = possessorBefore(r, before);
    if (owner) subject = { ...owner, via: 'clause' };
  }
  for (let k = ci; k >= 0 && !subject; k--) {
    const c = sentence.clauses[k]!;
    const s = subjectAtStart(r, text.slice(c.start, k === ci ? f.start : c.end));
    // 全县190个行政村实现全覆盖: the county's villages, counted as the bank's coverage.
    if (s?.kind === 'other' && k === ci && s.words && /^(?:[\d一二两三四五六七八九十百千万近超约逾]|$)/.test(stripLeading(clauseBefore).rest.slice(s.words.length)) && BANK_ACTION_AFTER.test(clauseAfter)) continue;
    if (s) {
      subject = { ...s, via: k === ci ? 'clause' : 'sentence' };
      found = k;
    }
  }
  subject ??= r.carried.get(si) ?? { kind: 'self', via: 'default' };
  // 宁波甬城农商银行坚持……。截至3月末，该行……: 该行 is the bank just named, not the org.
  if (found >= 0 && refersBack(subject)) {
    let antecedent: Omit<ClaimSubject, 'via'> | undefined;
    for (let k = Math.min(found, ci + 1) - 1; k >= 0 && !antecedent; k--) {
      const c = sentence.clauses[k]!;
      antecedent = subjectAtStart(r, text.slice(c.start, c.end));
    }
    antecedent ??= r.carried.get(si);
    if (antecedent && otherBank(antecedent)) subject = { ...antecedent, via: 'antecedent' };
  }

  // What.
  const topicIn = (s: string, via: Via) => {
    const m = lastOf(s, TOPIC_WORDS);
    return m ? { topic: m.entry.topic, words: m.word, via, at: m.at, s } : undefined;
  };
  const t = pairedTopic(r, f, all, clause) ?? topicIn(clauseBefore, 'clause') ?? topicIn(sentenceBefore, 'sentence');
  let segment: string | undefined;
  if (t && t.topic === '贷款') {
    const lead = t.s.slice(Math.max(0, t.at - 8), t.at);
    const seg = new RegExp(`(?:${LOAN_SEGMENTS.source})$`).exec(lead);
    if (seg) segment = `${seg[0]}${t.words}`;
  }
  // What is measured: the figure's clause, else the clauses before it up to a ；(起诉96笔不良贷款，涉及金额……).
  const semi = Math.max(sentence.start, text.lastIndexOf('；', f.start) + 1, text.lastIndexOf(';', f.start) + 1);
  const m = lastOf(clauseBefore, MEASURE_WORDS);
  const mSegment = m ? undefined : lastOf(text.slice(semi, clause.start), MEASURE_WORDS);
  // 较上年同期的198.6亿元: the figure is the baseline itself, a balance a year earlier, not a change.
  const baseline = /(?:去年|上年)同期(?:的|为|是)?\s*$/.test(clauseBefore);
  const measure = baseline ? undefined : m ? { measure: m.entry.measure, words: m.word, via: 'clause' as const } : mSegment ? { measure: mSegment.entry.measure, words: mSegment.word, via: 'sentence' as const } : undefined;
  // A metric's name counts only right before the figure (涉及金额1392.1万元); earlier it names the subject of the
  // clause (党建辅导员参加……共计1315人次), not what the figure counts.
  let named: Claim['named'];
  const lead = normalizeMetricWords(before).replace(/(?:达到|共计|累计|合计|总计|分别为|分别达|约为|[达为是有共计累约近超逾了到])+$/, '');
  for (const { name, definition } of r.metricNames) {
    if (lead.endsWith(name) && (!named || name.length > named.words.length)) named = { definition, words: name };
  }

  // When.
  const inSentence = r.times.filter((x) => x.start >= sentence.start && x.end <= f.start);
  let date: ClaimDate | undefined;
  const own = pairedDate(r, f, all, clause) ?? inSentence.filter((x) => x.kind !== 'plan' && x.kind !== 'name').pop();
  if (baseline) {
    const ref = inSentence.filter((x) => x.kind === 'point' && !x.sameLastYear && x.from && x.to).pop();
    const y = Number(r.ctx.pub.slice(0, 4)) - 1;
    const words = /(?:去年|上年)同期/.exec(clauseBefore)![0];
    date = ref
      ? { start: f.start, end: f.start, words, kind: 'point', from: lastYear(ref.from!), to: lastYear(ref.to!), ...(ref.asOf ? { asOf: lastYear(ref.asOf) } : {}), via: 'sentence' }
      : { start: f.start, end: f.start, words, kind: 'point', from: `${y}-01-01`, to: `${y}-12-31`, asOf: String(y), via: 'sentence' };
  } else if (own?.sameLastYear) {
    // 去年同期: the period named before it in the sentence, a year earlier.
    const ref = inSentence.filter((x) => x !== own && !x.sameLastYear && x.from && x.to).pop();
    const y = Number(r.ctx.pub.slice(0, 4)) - 1;
    date = ref
      ? { ...own, from: lastYear(ref.from!), to: lastYear(ref.to!), ...(ref.asOf ? { asOf: lastYear(ref.asOf) } : {}), via: 'sentence' }
      : { ...own, from: `${y}-01-01`, to: `${y}-12-31`, asOf: String(y), via: 'sentence' };
  } else if (own) date = { ...own, via: 'sentence' };
  else {
    const paraStart = r.sentences.find((s) => s.paragraph === sentence.paragraph)?.start ?? sentence.start;
    const earlier = r.times.filter((x) => x.start >= paraStart && x.end <= sentence.start && x.kind === 'point').pop();
    if (earlier) date = { ...earlier, via: 'antecedent' };
  }
  const planWord = PLAN_WORDS.exec(unquoted(clauseBefore));
  const planExpr = inSentence.find((x) => x.kind === 'plan');
  let plan: string | undefined;
  if (planExpr && !PLAN_DONE.test(text.slice(planExpr.end, f.start))) plan = planExpr.words;
  else if (planWord) plan = planWord[0];

  // How wide.
  const scopes: ClaimScope[] = [];
  if (subject.kind === 'part' && subject.words) scopes.push({ kind: 'branch', words: subject.words });
  // A period that reaches back scopes the figure unless a point of its own follows (近三年，存款余额从2021年末的……).
  const since = inSentence.filter((x) => x.kind === 'since').pop();
  const pointAfter = (at: number) => inSentence.some((x) => x.kind === 'point' && x.start >= at);
  const period = since ? (pointAfter(since.end) ? undefined : { words: since.words }) : (() => {
    const p = PERIOD_SCOPE.exec(sentenceBefore);
    return p && !pointAfter(sentence.start + p.index + p[0].length) ? { words: p[0].replace(/\s+/g, '') } : undefined;
  })();
  if (period) scopes.push({ kind: 'period', words: period.words });
  else if (CUMULATIVE.test(clauseBefore) && !accumulatesOver(r, date)) scopes.push({ kind: 'cumulative', words: CUMULATIVE.exec(clauseBefore)![0] });
  if (f.baseUnit === '元') {
    for (const q of before.matchAll(/“([^”]{2,12})”/g)) {
      if (!/(?:活动|行动|宣传|课堂|讲座|竞赛|评选|主题|精神)$/.test(q[1]!)) scopes.push({ kind: 'product', words: q[1]! });
    }
    const project = projectName(unquoted(before));
    if (project) scopes.push({ kind: 'project', words: project });
    if (segment) scopes.push({ kind: 'segment', words: segment });
  }

  // Year ranges of plans and titles in the sentence (2025—2027年, 《…（2024—2026年）》): never a figure's asOf.
  const ranges = inSentence.filter((x) => (x.kind === 'plan' || x.kind === 'name') && x.from && x.to);
  const perUnit = PER_UNIT_WORDS.exec(unquoted(before))?.[0];
  const share = f.baseUnit === '%' ? SHARE_WORDS.exec(before)?.[0] : undefined;

  return {
    figure: { start: f.start, end: f.end },
    sentence: { start: sentence.start, end: sentence.end },
    clause: { start: clause.start, end: clause.end },
    subject,
    ...(t ? { topic: { topic: t.topic, words: t.words, via: t.via } } : {}),
    ...(segment ? { segment } : {}),
    ...(measure ? { measure } : {}),
    ...(named ? { named } : {}),
    ...(date ? { date } : {}),
    scopes,
    ...(ranges.length ? { ranges } : {}),
    ...(plan ? { plan } : {}),
    ...(perUnit ? { perUnit } : {}),
    ...(share ? { share } : {}),
    ...wholeOf(r, f, all, sentence),
  };
}

/** A project named before a figure (巴达铁路项目, 高速公路建设): the name alone, without the verbs before it. */
function projectName(before: string): string | undefined {
  const m = [...before.matchAll(new RegExp(`[\\u4e00-\\u9fff]{0,8}?(?:${PROJECT_WORDS.source})(?:项目|工程|建设)?`, 'g'))].pop();
  if (!m) return undefined;
  const name = m[0].replace(PROJECT_LEAD, '');
  if (name.length < 3 || /^(?:专项|行动|计划|活动|项目|工程)/.test(name) || /(?:专项|行动|计划|活动|战役|攻坚)$/.test(name)) return undefined;
  return name;
}

/**
 * 存贷款较年初分别增加13.12亿元和6.27亿元, 涉农、普惠小微贷款余额分别为72.4亿元、25.63亿元: with 分别, the
 * figures after it take the things named before it in order (a bare 涉农 takes the noun of the last: 涉农贷款).
 */
function pairedTopic(r: Reader, f: FoundFigure, all: readonly FoundFigure[], clause: Span): { topic: string; words: string; via: Via; at: number; s: string } | undefined {
  const text = r.text.slice(clause.start, clause.end);
  const at = text.indexOf('分别');
  if (at < 0 || clause.start + at > f.start) return undefined;
  const figures = all.filter((g) => g.start >= clause.start + at && g.end <= clause.end);
  const i = figures.indexOf(f);
  if (figures.length < 2 || i < 0) return undefined;
  const head = stripLeading(text.slice(0, at)).rest;
  let parts = head.split(/[、和与及]/).filter(Boolean);
  if (parts.length === 1 && /存贷款/.test(head)) parts = ['存款', '贷款'];
  if (parts.length !== figures.length) return undefined;
  const last = lastOf(parts[parts.length - 1]!, TOPIC_WORDS);
  const noun = last ? last.word.replace(/^.*?(存款|贷款|信贷)$/, '$1') : '';
  const part = parts[i]!;
  const m = lastOf(part, TOPIC_WORDS) ?? (noun ? lastOf(`${part}${noun}`, TOPIC_WORDS) : undefined);
  return m ? { topic: m.entry.topic, words: m.word, via: 'clause', at: m.at, s: part } : undefined;
}

/**
 * 2022年、2023年分别新增贷款9.6亿元、10.4亿元: with 分别, the figures after it take the dates before it in order.
 */
function pairedDate(r: Reader, f: FoundFigure, all: readonly FoundFigure[], clause: Span): TimeExpression | undefined {
  const text = r.text.slice(clause.start, clause.end);
  const at = text.indexOf('分别');
  if (at < 0 || clause.start + at > f.start) return undefined;
  const dates = r.times.filter((x) => x.start >= clause.start && x.end <= clause.start + at && x.kind === 'point');
  const figures = all.filter((g) => g.start >= clause.start + at && g.end <= clause.end);
  const i = figures.indexOf(f);
  return dates.length > 1 && dates.length === figures.length && i >= 0 ? dates[i] : undefined;
}

/**
 * Whether the sentence gives the period a 累计 adds up: 今年以来累计, 一季度累计, 1-5月累计. 截至2024年末累计 is to a
 * day from the beginning: a history, a scope.
 */
function accumulatesOver(r: Reader, date: ClaimDate | undefined): boolean {
  if (!date) return false;
  if (date.kind === 'now') return date.from !== undefined;
  if (date.kind !== 'point' || date.from === date.to) return false;
  return !/^截[至止]/.test(date.words) && !/截[至止]\s*$/.test(r.text.slice(Math.max(0, date.start - 3), date.start));
}

/** 服务农户3260户，其中脱贫户426户: the figure 其中 divides, when both count in one unit and neither is a change. */
function wholeOf(r: Reader, f: FoundFigure, all: readonly FoundFigure[], sentence: Span): { whole?: FoundFigure } {
  if (f.baseUnit === '' || f.baseUnit === '%' || f.form === 'range') return {};
  // 其中 divides the figure before it in its own part of the sentence: a ；starts another.
  const semi = Math.max(r.text.lastIndexOf('；', f.start), r.text.lastIndexOf(';', f.start));
  const from = Math.max(sentence.start, semi + 1);
  const between = r.text.slice(from, f.start);
  const m = [...between.matchAll(new RegExp(PART_OF_WORDS.source, 'g'))].pop();
  if (!m) return {};
  const at = from + m.index!;
  const clauseOf = (g: FoundFigure) => {
    let s = g.start;
    while (s > sentence.start && !CLAUSE_END.test(r.text[s - 1]!)) s--;
    return r.text.slice(s, g.start);
  };
  if (CHANGE_WORDS.test(clauseOf(f))) return {};
  // The whole may stand before the ；that opens the part's segment (开展宣传36场，覆盖4500余人；其中走进校园48场).
  const whole = all.filter((g) => g.end <= at && g.start >= sentence.start && g.baseUnit === f.baseUnit && g.form !== 'range').pop();
  if (!whole || CHANGE_WORDS.test(clauseOf(whole))) return {};
  return { whole };
}

/** The same date a year earlier: 2025-03-31 → 2024-03-31, 2025-Q1 → 2024-Q1 (29 February becomes the 28th). */
function lastYear(d: string): string {
  const y = String(Number(d.slice(0, 4)) - 1);
  return `${y}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
}

/** Ways of writing a metric name that say the same: 比年初 is 较年初, 普惠型 is 普惠. */
export function normalizeMetricWords(s: string): string {
  return s.replace(/\s+/g, '').replace(/普惠型/g, '普惠').replace(/小微企业贷款/g, '小微贷款').replace(/比年初/g, '较年初');
}

/** The topic and measure a metric's own name and aliases say: 各项存款余额 → 存款, 余额. */
export function metricWords(def: Pick<MetricDefinition, 'label' | 'aliases'>): { topic?: string; measure?: string } {
  for (const name of [def.label, ...def.aliases]) {
    const t = lastOf(name, TOPIC_WORDS);
    const m = lastOf(name, MEASURE_WORDS);
    if (t) return { topic: t.entry.topic, ...(m ? { measure: m.entry.measure } : {}) };
  }
  return {};
}

/** Whether two measures can describe one figure (a bare 增加 is since the year's start or year on year). */
export function measuresAgree(a: string, b: string): boolean {
  return a === b || (COMPATIBLE_MEASURES[a]?.includes(b) ?? false);
}
