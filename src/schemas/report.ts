import { z } from 'astro/zod';
import { parseAsOf, parseDay } from '../lib/dates.ts';

const day = (what: string) =>
  z.union([z.date(), z.string()], { error: `${what}要写成 2025-04-18 这样的日期` }).transform((value, ctx) => {
    const parsed = parseDay(value);
    if (parsed.ok) return parsed.day;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

const asOf = z
  .union([z.date(), z.string(), z.number()], { error: '截至日期要写成 2025-03-31、2025-Q1 这样的格式' })
  .transform((value, ctx) => {
    const parsed = parseAsOf(value);
    if (parsed.ok) return { day: parsed.day, label: parsed.label };
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

/**
 * 报告里的一个数字：照正文印的样子写（text），说明它数的是什么（label），只有它就是指标目录里的某个指标时才写 key。
 * 旧写法的 value、unit、approx 不再接受（src/lib/validate/old-form.ts 给出改法）。
 */
export const reportMetricSchema = z.strictObject({
  /** 照正文印的写：216.66亿元、40余亿元、超六成、近180万户、3至5个。网站、卡片、排行都原样显示它。 */
  text: z.union([z.string(), z.number()], { error: 'text 要照正文写整个数字，如 text: 40余亿元' }),
  /** 这个数字数的是什么，用文章里的说法，如“累计发放扶贫贷款”；不写 key 时必填，写了 key 可省略（用指标目录的中文名）。 */
  label: z.string({ error: 'label 要写文字，如 label: 累计发放扶贫贷款' }).trim().min(1).optional(),
  /** 指标目录里的指标代码或中文名：只在这个数字就是该指标（全行口径，或该指标本身的口径）时写。 */
  key: z.string({ error: 'key 要写指标代码或中文名，如 deposit_balance' }).trim().min(1).optional(),
  /** 比全行窄的口径：某个业务、产品、项目、支行或时段（近3年、2019年以来）。 */
  scope: z.string({ error: 'scope 要写文字，如 scope: 近3年' }).trim().min(1).optional(),
  /** 截至日期：2025-03-31、2025-03（3月末）、2025-Q1（一季度末）、2025-H1、2025（年末）。 */
  asOf,
  /** 在卡片、海报、列表和报告顶部领先显示，按 1、2、3 的顺序。 */
  featured: z.number({ error: 'featured 要写 1、2、3 这样的顺序号' }).int('featured 要写 1、2、3 这样的整数').min(1, 'featured 从 1 开始').optional(),
  /** 口径说明，显示在数字旁边；derived: true 时必填。 */
  note: z.string().min(1).optional(),
  /** 正文里没有、由其他数字算出的数字：必须同时写 note 说明怎么算的。 */
  derived: z.boolean({ error: 'derived 只能写 true 或 false' }).optional(),
  /** 文章引用的别处的数字（全国、全省、人民银行、合作企业）：只在报告页作为背景显示，label 写明是谁的；不能写 key 和 featured。 */
  context: z.boolean({ error: 'context 只能写 true 或 false' }).optional(),
});

export interface ReportSchemaOptions {
  /** 可选主题（content/site.yaml 的 themes）。 */
  themes: readonly string[];
  /** Astro 的 image() 校验；脚本里不传，封面只按路径字符串校验。 */
  image?: () => z.ZodType;
}

/** 一份案例报告的 frontmatter。构建、npm run check 与测试共用这一个定义。 */
export function createReportSchema({ themes, image }: ReportSchemaOptions) {
  const themeEnum = z.enum(themes as [string, ...string[]], {
    error: (issue) => `主题“${String(issue.input)}”不在 content/site.yaml 的主题列表中`,
  });
  return z.strictObject({
    /** 标题，4 到 60 个字。 */
    title: z.string({ error: 'title 要写报告标题（文字）' }).trim().min(4, '标题太短，至少 4 个字').max(60, '标题太长，请控制在 60 个字以内'),
    /** 一两句话的摘要，列表页和分享卡片使用，10 到 160 个字。 */
    summary: z.string({ error: 'summary 要写一两句摘要（文字）' }).trim().min(10, '摘要太短，至少 10 个字').max(160, '摘要太长，请控制在 160 个字以内'),
    /** 报告机构：机构名录 content/orgs.yaml 里的全称、简称或别名。 */
    org: z.string({ error: 'org 要写机构名称，如“介休农商银行”' }).trim().min(2),
    /** 发布日期（北京时间的日历日）。晚于今天的报告在那天之前不会发布。 */
    date: day('date（发布日期）'),
    /** 作者、通讯员。 */
    authors: z.array(z.string().trim().min(1), { error: 'authors 要写成列表，如 [温娜, 王瑞俊]' }).default([]),
    /** 主题，从 content/site.yaml 的主题列表中选 1 到 4 个。 */
    themes: z.array(themeEnum, { error: 'themes 要写成列表，如 [党建引领, 普惠金融]' }).min(1, '至少选一个主题').max(4, '主题最多选 4 个'),
    /** 封面图（可选）。 */
    cover: z
      .strictObject({
        /** 图片文件，相对报告文件的路径，如 ./images/jiexiu.jpg。 */
        src: image ? image() : z.string().min(1),
        /** 替代文字：描述图片内容，供读屏软件使用。 */
        alt: z.string({ error: 'cover.alt 要写一句图片内容描述' }).min(2),
        /** 图片说明（图注）。 */
        caption: z.string().optional(),
        /** 摄影或来源，如“林道辉 摄”。 */
        credit: z.string().optional(),
      })
      .optional(),
    /** 草稿：true 时不会出现在任何输出里。 */
    draft: z.boolean({ error: 'draft 只能写 true 或 false' }).default(false),
    /** 报告中的数字。每个数字都要能在正文里找到。 */
    metrics: z.array(reportMetricSchema, { error: 'metrics 要写成列表，每项是一个数字' }).default([]),
  });
}

export type ReportFrontmatter = z.output<ReturnType<typeof createReportSchema>>;
export type ReportFrontmatterInput = z.input<ReturnType<typeof createReportSchema>>;
export type ReportMetricInput = z.output<typeof reportMetricSchema>;
