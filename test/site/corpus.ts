/**
 * A generated corpus of valid reports for the site tests: several hundred pages mixing the search
 * vocabulary with near misses (不良 alone, 贷款 alone, 存款 / 余额 split by a line break or a space), so search
 * exactness is measured where Pagefind's own Chinese segmentation goes wrong.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeForSearch } from '../../src/search/text.ts';

/** Words and phrases whose results must be exact. */
export const VOCABULARY = [
  '不良贷款', '存款余额', '清收', '志愿者', '反诈', '普惠金融', '乡村振兴', '党建联建', '专精特新', '清廉金融',
  '金融知识进校园', '风险资产', '党建辅导员', '支农支小', '农户', '贷款余额', '信用卡', '行风监督员', '廉洁档案',
  '演讲比赛', '新能源', '科技金融', '介休农商银行', '湖南中行', '松滋农商银行', '示例农商银行', '星级党支部', 'ETC',
];

const ORGS = ['示例农商银行', '样例农商银行', '演示银行示例分行'];
const THEMES = ['党建引领', '普惠金融', '乡村振兴', '反诈宣传', '清廉金融', '科技金融', '志愿服务', '金融知识教育'];

/** Sentences: each uses some vocabulary, or only fragments of it. */
const SENTENCES = [
  '该行持续加大不良贷款清收力度，通过诉讼和调解收回欠款。',
  '今年以来，该行贷款投放稳步增长，不良率保持低位。',
  '全行各项存款余额稳步提升，储蓄存款增长较快。',
  '该行存款\n余额较上年同期有所增加。',
  '党员志愿者走进社区开展金融知识宣传。',
  '员工自愿报名参加社区服务，志愿精神深入人心。',
  '反诈宣传小分队走进菜市场，提醒群众警惕电信诈骗。',
  '该行把普惠金融作为主责主业，推动支农支小。',
  '普惠 金融服务站覆盖全部行政村。',
  '围绕乡村振兴，该行支持茶叶和食用菌产业，带动农户增收。',
  '该行与村党组织开展党建联建，共建金融服务站。',
  '党建 联建活动形式多样。',
  '该行为专精特新企业提供知识产权质押贷款。',
  '该行支持新能源汽车产业链上的小微企业。',
  '新的能源项目正在建设中。',
  '清廉金融文化建设走进员工家庭，廉洁档案实现动态管理。',
  '该行组织金融知识进校园活动，为学生讲解防范诈骗。',
  '风险资产清降成效明显，资产质量持续改善。',
  '党建辅导员到结对网点蹲点，参加每日晨会。',
  '贷款余额较年初增加，信用卡分期业务平稳发展。',
  '该行聘任行风监督员，接受社会监督。',
  '青年员工参加演讲比赛，讲述服务故事。',
  '该行开通ETC快捷办理通道。',
  '科技金融服务中心为初创企业提供融资。',
  '星级党支部评定结果在全行公示。',
  '该行对标介休农商银行的做法，推行名单制营销。',
  '湖南中行的经验做法值得借鉴。',
  '松滋农商银行开展春天行动。',
  '示例农商银行召开年度工作会议。',
  '该行清 收团队加班加点。',
];

function pick<T>(xs: readonly T[], seed: number, n: number): T[] {
  const out: T[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(xs[s % xs.length]!);
  }
  return out;
}

export function writeCorpus(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const org = ORGS[i % ORGS.length]!;
    const year = 2024 + (i % 2);
    const month = 1 + (i % 12);
    const day = 1 + (i % 27);
    const themes = [...new Set(pick(THEMES, i + 7, 2))];
    const body = pick(SENTENCES, i * 31 + 3, 5 + (i % 4));
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const text = `---
title: ${org}工作动态第${i + 1}期
summary: ${org}${year}年${month}月工作动态，记录基层网点的服务故事与做法。
org: ${org}
date: ${date}
authors: [测试通讯员]
themes: [${themes.join(', ')}]
---

${body.join('\n\n')}

（本文为测试用虚构内容。）
`;
    writeFileSync(path.join(dir, `corpus-${String(i + 1).padStart(4, '0')}.md`), text);
  }
}

/** Title, summary and body of a report file, as a reader sees them (markup removed). */
export function readableText(file: string): { title: string; text: string; draft: boolean; date: string } {
  const raw = readFileSync(file, 'utf8');
  const end = raw.indexOf('\n---', 4);
  const fm = raw.slice(4, end);
  const body = raw.slice(end + 4);
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(fm)?.[1]?.trim() ?? '';
  const plain = body
    .replace(/<[^>]+>/g, ' ')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/[*_`~>|]/g, '');
  return { title: field('title'), text: `${field('title')}\n${field('summary')}\n${plain}`, draft: field('draft') === 'true', date: field('date') };
}

/** Slugs of the reports in `dir` whose readable text contains the phrase (normalised), published only. */
export function expectedSlugs(dir: string, phrase: string, today: string): string[] {
  const p = normalizeForSearch(phrase);
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f))
    .filter((f) => {
      const r = readableText(path.join(dir, f));
      return !r.draft && r.date <= today && normalizeForSearch(r.text).includes(p);
    })
    .map((f) => f.replace(/\.mdx?$/, ''))
    .sort();
}
