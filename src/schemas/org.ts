import { z } from 'astro/zod';

/** 机构的层级（规模档次），决定金额数字的合理区间（content/metrics.yaml 的 bands）。 */
export const ORG_LEVELS = ['县级', '市级', '省级', '总行'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_TYPES = ['农商银行', '村镇银行', '省分行', '分行', '支行', '网点', '联社', '其他'] as const;

/**
 * 不写 level 时按类型推定：县里的农商银行、村镇银行、支行、网点是县级，分行是市级，省分行和联社是省级；“其他”不推定
 * （不做规模检查）。与推定不符的机构（市级的农商银行、县里的信用联社、城商行的总行……）在 orgs.yaml 里写明 level。
 */
export const LEVEL_OF_TYPE: Readonly<Record<(typeof ORG_TYPES)[number], OrgLevel | undefined>> = {
  农商银行: '县级', 村镇银行: '县级', 支行: '县级', 网点: '县级', 分行: '市级', 省分行: '省级', 联社: '省级', 其他: undefined,
};

/** 机构名录中的一个机构（content/orgs.yaml）。报告的 org 字段必须能在这里找到。 */
export const orgSchema = z.strictObject({
  /** 机构代码：小写英文、数字与连字符，用于网址 /orgs/<id>/。 */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '机构代码只能用小写英文字母、数字和连字符'),
  /** 全称，如“介休农商银行”。 */
  name: z.string().min(2),
  /** 简称，如“湖南中行”；卡片空间不够时使用。 */
  short: z.string().optional(),
  /** 其他写法：报告 org 字段写其中任何一个都能识别。 */
  aliases: z.array(z.string().min(1)).default([]),
  /** 所在地区。 */
  region: z.strictObject({
    /** 省级行政区，如“山西”。 */
    province: z.string().min(2),
    /** 地级市，如“晋中”。 */
    city: z.string().optional(),
    /** 县级，如“介休”。 */
    county: z.string().optional(),
  }),
  /** 上级机构或所属体系，如“浙江农商联合银行”。 */
  parent: z.string().optional(),
  /** 机构类型。 */
  type: z.enum(ORG_TYPES).default('农商银行'),
  /**
   * 层级：县级、市级、省级、总行。不写时按 type 推定（见 LEVEL_OF_TYPE）。它决定各项存款余额这类金额数字的合理区间：
   * 县级农商银行的存款是几十到几百亿元，写成 1.2万亿元 多半是单位写错了或不是本机构的数字。
   */
  level: z.enum(ORG_LEVELS).optional(),
  /** 一两句机构简介，显示在机构页。 */
  profile: z.string().optional(),
});

export const orgRegistrySchema = z.strictObject({
  orgs: z.array(orgSchema).min(1),
});

export type Org = z.infer<typeof orgSchema>;
export type OrgRegistryData = z.infer<typeof orgRegistrySchema>;
