/** Readable ASCII file names for drafts: pinyin of the org, the date and a short topic (yanting-20250609-hulian). */
import { pinyin } from 'pinyin-pro';

export function toPinyin(s: string, max = 24): string {
  const syllables = pinyin(s.replace(/[^\u3400-\u9fffA-Za-z0-9]/g, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
  return syllables.join('').toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9]/g, '').slice(0, max);
}

const BANK_WORDS = /(?:中国|建设|工商|农业|交通|邮政储蓄|邮储)?银行|农村商业银行|农商银行|农商行|村镇银行|农村信用合作联社|农村信用联社|信用联社|农村信用社|农信社|分行|支行/g;

/** An id for an org the registry does not know: the pinyin of its place name (岚县 keeps 县: lanxian). */
export function orgIdFor(name: string): string {
  const bare = name.replace(BANK_WORDS, '');
  const short = bare.replace(/[省市县区]/g, '');
  const place = (short.length >= 2 ? short : bare) || name;
  return toPinyin(place, 16) || 'jigou';
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
