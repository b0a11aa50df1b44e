import { z } from 'astro/zod';

/** 站点设置（content/site.yaml）。base、site 可被环境变量 SHOWCASE_BASE、SHOWCASE_SITE 覆盖。 */
export const siteConfigSchema = z.strictObject({
  /** 站点名称，出现在页头、标题和卡片上。 */
  name: z.string().min(1).default('案例展台'),
  /** 站点简介。 */
  description: z.string().default(''),
  /** 内网绝对地址，如 http://showcase.bank.local ；用于二维码、订阅源和 og:image。 */
  site: z.string().url().default('http://localhost:4321'),
  /** 部署子路径，如 /showcase/。 */
  base: z.string().default('/'),
  /** 品牌色与标志：卡片和页面共用。 */
  brand: z
    .strictObject({
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#b4232a'),
      accent: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#d9a441'),
      ink: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#1f2329'),
      /** 标志文件，相对 public/ 的路径（SVG 或 PNG）。 */
      logo: z.string().optional(),
    })
    .prefault({}),
  /** 报告 themes 字段可选的主题。 */
  themes: z
    .array(z.strictObject({ name: z.string().min(1), description: z.string().default('') }))
    .min(1),
  /** 每页列出的报告数。 */
  pageSize: z.number().int().min(5).max(100).default(12),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
