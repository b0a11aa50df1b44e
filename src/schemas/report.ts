import { z } from 'astro/zod';
import { parseAsOf, parseDay } from '../lib/dates.ts';
import { APPROX_FIELD_VALUES } from '../lib/figure-words.ts';

/** 约数标记：写在数字前、数字与单位之间或单位后，表示“多于”“接近”“大约”。取自 src/lib/figure-words.ts 的约数表。 */
export const APPROX_VALUES = APPROX_FIELD_VALUES;

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

/** 报告里的一个数字。 */
export const reportMetricSchema = z.strictObject({
  /** 指标代码或中文名，见 content/metrics.yaml，如 deposit_balance 或“各项存款余额”。 */
  key: z.string({ error: 'key 要写指标代码或中文名，如 deposit_balance' }).min(1),
  /** 数值，照正文印刷的写：216.66；也可以连单位写成 "216.66亿元"、"120余名"。 */
  value: z.union([z.number(), z.string()], { error: 'value 要写数字，如 216.66' }),
  /** 单位，如 亿元、万元、%、人、户、笔；value 已带单位时可省略。 */
  unit: z.string().min(1).optional(),
  /** 约数标记：余、多、超、逾、以上、近、约… 与正文一致。 */
  approx: z.enum(APPROX_VALUES, { error: `approx 只能是 ${APPROX_VALUES.join('、')} 之一` }).optional(),
  /** 截至日期：2025-03-31、2025-03（3月末）、2025-Q1（一季度末）、2025-H1、2025（年末）。 */
  asOf,
  /** 页面上显示的名称，不写则用指标目录里的中文名。 */
  label: z.string().min(1).optional(),
  /** 口径说明，显示在数字旁边。 */
  note: z.string().min(1).optional(),
  /** 正文里没有、由其他数字算出的数字：必须同时写 note 说明怎么算的。 */
  derived: z.boolean({ error: 'derived 只能写 true 或 false' }).optional(),
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
