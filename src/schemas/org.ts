import { z } from 'astro/zod';

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
  type: z.enum(['农商银行', '村镇银行', '省分行', '分行', '支行', '网点', '联社', '其他']).default('农商银行'),
  /** 一两句机构简介，显示在机构页。 */
  profile: z.string().optional(),
});

export const orgRegistrySchema = z.strictObject({
  orgs: z.array(orgSchema).min(1),
});

export type Org = z.infer<typeof orgSchema>;
export type OrgRegistryData = z.infer<typeof orgRegistrySchema>;
