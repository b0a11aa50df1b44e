import { z } from 'astro/zod';

/** 量纲：一组可以相互比较的基本单位（如 人、名、人次 都是“人数”）。 */
export const dimensionSchema = z.strictObject({
  /** 中文名称，出现在错误提示里，如“金额”“人数”。 */
  label: z.string().min(1),
  /**
   * 允许的基本单位；万、亿、万亿 等前缀总可以加在前面（万元、亿元、万户）。正文和 value 里的数字只按各量纲列出的
   * 单位读取：新增单位（亩、吨、套…）只需加在这里。一个单位只能属于一个量纲。
   */
  units: z.array(z.string().min(1)).min(1),
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
  /** 合理区间（按基本单位：元、人、%…），超出时警告请作者核对。 */
  range: z.tuple([z.number(), z.number()]).optional(),
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

export const catalogSchema = z.strictObject({
  dimensions: z.record(z.string(), dimensionSchema),
  metrics: z.array(metricDefinitionSchema).min(1),
  relations: z.array(relationSchema).default([]),
});

export type Dimension = z.infer<typeof dimensionSchema>;
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;
export type Relation = z.infer<typeof relationSchema>;
export type CatalogData = z.infer<typeof catalogSchema>;
