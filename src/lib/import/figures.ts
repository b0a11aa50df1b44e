/**
 * The figures of one article, each with what it counts (label, in the article's words), the catalog metric it is
 * when its claim says so for the whole organisation (key), a narrower scope otherwise, and its as-of date. Each is
 * read as the claim its sentence makes by the reader the check uses (src/lib/figures/claims.ts), and a key is
 * written only where the check's own judgement of that claim (judgeProposed) accepts it. Figures the article
 * quotes about someone else (全国, 全省, 人民银行, 公安机关 …), plans and rules are set aside for the writer;
 * enumerations are no figures.
 */
import { findFigures, labelWords, readClaims, type ClaimOrg, type FoundFigure } from '../figures/index.ts';
import type { FigureVocabulary } from '../figures/index.ts';
import { PER_UNIT_WORDS, PLAN_DONE, PLAN_WORDS, RULE_WORDS, SELF_BRANCH_WORDS, THRESHOLD_WORDS } from '../figures/claim-words.ts';
import type { Catalog, OrgRegistry } from '../model.ts';
import { allowedBaseUnits, normalizeOrgName } from '../catalog.ts';
import { parseAsOf } from '../dates.ts';
import type { ReportMetricInput } from '../../schemas/report.ts';
import { judgeProposed } from '../validate/claims.ts';
import { articlePeriod, asOfFromClaim } from './asof.ts';
import { findOrgs, sameOrg, stripProvince, type ResolvedOrg } from './orgs.ts';
import { compact } from './text.ts';

export type FigureCategory = 'money' | 'percent' | 'count';

export interface ExtractedFigure {
  /** As printed, whitespace removed. */
  text: string;
  value: number;
  unit: string;
  approx: string | null;
  label: string | null;
  key: string | null;
  scope?: string;
  asOf?: string;
  /** Why the writer should confirm asOf (the sentence names no date): written as # 请确认 on its line. */
  asOfUnsure?: string;
  featured?: number;
  /** Why the writer should confirm the figure as a whole (another figure has its name and date): # 请确认 on its line. */
  textUnsure?: string;
  /** A unit printed with a word the catalog has no unit for (场次): the figure reads only once it is added. */
  unknownUnit?: string;
  category: FigureCategory;
  /** Index of the paragraph and offset in it, for tests and messages. */
  paragraph: number;
  start: number;
}

export interface SetAsideFigure {
  text: string;
  label: string | null;
  /** other: someone else's figure; plan: a target; rule: a threshold or limit (每周至少1次). */
  kind: 'other' | 'plan' | 'rule';
  reason: string;
}

export interface FigureContext {
  catalog: Catalog;
  registry: OrgRegistry;
  vocab: FigureVocabulary;
  org?: ResolvedOrg;
  year?: number;
  pub?: string;
}

export function categoryOf(f: Pick<FoundFigure, 'baseUnit' | 'form'>): FigureCategory {
  if (f.baseUnit === '元') return 'money';
  if (f.baseUnit === '%' || f.form === 'percentage-points' || f.form === 'cheng' || f.form === 'fraction') return 'percent';
  return 'count';
}

/** Nouns an enumeration counts: 五个层面, 三项制度, 十余个方面 say how a text is organised, not what was done. */
const ABSTRACT = /^(?:个|项|大|条|种|类|方面)?(?:层面|方面|制度|措施|举措|环节|维度|种类|大类|机制|体系|理念|原则|模块|阶段|步骤|要素|重点|任务|规定|关键|核心|痛点|难点|特点|优势|途径|渠道|方式|形式|路径|标准|动作|维度|层级|板块|领域|方向|理念|精神|意识|能力|作用|步|招)/;
/** Words before a number that refer back to a list just given (这四个真实案例). */
const RECAP = /(?:这|那|这些|以下|上述|如下|等|即)$/;

/** Phrases of time and subject that open a clause and say nothing of what is counted. */
/** A clause ending in one of these already names what is counted. */
const METRIC_END = /(?:余额|金额|总额|总量|规模|额度|增加|净增|增长|增量|增幅|增速|下降|减少|提高|提升|清降|压降|率|占比|比例|数|量|收入|利润|资金|贷款|存款|授信|投放|发放|资产|费用|让利|收益|成本)$/;
/** Where a noun after the figure stops: 120余名学生正在认真聆听 → 学生. */
const NOUN_STOP = /正在|每|在|进行|开展|参加|参与|到|通过|签约|得到|获得|是|的|和(?=\d)|及(?=\d)|与|等|，|。|；|、|：|（|\(|为|已|将|共|均|分别|同比|较|占|实现|提供|办理|建立|走进|深入|上线/;


function nounAfter(paragraph: string, end: number): string {
  const rest = paragraph.slice(end).replace(/^\s+/, '').replace(/^(?:具体的?|相关的?|各类|各种|不同的?)/, '');
  const stop = NOUN_STOP.exec(rest);
  const noun = (stop ? rest.slice(0, stop.index) : rest).slice(0, 12);
  return /^[\u4e00-\u9fff“”《》]+$/.test(noun) ? noun : '';
}

function clauseStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && !/[，。；：！？,;!?、]/.test(s[i - 1]!)) i--;
  return i;
}

function sentenceStart(s: string, at: number): number {
  let i = at;
  while (i > 0 && !/[。！？!?；;]/.test(s[i - 1]!)) i--;
  return i;
}

/** Catalog names longest first, so 各项存款余额 wins over 存款余额. */
function catalogNames(catalog: Catalog): { name: string; key: string }[] {
  const out: { name: string; key: string }[] = [];
  for (const [name, def] of catalog.byName) if (/[\u4e00-\u9fff]/.test(name)) out.push({ name, key: def.key });
  return out.sort((a, b) => b.name.length - a.name.length);
}

/** Words before a metric's name that do not narrow it: who did it, or the verb that takes it. */
const HARMLESS_PREFIX = /^(?:各项|全部|依法|共|累计|实现|全县|全市|全区|全辖|领导班子|班子成员|党委班子|党员干部|干部员工|党员|员工|收到|收集|征集|招|单列|设立|安排|为[\u4e00-\u9fff]{1,4}|实体)+$/;

/** A place, a zone or a park: 湖南自贸区, 经开区, 城关镇. */
const PLACE_WORDS = /[\u4e00-\u9fff]{1,6}?(?:自贸区|开发区|园区|新区|省|市|县|区|州|镇|乡|村)/;

export interface KeyMatch {
  key: string;
  /** The catalog name the label matched. */
  name: string;
  /** The words before the catalog name that narrow it, if any. */
  narrowed?: string;
}

export function matchCatalog(label: string, catalog: Catalog): KeyMatch | undefined {
  const names = catalogNames(catalog);
  const normalized = label.replace(/普惠型/g, '普惠').replace(/小微企业贷款/g, '小微贷款').replace(/比年初/g, '较年初').replace(/较年初(?=净增)/, '').replace(/了/g, '').replace(/具体的?/g, '');
  for (const { name, key } of names) {
    if (normalized === name) return { key, name };
  }
  for (const { name, key } of names) {
    if (name.length < 3 || !normalized.endsWith(name)) continue;
    const prefix = normalized.slice(0, -name.length);
    if (HARMLESS_PREFIX.test(prefix)) return { key, name };
    if (prefix.length > 0) return { key, name, narrowed: prefix };
  }
  for (const { name, key } of names) {
    if (name.length < 4) continue;
    if (normalized.startsWith(name.slice(0, 2)) && normalized.endsWith(name.slice(-2)) && normalized.length <= name.length + 8) {
      // 服务湖南自贸区企业: a place among the words narrows the metric to that place's customers.
      const place = PLACE_WORDS.exec(normalized.slice(2, -2));
      return place ? { key, name, narrowed: place[0] } : { key, name };
    }
  }
  return undefined;
}

/** The deposit or loan a bare 较年初增加 / 增幅 / 净增 speaks of: the last one named before it in the sentence. */
function subjectNoun(sentence: string): string | undefined {
  const all = [...sentence.matchAll(/([\u4e00-\u9fff]{0,6}?)(存款|贷款)(?!余额[^，；。]*[，；。].*(?:存款|贷款))/g)];
  const last = all[all.length - 1];
  if (!last) return undefined;
  let noun = last[0];
  noun = noun.replace(/^.*(?:银行|农商行|支行|分行|建行|农行|工行|中行)/, '').replace(/^.*?(?:该行|全行|本行|我行|，|、)/, '').replace(/^(?:截至[^，]*|今年以来|其中|同时)/, '').replace(/^.*为/, '').replace(/^(?:累计|计|向|对|共|已)+/, '');
  return noun || last[2];
}

/** Two-character words of a metric's name too common to tell one metric from another. */
const COMMON_BIGRAMS = new Set(['金额', '余额', '人数', '户数', '次数', '笔数', '数量', '个数', '总数', '人员', '活动', '服务', '开展']);

/**
 * A generic alias (涉及金额, 服务群众) names a metric only where the sentence speaks of that metric: 涉及金额 after
 * 起诉不良贷款 is the amount sued for, after 堵截可疑交易 it is not.
 */
function contextSupports(catalog: Catalog, match: KeyMatch, text: string): boolean {
  const def = catalog.byKey.get(match.key);
  if (!def) return false;
  const bigramsOf = (s: string) => {
    const out = new Set<string>();
    for (let i = 0; i + 2 <= s.length; i++) if (/^[\u4e00-\u9fff]{2}$/.test(s.slice(i, i + 2))) out.add(s.slice(i, i + 2));
    return out;
  };
  const matched = bigramsOf(match.name);
  const own = [...bigramsOf(def.label)].filter((b) => !COMMON_BIGRAMS.has(b));
  // The metric's own name, or an alias sharing a word with it (实体贷款余额, 新员工), says enough by itself; a
  // generic alias (涉及金额, 服务群众) needs the sentence to name what the metric is about.
  if (match.name === def.label || match.name === def.key || own.some((b) => matched.has(b))) return true;
  const distinctive = own;
  return distinctive.length === 0 || distinctive.some((b) => text.includes(b));
}

const INCREASE_WORDS = /^(?:较年初|比年初|净增|增加|增幅|增速|增长|同比|较上年|比上年|新增|下降)/;

/** Words right after a figure that make it a limit, not a result: 5%以内, 3人为宜, 70分及以上. */
const RULE_AFTER = /^(?:以内|为宜|及以上)/;

/** The reporting org as the claim reader knows it: the registry's entry, as the check reads it; else the printed name. */
function claimOrg(org: ResolvedOrg | undefined): ClaimOrg | undefined {
  if (!org) return undefined;
  if (org.org) return { name: org.org.name, ...(org.org.short ? { short: org.org.short } : {}), aliases: org.org.aliases, type: org.org.type };
  const printed = org.text.replace(/\s+/g, '');
  return { name: stripProvince(normalizeOrgName(printed)).name, aliases: [printed, normalizeOrgName(printed)] };
}

/** A scope as a report writes it: 近3年来 is 近3年, 自2019年 is 2019年以来. */
function scopeWords(words: string): string {
  return words.replace(/\s+/g, '').replace(/年来$/, '年').replace(/^自\s*(\d{4})\s*年(?:以来|起)?$/, '$1年以来');
}

export function extractFigures(paragraphs: string[], ctx: FigureContext): { figures: ExtractedFigure[]; setAside: SetAsideFigure[] } {
  const figures: ExtractedFigure[] = [];
  const setAside: SetAsideFigure[] = [];
  const orgPrefix = (s: string): number => {
    const m = findOrgs(s, ctx.registry)[0];
    return m && m.start === 0 ? m.end : 0;
  };
  // The article as one text, a paragraph a line, as the check reads the body: every figure is read as the claim its
  // sentence makes, by the reader the check uses.
  const offsets: number[] = [];
  let text = '';
  paragraphs.forEach((p, i) => {
    if (i > 0) text += '\n';
    offsets.push(text.length);
    text += p;
  });
  const perParagraph = paragraphs.map((p) => findFigures(p, ctx.vocab));
  const all = perParagraph.flatMap((found, pi) => found.map((f) => ({ ...f, start: f.start + offsets[pi]!, end: f.end + offsets[pi]! })));
  const period = ctx.pub ? undefined : articlePeriod(text, ctx.year);
  const readAt = ctx.pub ?? (ctx.year !== undefined ? `${ctx.year}-12-31` : undefined);
  // Without any date to read yearless words against, the claims still say whose and what; no date is written.
  const judgeDate = readAt ?? '2000-12-31';
  const org = claimOrg(ctx.org);
  const claims = readClaims(text, all, { ...(org ? { org } : {}), metrics: ctx.catalog.metrics, pub: judgeDate });
  // Branches the article names, wherever it names them (第一次走进临湘支行): what a later 支行 or 该支行 refers to.
  const branches = findOrgs(text, ctx.registry)
    .filter((m) => /(?:支行|分行|网点|营业部)$/.test(m.text) && !(ctx.org && sameOrg(m, ctx.org)))
    .map((m) => ({ end: m.end, name: m.text.replace(/^中国银行|^[\u4e00-\u9fff]{2}(?:市|县)/, '') }));
  let k = 0;
  const longer = new Map<number, string>();
  paragraphs.forEach((p, pi) => {
    const found = perParagraph[pi]!;
    let prevEnd = 0;
    for (const f of found) {
      const claim = claims[k++]!;
      // The words of a clause before an earlier figure in it belong to that figure (12家龙头企业提供授信4.6亿元).
      const cs = Math.max(clauseStart(p, f.start), prevEnd);
      prevEnd = f.end;
      const ss = sentenceStart(p, f.start);
      const clause = p.slice(cs, f.start);
      const sentenceBefore = p.slice(ss, f.start);
      // 86场次, 3批次: a count word the catalog has no unit for, printed as one with the unit.
      const compound = f.unit && p[f.end] === '次' && !/[\d\u4e00-\u9fff]/.test(p[f.end + 1] ?? '') || (f.unit && p[f.end] === '次' && /[，。；、）)]/.test(p[f.end + 1] ?? ''));
      const figText = compact(f.text) + (compound ? '次' : '');
      const unit = f.unit + (compound ? '次' : '');
      const noun = nounAfter(p, f.end + (compound ? 1 : 0));
      const label0 = labelWords(clause, orgPrefix);
      let label = label0 && METRIC_END.test(label0) ? label0 : `${label0}${noun}`;
      if (label && INCREASE_WORDS.test(label)) {
        let subj = subjectNoun(sentenceBefore.slice(0, sentenceBefore.length - clause.length));
        if (subj) subj = subj.slice(orgPrefix(subj));
        if (subj && !label.startsWith(subj)) label = `${subj}${label}`;
      }
      // A long clause: the words nearest the figure say what it counts (…等方式参加“每月一会”).
      if (label.length > 16) {
        const cut = Math.max(...['通过', '等方式', '后', '的', '，'].map((w) => { const i = label.lastIndexOf(w); return i >= 0 && label.length - (i + w.length) >= 4 ? i + w.length : -1; }));
        if (cut > 0) label = label.slice(cut);
      }
      label = label.slice(0, 24) || '';

      // Not figures at all: a limit (5%以内), an enumeration (五个层面), a recap (这四个案例), a score (70分).
      const after = p.slice(f.end).replace(/^\s+/, '');
      if (RULE_AFTER.test(after)) continue;
      if (ABSTRACT.test(after) && (f.value <= 20 || f.approx)) continue;
      if (f.form !== 'fraction' && /[一二三四五六七八九十两]/.test(f.text) && !f.approx && f.value <= 10 && RECAP.test(clause.trim())) continue;
      if (!f.unit && !f.approx && /^分/.test(after)) continue;

      // No achievement of the bank's: a plan or a rule (its words govern the rest of their sentence, until a clause
      // says what has happened: 计划开展12场次，目前已开展7场次), someone else's figure.
      const claimBefore = text.slice(Math.max(claim.clause.start, offsets[pi]! + cs), offsets[pi]! + f.start);
      const governing = (re: RegExp) => {
        const near = sentenceBefore.slice(-24).replace(/“[^”]*”/g, (q) => '□'.repeat(q.length));
        const m = re.exec(near);
        return m && !PLAN_DONE.test(near.slice(m.index)) ? m[0] : undefined;
      };
      const plan = claim.plan ?? governing(PLAN_WORDS);
      if (plan) {
        setAside.push({ text: figText, label: label || null, kind: 'plan', reason: `“${plan}”：这是计划或目标，不是已经做到的数字` });
        continue;
      }
      const threshold = (claim.perUnit ? THRESHOLD_WORDS.exec(claimBefore)?.[0] : undefined) ?? governing(RULE_WORDS);
      if (threshold) {
        setAside.push({ text: figText, label: label || null, kind: 'rule', reason: `“${threshold}”：这是规则或门槛，不是已经做到的数字` });
        continue;
      }
      if (claim.subject.kind === 'other') {
        setAside.push({ text: figText, label: label || null, kind: 'other', reason: `这句话说的是“${claim.subject.words ?? '别处'}”的数字，不是本机构的` });
        continue;
      }
      // A per-unit figure keeps the words that say so (每户授信), so no one reads it as a total.
      if (claim.perUnit && !PER_UNIT_WORDS.test(label)) label = `${claim.perUnit}${label}`;

      const date = asOfFromClaim(claim.date, ctx.pub, period);
      const asOf = readAt ? date : {};

      let key: string | null = null;
      const match = label && claim.subject.kind === 'self' && !claim.perUnit ? matchCatalog(label, ctx.catalog) : undefined;
      if (match && !match.narrowed && allowedBaseUnits(ctx.catalog, match.key).includes(f.baseUnit)) {
        const sentence = text.slice(claim.sentence.start, claim.sentence.end);
        if (contextSupports(ctx.catalog, match, sentence)) {
          const day = parseAsOf(asOf.asOf ?? claim.date?.asOf ?? judgeDate);
          const proposed: ReportMetricInput = { text: figText, key: match.key, label, asOf: day.ok ? { day: day.day, label: day.label } : { day: judgeDate, label: judgeDate } };
          const problems = judgeProposed(proposed, claim, text, { catalog: ctx.catalog, date: judgeDate, ...(ctx.org?.org ? { org: ctx.org.org } : {}) });
          if (!problems.some((x) => x.severity === 'error')) key = match.key;
        }
      }

      // A part of the bank: a branch (该支行 is the one the article named last), a product, a project, a period.
      let scope: string | undefined;
      if (claim.subject.kind === 'part' && claim.subject.words) {
        const bare = (SELF_BRANCH_WORDS as readonly string[]).includes(claim.subject.words);
        scope = bare ? branches.filter((b) => b.end <= offsets[pi]! + f.start).pop()?.name ?? claim.subject.words : claim.subject.words;
      } else if (!key && claim.scopes[0]) scope = scopeWords(claim.scopes[0].words);

      // What the clause goes on to say after the counted noun, for telling two figures of one noun apart.
      if (noun && label.endsWith(noun)) {
        const tail = /^[^，。；：！？,;:!?]*/.exec(p.slice(f.end + (compound ? 1 : 0)).replace(/^\s+/, '').slice(noun.length))![0].replace(/\s+/g, '');
        if (/^[\u4e00-\u9fff“”]{2,}$/.test(tail)) longer.set(figures.length, `${label}${tail}`.slice(0, 24));
      }
      figures.push({
        text: figText, value: f.value, unit, approx: f.approx ?? null, label: label || null, key,
        ...(scope ? { scope } : {}), ...(asOf.asOf ? { asOf: asOf.asOf } : {}), ...(asOf.unsure ? { asOfUnsure: asOf.unsure } : {}),
        ...(compound && !ctx.vocab.unitSet.has(unit.replace(/^[十百千万亿]+/, '')) ? { unknownUnit: unit.replace(/^[十百千万亿]+/, '') } : {}),
        category: categoryOf(f), paragraph: pi, start: f.start,
      });
    }
  });

  // Two different figures the article counts in the same words (202位党建辅导员参加“每月一会”；131位党建辅导员参加联学
  // 共建活动): the later one's label goes on with what its clause says, so one name never shows two numbers.
  const named = new Map<string, string>();
  const dayOf = (asOf: string | undefined) => {
    const d = asOf ? parseAsOf(asOf) : undefined;
    return d?.ok ? d.day : asOf ?? '';
  };
  figures.forEach((f, i) => {
    const id = [f.label, f.scope ?? '', dayOf(f.asOf)].join('\u0000');
    const first = named.get(id);
    if (first === undefined) named.set(id, f.text);
    else if (first !== f.text && longer.has(i)) f.label = longer.get(i)!;
    else if (first !== f.text) f.textUnsure = `上面的“${first}”也叫“${f.label}”、截至同一天，用 label 或 scope 写明各自数的是什么`;
  });
  // One value per metric and date: a later mention of the same metric is a free figure.
  const seen = new Set<string>();
  for (const f of figures) {
    if (!f.key) continue;
    const id = `${f.key}@${f.asOf ?? ''}`;
    if (seen.has(id)) f.key = null;
    else seen.add(id);
  }
  // Headline figures: the org-wide ones, by the catalog's priority; else the first ones of the lead.
  const keyed = figures.filter((f) => f.key).sort((a, b) => (ctx.catalog.byKey.get(b.key!)?.priority ?? 0) - (ctx.catalog.byKey.get(a.key!)?.priority ?? 0));
  const lead = keyed.length > 0 ? keyed.slice(0, 3) : figures.filter((f) => f.paragraph === figures[0]?.paragraph && !f.scope).slice(0, 2);
  lead.forEach((f, i) => (f.featured = i + 1));
  return { figures, setAside };
}
