/**
 * npm run schema
 * Writes .vscode/report.schema.json — the JSON Schema of report frontmatter, generated from the zod schema in
 * src/schemas/report.ts plus the catalog, registry and themes of the content folder — and maps it in
 * .vscode/settings.json (yaml.schemas), keeping every other setting there. Run it again after changing
 * content/metrics.yaml, content/orgs.yaml or content/site.yaml.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentDirFromEnv, PROJECT_ROOT, projectContentDir } from '../src/node/config.ts';
import { orExplainConfigProblems, readContentConfig, reportEditorSchema } from '../src/node/content-config.ts';
import type { JsonSchema } from '../src/lib/editor-schema.ts';
import { runCommand } from '../src/errors/operator.ts';
import { readArgs } from './lib/args.ts';

export function reportJsonSchema(contentDir: string, projectContent: string): JsonSchema {
  return reportEditorSchema(readContentConfig({ contentDir, projectContentDir: projectContent }));
}

const USAGE = `用法：npm run schema
  生成报告 frontmatter 的编辑器提示 .vscode/report.schema.json，并写进 .vscode/settings.json；
  改过 content/metrics.yaml、content/orgs.yaml 或 content/site.yaml 后再运行一次。`;

function main(argv: string[]): number {
  if (!readArgs(argv, { usage: USAGE, options: {}, positionals: false })) return 0;
  const schema = orExplainConfigProblems(() => reportJsonSchema(contentDirFromEnv(), projectContentDir()), '设置、指标目录或机构名录有误，无法生成。');
  if (!schema) return 2;
  const dir = path.join(PROJECT_ROOT, '.vscode');
  mkdirSync(dir, { recursive: true });
  const schemaFile = path.join(dir, 'report.schema.json');
  writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
  const settingsFile = path.join(dir, 'settings.json');
  let settings: Record<string, unknown> = {};
  if (existsSync(settingsFile)) {
    try {
      settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    } catch {
      console.error(`${path.relative(PROJECT_ROOT, settingsFile)} 不是有效的 JSON（可能有注释），没有改它。请手动加上 "yaml.schemas": { "./.vscode/report.schema.json": ["content/reports/**/*.md", "content/reports/**/*.mdx"] }`);
      return 2;
    }
  }
  const mapping = { ...((settings['yaml.schemas'] as Record<string, unknown>) ?? {}), './.vscode/report.schema.json': ['content/reports/**/*.md', 'content/reports/**/*.mdx'] };
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'yaml.schemas': mapping }, null, 2) + '\n');
  console.log(`已写出 ${path.relative(PROJECT_ROOT, schemaFile)} 和 ${path.relative(PROJECT_ROOT, settingsFile)}。`);
  console.log('注意：VS Code 的 YAML 插件（Red Hat）目前不检查 .md 文件开头的报告信息，这个文件供支持 JSON Schema 的编辑器和工具使用；npm run check 仍是最终的检查。');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await runCommand('生成编辑器提示', () => main(process.argv.slice(2)));
