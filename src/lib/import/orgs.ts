/**
 * Organisations named in an article: matched to the registry by full name, short name or alias (with or
 * without a province in front: 山西介休农商银行), or recognised by the shape of a bank's name when the
 * registry does not know them yet. An unknown org is proposed for the registry, never added silently.
 */
import { normalizeOrgName } from '../catalog.ts';
import { BANK_BRANDS, BANK_SUFFIXES, NON_BANK_SUFFIXES, NOT_IN_NAME, PART_SUFFIXES, PARTNER_BRANDS } from '../figures/claim-words.ts';
import type { OrgRegistry } from '../model.ts';
import type { Org } from '../../schemas/org.ts';

export const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南',
  '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
];

/**
 * What ends the name of an org that reports: a bank or a branch of one (the claim reader's BANK_SUFFIXES, without
 * outlets and service points, which are parts of an org), or a big bank's short name (湖南中行, 毕节建行).
 */
const SUFFIXES = [
  ...BANK_SUFFIXES.filter((w) => !(PART_SUFFIXES as readonly string[]).includes(w) || w === '分行' || w === '支行'),
  ...BANK_BRANDS.flat().filter((w) => w.endsWith('行') && w.length <= 3),
].sort((a, b) => b.length - a.length);
const SUFFIX_RE = new RegExp(`(${SUFFIXES.join('|')})`, 'g');
/** The big banks' names, longest first: 中国工商银行 before 工商银行. */
const BRAND_WORDS = BANK_BRANDS.flat().sort((a, b) => b.length - a.length);
/** Where a name cannot continue to the left: these end the word before it (与甬城农商银行, 是该行), in either width. */
const STOP = /[的与和在由是对向把被让从及将据经同该各本我其为即到去了着等、，。；：！？“”‘’《》（）()【】\s\d—\-·…~～|｜丨/,;:!?"'[\]]/;
/** Words that describe a kind of bank, never one bank: 国有大型银行, 股份制银行. */
const DESCRIPTIVE = /国有|大型|股份|(?<!农村)商业银行$|政策性|中小|民营|外资|城商|各类|金融机构|合作金融/;
/** Not the reporting org, whatever the article says about them. */
const NEVER = /人民银行|人行|央行|政策性银行|开发银行|进出口银行|(?<!农村)商业银行$|^银行$|联合银行|联社$|省联社|农信联社|世界银行/;
const GENERIC = /^(?:各|全|该|本|我|辖内|县|市|省|区|乡|镇|村|所有|多家|一家|两家|各家)?(?:农商银行|农村商业银行|农商行|银行|支行|分行|村镇银行|信用社)$/;

export interface OrgMention {
  /** As printed, spaces removed. */
  text: string;
  start: number;
  end: number;
  /** The registry's org, when the name is known. */
  org?: Org;
  /** 辖内 / 系统 follows: a parent group, not the subject. */
  parent: boolean;
}

export function stripProvince(name: string): { province?: string; name: string } {
  for (const p of PROVINCES) {
    for (const form of [`${p}省`, `${p}自治区`, `${p}市`, p]) {
      if (name.startsWith(form) && name.length - form.length >= 4) return { province: p, name: name.slice(form.length) };
    }
  }
  return { name };
}

export function lookupOrg(name: string, registry: OrgRegistry): Org | undefined {
  const n = normalizeOrgName(name);
  return registry.byName.get(n) ?? registry.byName.get(normalizeOrgName(stripProvince(n).name));
}

/** Every org name in `text`, in order. Registry names win over the shape-based reading. */
export function findOrgs(text: string, registry: OrgRegistry): OrgMention[] {
  const out: OrgMention[] = [];
  const taken: boolean[] = [];
  const mark = (m: OrgMention) => {
    for (let i = m.start; i < m.end; i++) taken[i] = true;
    out.push(m);
  };
  const parentAfter = (end: number) => /^(?:辖内|系统|所属|旗下)/.test(text.slice(end, end + 2));
  // Registry names, longest first (中国银行湖南省分行 before 湖南中行), as printed (农村商业银行 or 农商银行), optionally
  // with a province in front.
  const names = [...registry.byName.keys()].flatMap((n) => [n, ...(n.includes('农商银行') ? [n.replace('农商银行', '农村商业银行')] : [])]).sort((a, b) => b.length - a.length);
  for (const name of names) {
    let at = text.indexOf(name);
    while (at >= 0) {
      const end = at + name.length;
      if (!taken[at] && !taken[end - 1]) {
        let start = at;
        const before = text.slice(Math.max(0, at - 4), at);
        const prov = PROVINCES.find((p) => before.endsWith(p) || before.endsWith(`${p}省`));
        if (prov) start = at - (before.endsWith(`${prov}省`) ? prov.length + 1 : prov.length);
        mark({ text: text.slice(start, end), start, end, org: registry.byName.get(normalizeOrgName(name))!, parent: parentAfter(end) });
      }
      at = text.indexOf(name, end);
    }
  }
  SUFFIX_RE.lastIndex = 0;
  for (let m = SUFFIX_RE.exec(text); m; m = SUFFIX_RE.exec(text)) {
    const end = m.index + m[0].length;
    if (taken[m.index]) continue;
    // 农商银行 inside 农商银行系统 … is read once, from its longest suffix.
    let start = m.index;
    while (start > 0 && m.index - start < 12 && !STOP.test(text[start - 1]!)) start--;
    let name = text.slice(start, end);
    // 浙江农商联合银行辖内松阳农商银行: the name after 辖内 is the org.
    const inner = /.*(?:辖内|所属|旗下)/.exec(name);
    if (inner) {
      start += inner[0].length;
      name = text.slice(start, end);
    }
    // A big bank's full name starts the org's name, or a province does right before it: 重走红军路中国工商银行于都
    // 支行 is 中国工商银行于都支行 (a short name goes after its place: 毕节建行).
    const brand = BRAND_WORDS.filter((b) => b.endsWith('银行')).map((b) => name.indexOf(b)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (brand) {
      const prov = PROVINCES.map((p) => [`${p}省`, p]).flat().find((p) => name.slice(0, brand).endsWith(p));
      const cut = brand - (prov?.length ?? 0);
      if (cut > 0) {
        start += cut;
        name = text.slice(start, end);
      }
    }
    if (name.length < 4 || GENERIC.test(name) || NEVER.test(name) || /^(?:年|月|日|号|上半年|下半年|季度)|半年|季度/.test(name)) continue;
    if (!wellFormed(name)) continue;
    if (out.some((o) => o.start <= start && o.end >= end)) continue;
    const org = lookupOrg(name, registry);
    mark({ text: name, start, end, ...(org ? { org } : {}), parent: parentAfter(end) });
  }
  // 建设银行贵州毕节分行（以下简称“毕节建行”）: the short name stands for the same org in this text.
  for (const m of [...out]) {
    const short = /^\s*[（(]\s*(?:以下)?简称\s*[“"]([^”"]{2,10})[”"]\s*[）)]/.exec(text.slice(m.end));
    if (!short) continue;
    const alias = short[1]!;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + alias.length)) {
      if (!taken[at]) mark({ text: m.text, start: at, end: at + alias.length, ...(m.org ? { org: m.org } : {}), parent: parentAfter(at + alias.length) });
    }
  }
  // 建设银行贵州毕节分行 is one name, not 建设银行 and then a branch.
  const kept = out.filter((m) => !out.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start));
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * An institution's name, not a clause that ends in one: no verb or function word inside (推动全县农商银行, 切实
 * 发挥国有大型银行), no word describing a kind of bank; a name ending in a bare 银行 is a place's bank (宁波银行) or
 * a big bank's (中国工商银行).
 */
function wellFormed(name: string): boolean {
  const bare = name.replace(/(?:农村商业银行|农商银行|农村合作银行|村镇银行)$/, '');
  if (NOT_IN_NAME.test(bare) || DESCRIPTIVE.test(name)) return false;
  if (/银行$/.test(name) && !/(?:农村商业|农商|农村合作|村镇)银行$/.test(name) && !BRAND_WORDS.some((b) => name.endsWith(b))) return name.length <= 8;
  return true;
}

/**
 * One key for the ways an article names an unknown org: 建行毕节分行, 建设银行贵州毕节分行 and 中国建设银行毕节分行 are
 * one; the big bank's name in its first form, provinces left out, 农村商业银行 as 农商银行.
 */
export function orgKey(name: string): string {
  let n = normalizeOrgName(name);
  const brand = BRAND_WORDS.find((b) => n.includes(b));
  if (brand) {
    const group = BANK_BRANDS.find((g) => g.includes(brand))!;
    n = n.replace(brand, `\u0000${group[0]}\u0000`);
  }
  // A province between the bank and a city is dropped (贵州毕节分行); a province's own branch keeps it (湖南省分行).
  for (const p of PROVINCES) n = n.replace(new RegExp(`${p}(?:省|自治区|市)?(?=[\u4e00-\u9fff]{4})`), '');
  return n.replace(/\u0000/g, '');
}

/** A company or group that is no bank (宁波移动, 中国电信于都分公司, 某某集团): the whole of `text`, or undefined. */
export function nonBankName(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  if (t.length < 4 || t.length > 20 || /银行|支行|分行|联社|信用社|[，。；：、！？“”]/.test(t)) return undefined;
  const company = NON_BANK_SUFFIXES.some((w) => /公司|集团$/.test(w) && t.endsWith(w));
  return company && (PARTNER_BRANDS.test(t) || !NOT_IN_NAME.test(t)) ? t : undefined;
}

/** The same org? Registry orgs by id, others by name without province and with 农村商业银行 = 农商银行. */
export function sameOrg(a: OrgMention | ResolvedOrg, b: OrgMention | ResolvedOrg): boolean {
  if (a.org && b.org) return a.org.id === b.org.id;
  if (a.org || b.org) return false;
  const key = (s: string) => normalizeOrgName(stripProvince(normalizeOrgName(s)).name);
  return key(a.text) === key(b.text);
}

export interface ResolvedOrg {
  text: string;
  org?: Org;
}

/** What the registry could say about an unknown org: a proposed entry, for the writer to add. */
export interface OrgProposal {
  id: string;
  name: string;
  aliases: string[];
  type?: Org['type'];
  province?: string;
}

/** The registry entry a proposal would be once added: how the check will read the article's figures then. */
export function proposedOrg(p: OrgProposal): Org {
  return { id: p.id, name: p.name, aliases: p.aliases, type: p.type ?? '其他', region: { province: p.province ?? '' } };
}

export function proposeOrg(printed: string, toId: (name: string) => string, others: readonly string[] = []): OrgProposal {
  const normalized = normalizeOrgName(printed);
  const { province, name } = stripProvince(normalized);
  const aliases = [...new Set([printed, normalized, ...others].filter((n) => n !== name))];
  const type = /农商银行$/.test(name) ? '农商银行' : /村镇银行$/.test(name) ? '村镇银行' : /支行$/.test(name) ? '支行' : /省分行$/.test(name) ? '省分行' : /分行$/.test(name) ? '分行' : /(联社|信用社)$/.test(name) ? '联社' : undefined;
  const place = name.replace(/(?:农商银行|村镇银行|农村信用合作联社|农村信用联社|信用联社|农村信用社|农信社|银行)$/, '');
  return { id: toId(place || name), name, aliases, ...(type ? { type } : {}), ...(province ? { province } : {}) };
}
