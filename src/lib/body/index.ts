/**
 * The report body as a syntax tree: the MDX policy (mdx.ts), the HTML allow-list (schema.ts, sanitize.ts),
 * the analysis the loader runs for every report (analyze.ts) and the reader's text (plain-text.ts).
 */
export { analyzeBody } from './analyze.ts';
export { bodyPlainText } from './plain-text.ts';
export { REPORT_COMPONENTS, type LiteralScalar, type LiteralValue } from './mdx.ts';
export { bodySchema } from './schema.ts';
export { cleanBodyTree } from './sanitize.ts';
export { REMARK_REHYPE_OPTIONS } from './parse.ts';
export type {
  AnalyzeBodyOptions, BodyAnalysis, BodyComponent, BodyImage, BodyLink, BodyPlainTextOptions, ImageSyntax,
} from './types.ts';
