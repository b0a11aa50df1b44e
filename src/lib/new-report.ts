/**
 * A new report's skeleton: every field filled or marked, with a Chinese comment saying what to write. What the
 * writer must still rewrite (the summary and the body) says 请改写, which the check reports, with its line, until
 * it is replaced; everything else already passes.
 */
import YAML from 'yaml';
import { normalizeOrgName } from './catalog.ts';
import type { OrgRegistry } from './model.ts';
import { suggest } from './suggest.ts';
import type { Org } from '../schemas/org.ts';

export interface NewReportInput {
  org: Org;
  title: string;
  date: string;
  themes: string[];
}

export type OrgChoice = { ok: true; org: Org } | { ok: false; suggestions: string[] };

/** An org from what the writer typed: a name, short name, alias or id; else the closest names. */
export function chooseOrg(input: string, registry: OrgRegistry): OrgChoice {
  const t = input.trim();
  const org = registry.byName.get(normalizeOrgName(t)) ?? registry.byId.get(t);
  if (org) return { ok: true, org };
  const names = registry.orgs.flatMap((o) => [o.name, ...(o.short ? [o.short] : []), ...o.aliases]);
  return { ok: false, suggestions: suggest(t, names, 5) };
}

export function titleProblem(title: string): string | undefined {
  const t = title.trim();
  if (t.length < 4) return '标题太短，至少 4 个字';
  if (t.length > 60) return `标题太长（${t.length} 个字），请控制在 60 个字以内`;
  return undefined;
}

export function validSlug(slug: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);
}

const s = (v: string) => YAML.stringify(v, { lineWidth: 0 }).trimEnd();

export function renderSkeleton(input: NewReportInput, allThemes: readonly string[]): string {
  const year = input.date.slice(0, 4);
  return [
    '---',
    '# 新报告。把每个“请改写”的地方换成实际内容，核对后删掉 draft: true 这一行才会发布。',
    `title: ${s(input.title)}  # 标题，4–60 个字`,
    'summary: 请改写：用一两句话概括这篇报告，10 到 160 个字，列表和分享卡片会用它。',
    `org: ${s(input.org.name)}  # 机构名录 content/orgs.yaml 里的名称`,
    `date: ${input.date}  # 发布日期（北京时间）`,
    'authors: []  # 作者、通讯员，如 [温娜, 王瑞俊]',
    `themes: [${input.themes.join(', ')}]  # 1–4 个，可选：${allThemes.join('、')}`,
    '# cover:                      # 封面图（可选）：图片放在 content/reports/images/ 里',
    '#   src: ./images/图片文件名.jpg',
    '#   alt: 一句话描述图片内容',
    '#   caption: 图片说明',
    '#   credit: 某某 摄',
    'draft: true  # 草稿：核对完删掉这一行',
    '# metrics:                    # 正文里的数字，每个都要在正文里照原样出现',
    '#   - text: 216.66亿元        # 照正文印的写，连同约数（余、近、超…）和单位',
    '#     label: 各项存款余额      # 它数的是什么，用文章里的说法',
    '#     key: deposit_balance    # 只在它就是 content/metrics.yaml 里的某个指标（全行口径）时写',
    '#     scope: 扶贫贷款          # 比全行窄的口径（某项业务、产品、支行、近3年 …）时写',
    `#     asOf: ${year}-03-31        # 截至日期：${year}-03-31、${year}-03、${year}-Q1、${year}-H1、${year}`,
    '#     featured: 1             # 领先显示的数字按 1、2、3 排',
    'metrics: []',
    '---',
    '',
    '请改写：这里写正文。每段之间空一行；小标题写成“## 小标题”。',
    '',
  ].join('\n');
}
