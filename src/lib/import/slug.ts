/** Readable ASCII file names for drafts: pinyin of the org, the date and a short topic (yanting-20250609-hulian). */
import { pinyin } from 'pinyin-pro';
import { BANK_BRANDS, BANK_SUFFIXES } from '../figures/claim-words.ts';
import { PROVINCES } from './orgs.ts';

export function toPinyin(s: string, max = 24): string {
  const syllables = pinyin(s.replace(/[^\u3400-\u9fffA-Za-z0-9]/g, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  return syllables.join('').toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9]/g, '').slice(0, max);
}

/** The words of a bank's name that are no place (the claim reader's tables), longest first. */
const BANK_WORDS = new RegExp([...BANK_BRANDS.flat(), ...BANK_SUFFIXES].sort((a, b) => b.length - a.length).join('|'), 'g');

/**
 * An id for an org the registry does not know: the pinyin of its place name (岚县 keeps 县: lanxian), after the
 * big bank's short name when it is one's branch (中国工商银行于都支行: gonghang-yudou).
 */
export function orgIdFor(name: string): string {
  const brand = BANK_BRANDS.find((g) => g.some((w) => name.includes(w)));
  let bare = name.replace(BANK_WORDS, '');
  // 贵州毕节 is 毕节: a province before the place names no more than the place.
  for (const p of PROVINCES) if (bare.startsWith(p) && bare.replace(new RegExp(`^${p}省?`), '').length >= 2) bare = bare.replace(new RegExp(`^${p}省?`), '');
  const short = bare.replace(/[省市县区]/g, '');
  const place = toPinyin((short.length >= 2 ? short : bare) || (brand ? '' : name), 16);
  const prefix = brand ? toPinyin(brand[brand.length - 1]!, 12) : '';
  return [prefix, place].filter(Boolean).join('-') || 'jigou';
}

const LEAD_WORDS = /^(?:以|开展|举办|举行|召开|组织|创新|推动|构建|强化|深化|打造|聚焦|扎实|积极|持续|全力|多措并举|送|让|把|用|为|在|的|与|和|及|：|:|\s)+/;

/** A short topic from the title: its first quoted phrase, else its first words after the org's name. */
export function topicOf(title: string | null, orgName: string | null, fallback: string): string {
  let t = (title ?? fallback).replace(/^【[^】]*】/, '');
  if (orgName) t = t.replace(orgName, '');
  t = t.replace(/^[\u3400-\u9fff]{0,4}(?:农商银行|农村商业银行|银行|中行|建行|农行|工行)/, '');
  const quoted = /[“"]([^”"]{2,12})[”"]/.exec(t);
  const base = quoted ? quoted[1]! : t.replace(LEAD_WORDS, '');
  const chars = base.replace(/[^\u3400-\u9fff]/g, '').slice(0, 2);
  return toPinyin(chars, 14) || 'baodao';
}

export function draftSlug(orgId: string | undefined, date: string | null, year: number | undefined, topic: string): string {
  const parts = [orgId || 'jigou', date ? date.replace(/-/g, '') : year ? String(year) : '', topic].filter(Boolean);
  return parts.join('-').toLowerCase().replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-');
}
