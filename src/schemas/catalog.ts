import { z } from 'astro/zod';
import { ORG_LEVELS } from './org.ts';

/** 量纲：一组可以相互比较的基本单位（如 人、名、人次 都是“人数”）。 */
export const dimensionSchema = z.strictObject({
  /** 中文名称，出现在错误提示里，如“金额”“人数”。 */
  label: z.string().min(1),
  /**
   * 允许的基本单位；万、亿、万亿 等前缀总可以加在前面（万元、亿元、万户）。正文和 value 里的数字只按各量纲列出的
   * 单位读取：新增单位（亩、吨、套…）只需加在这里。一个单位只能属于一个量纲。
   */
  units: z.array(z.string().min(1)).min(1),
  /**
   * 数的是同一种东西的单位（人、名、位 都是一个人）：首页合计把它们的数字加在一起，按每组第一个单位写出。没有列在
   * 同一组里的单位（人 和 人次）数的是不同的东西，从不相加。
   */
  alike: z.array(z.array(z.string().min(1)).min(2)).default([]),
});

/** 指标目录中的一项。新增指标只需在 content/metrics.yaml 里加一项。 */
export const metricDefinitionSchema = z.strictObject({
  /** 指标代码：小写英文与下划线，报告里 metrics[].key 填它或任一 aliases。 */
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, '指标代码只能用小写英文字母、数字和下划线'),
  /** 中文名称，页面、卡片、错误提示都用它。 */
  label: z.string().min(1),
  /** 写报告时也可使用的其他中文叫法。 */
  aliases: z.array(z.string().min(1)).default([]),
  /** 量纲，须是 dimensions 中的一项。 */
  dimension: z.string().min(1),
  /** 允许的基本单位；不写则取量纲的全部单位。 */
  units: z.array(z.string().min(1)).optional(),
  /**
   * 这个指标本身的口径（细分指标才有，如涉农贷款余额的“涉农贷款”）：报告里写了 key 的数字，scope 只能写这里列出的
   * 说法之一；写别的口径就不是这个指标，要换成对应的细分指标，或者不写 key。
   */
  scopes: z.array(z.string().min(1)).default([]),
  /** 是否允许负数（如存款较年初减少）。 */
  negative: z.boolean().default(false),
  /** 常见区间（按基本单位：元、人、%…），超出时提醒作者核对；机构有层级、指标有 band 时改用 band。 */
  range: z.tuple([z.number(), z.number()]).optional(),
  /**
   * 硬性界限（按基本单位）：超出就不可能是这个指标，是错误。占比、覆盖率、完成率、参与率、不良贷款率、资本充足率
   * 写 [0, 100]；拨备覆盖率和增幅可以超过 100%，不写。
   */
  limit: z.tuple([z.number(), z.number()]).optional(),
  /** 按机构层级的合理区间，写 bands 里的一组的名称（金额指标都要有）。超出是错误，提示可能的万/亿之误。 */
  band: z.string().min(1).optional(),
  /** stock 时点余额；flow 期间发生额；rate 比率。 */
  kind: z.enum(['stock', 'flow', 'rate']),
  /** 卡片与首页选“亮点数字”的优先级，越大越靠前。 */
  priority: z.number().default(0),
  /** 首页是否按年汇总展示该指标（只对 flow 有意义）。 */
  total: z.boolean().default(false),
  /** 排名方向。 */
  better: z.enum(['higher', 'lower']).default('higher'),
});

const relationBase = {
  /** 关系不成立时的级别：默认是错误。 */
  severity: z.enum(['error', 'warning']).default('error'),
  /** 说明这条关系的口径。 */
  note: z.string().optional(),
};

/** 指标之间的关系：在同一报告、同一截至日期内检查。 */
export const relationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    /** 余额 − 较年初增加 = 年初余额；增幅 = 增加 ÷ 年初余额。 */
    type: z.literal('balance_change'),
    balance: z.string(),
    increase: z.string(),
    rate: z.string().optional(),
    ...relationBase,
  }),
  z.strictObject({
    /** 部分不大于整体。 */
    type: z.literal('part_of'),
    part: z.string(),
    whole: z.string(),
    ...relationBase,
  }),
  z.strictObject({
    /** 比率 = 部分 ÷ 整体。 */
    type: z.literal('ratio'),
    rate: z.string(),
    part: z.string(),
    whole: z.string(),
    ...relationBase,
  }),
]);

/** 一组按机构层级的合理区间（按基本单位）：县级、市级、省级、总行各一个 [下限, 上限]。 */
export const bandSchema = z.partialRecord(z.enum(ORG_LEVELS), z.tuple([z.number(), z.number()]));

/**
 * 份额类比率：没写 key 的 % 数字，label 里有 words 中的词（且没有 except 中的词）时，是整体中的一部分，超出 limit
 * 是错误。写了 key 的数字用指标自己的 limit。
 */
export const sharesSchema = z.strictObject({
  limit: z.tuple([z.number(), z.number()]),
  words: z.array(z.string().min(1)).min(1),
  /** 可以超过 100% 的比率里也有上面的词：拨备覆盖率、任务完成率…… */
  except: z.array(z.string().min(1)).default([]),
});

export const catalogSchema = z.strictObject({
  dimensions: z.record(z.string(), dimensionSchema),
  metrics: z.array(metricDefinitionSchema).min(1),
  relations: z.array(relationSchema).default([]),
  bands: z.record(z.string(), bandSchema).default({}),
  shares: sharesSchema.optional(),
});

export type Dimension = z.infer<typeof dimensionSchema>;
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;
export type Relation = z.infer<typeof relationSchema>;
export type CatalogData = z.infer<typeof catalogSchema>;
export type Band = z.infer<typeof bandSchema>;
export type Shares = z.infer<typeof sharesSchema>;
