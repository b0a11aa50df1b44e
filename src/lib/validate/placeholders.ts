/**
 * Placeholders left as values. `npm run import` and `npm run new` write 请填写…, 请改写：… and 请确认… where a person
 * must write or rewrite something; such a value would go on the site as it stands (a region page called 请填写省份, a
 * summary reading 请改写：…), so it is an error wherever it is left: in a report's fields and body, and in the
 * settings, catalog and registry files.
 */
import type { Problem } from '../problems.ts';
import { fieldPath } from './schema-issues.ts';

/** A value that is a placeholder: it starts with the words, or carries them with their colon (请改写：…). */
const PLACEHOLDER = /^\s*请(?:填写|改写|确认)|请(?:填写|改写|确认)[：:]/;
/** In the body only the marked form counts: 请填写问卷 is a sentence a report may print. */
const BODY_PLACEHOLDER = /请(?:填写|改写|确认)[：:]/;

/** What to write, by the field's last name. */
const WHAT_TO_WRITE: Readonly<Record<string, string>> = {
  title: '报告的标题（4–60 个字）',
  summary: '一两句话的摘要（10–160 个字）',
  org: '机构名录 content/orgs.yaml 里的机构名称',
  authors: '作者或通讯员的姓名',
  alt: '一句话说清图片里有什么',
  caption: '图片说明',
  credit: '摄影者，如“林道辉 摄”',
  label: '这个数字统计的是什么，用文章里的说法',
  scope: '比全行窄的口径，如“近3年”“扶贫贷款”',
  note: '口径说明',
  province: '所在的省级行政区，如“山西”',
  city: '所在的地级市，如“晋中”',
  county: '所在的县级行政区，如“介休”',
  parent: '上级机构，如“晋中管理中心”',
  name: '实际的名称',
  profile: '一两句机构简介',
  description: '一句说明',
};

type Locate = (path: readonly (string | number)[]) => { line: number; column: number } | undefined;

export interface PlaceholderContext {
  file: string;
  locate: Locate;
  /** Whose file: a report, or a data file (its name in Chinese, e.g. 机构名录). */
  label?: string;
}

function problem(ctx: PlaceholderContext, where: { line?: number; column?: number }, field: string, value: string, name: string): Problem {
  const write = WHAT_TO_WRITE[name];
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return {
    severity: 'error', code: 'placeholder', file: ctx.file, ...where, field,
    title: ctx.label ? `${ctx.label} 里还有没填的占位文字` : '还有没填的占位文字',
    what: `${field} 写的是“${shown}”，这是导入（npm run import）或新建（npm run new）时留给人填写、改写或确认的文字。`,
    why: ctx.label
      ? '占位文字会原样出现在网站上（如地区页“请填写省份”），所以设置文件里不能留。'
      : '占位文字会原样出现在网站上，所以留着占位文字的报告不能发布，草稿也要改好才能通过检查。',
    fix: write ? `把它换成${write}。` : '把它换成实际内容；确认无误的推测，删掉“请确认”几个字即可。',
  };
}

/** Every string value of `data` (frontmatter or a data file) that is still a placeholder. */
export function placeholderProblems(data: unknown, ctx: PlaceholderContext): Problem[] {
  const out: Problem[] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') {
      if (!PLACEHOLDER.test(v)) return;
      const last = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
      out.push(problem(ctx, ctx.locate(path) ?? {}, fieldPath(path), v.trim(), last));
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

/** Lines of a report's body that still hold a placeholder (请改写：这里写正文。). */
export function bodyPlaceholderProblems(body: string, bodyLine: number, file: string): Problem[] {
  return body.split('\n').flatMap((text, i) => {
    const at = BODY_PLACEHOLDER.exec(text);
    if (!at) return [];
    const shown = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
    return [{
      severity: 'error' as const, code: 'placeholder', file, line: bodyLine + i, column: at.index + 1, field: '正文',
      title: '正文里还有没改写的占位文字',
      what: `正文这一行写的是“${shown}”，这是新建（npm run new）或导入时留给人改写的文字。`,
      why: '占位文字会原样出现在报告页上，所以留着占位文字的报告不能发布，草稿也要改好才能通过检查。',
      fix: '把这一行换成报告的正文；段落之间空一行，小标题写成“## 小标题”。',
    }];
  });
}
