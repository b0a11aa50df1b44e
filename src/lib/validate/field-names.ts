/**
 * Field names of the report frontmatter and what writers type instead (Chinese words, other spellings),
 * so an unknown field can be answered with the right name.
 */
import { reportMetricSchema } from '../../schemas/report.ts';

export const REPORT_FIELDS = ['title', 'summary', 'org', 'date', 'authors', 'themes', 'cover', 'draft', 'metrics'] as const;
/** The figure fields, as the schema declares them. */
export const METRIC_FIELDS: readonly string[] = Object.keys(reportMetricSchema.shape);
export const COVER_FIELDS = ['src', 'alt', 'caption', 'credit'] as const;

export const FIELD_SYNONYMS: Record<string, string> = {
  标题: 'title', 题目: 'title', 摘要: 'summary', 简介: 'summary', 导语: 'summary', description: 'summary',
  机构: 'org', 单位: 'unit', 银行: 'org', organization: 'org', organisation: 'org', bank: 'org',
  日期: 'date', 发布日期: 'date', 时间: 'date', pubDate: 'date', publishDate: 'date', published: 'date',
  作者: 'authors', 通讯员: 'authors', author: 'authors', byline: 'authors',
  主题: 'themes', 分类: 'themes', theme: 'themes', tags: 'themes', categories: 'themes', category: 'themes',
  封面: 'cover', 图片: 'cover', image: 'cover', 草稿: 'draft', 指标: 'metrics', 数据: 'metrics', 数字: 'metrics', figures: 'metrics', metric: 'metrics',
  指标名: 'key', 名称: 'label', name: 'label', 数值: 'text', 值: 'text', 数: 'text', 原文: 'text', amount: 'text', number: 'text', figure: 'text',
  范围: 'scope', 口径: 'scope', 重点: 'featured', 亮点: 'featured', 置顶: 'featured', highlight: 'featured', 截至: 'asOf', 截至日期: 'asOf', asof: 'asOf', as_of: 'asOf', date_as_of: 'asOf',
  备注: 'note', 说明: 'note', notes: 'note', 推算: 'derived', 背景: 'context', 背景数字: 'context', 引用: 'context', 图注: 'caption', 摄影: 'credit', 来源: 'credit', 替代文字: 'alt',
};
