/**
 * A bank's own site from the samples: which sample reports and images go, and the registry that stays — the bank's
 * own entry under the registry file's explanatory header. The catalog (metrics.yaml) and the settings (site.yaml)
 * are kept as they are. Pure: the caller reads and writes the files (src/content/new-site.ts).
 */
import YAML from 'yaml';
import { normalizeOrgName } from './catalog.ts';
import { parseReportSource } from './frontmatter.ts';
import { orgIdFor } from './import/slug.ts';
import { proposeOrg, stripProvince } from './import/orgs.ts';
import { ORG_TYPES, type Org, type OrgRegistryData } from '../schemas/org.ts';

export interface OwnOrg {
  name: string;
  province: string;
  city?: string;
  county?: string;
  /** Defaults to the kind its name ends in (农商银行, 支行, 分行 …), else 其他. */
  type?: Org['type'];
  id?: string;
  short?: string;
  parent?: string;
}

export interface SiteFile {
  /** Path under the content folder, with / (reports/jiexiu-2025q1.md, reports/images/jiexiu.jpg). */
  path: string;
  /** Text of a report file; images need none. */
  text?: string;
}

export interface NewSitePlan {
  org: Org;
  /** The registry file: its header comments, then the bank's entry. */
  orgsYaml: string;
  /** Sample reports and the images only they use. */
  remove: string[];
  /** Reports that stay: the bank's own, and files whose org is none of the samples' (said to the writer). */
  keep: { path: string; why: string }[];
}

/** What is wrong with the bank's details, in the writer's words; undefined when they will do. */
export function ownOrgProblem(o: OwnOrg): string | undefined {
  if (normalizeOrgName(o.name).length < 4) return `机构名称“${o.name}”太短：写全称，如“介休农商银行”“中国银行湖南省分行”。`;
  if (/请(?:填写|改写|确认)/.test(Object.values(o).join(''))) return '机构信息里还有“请填写”之类的占位文字，请写实际内容。';
  if (!o.province || o.province.length < 2) return '要写所在的省份（--province），如 --province 山西。';
  if (o.id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(o.id)) return `机构代码“${o.id}”只能用小写英文字母、数字和连字符，如 jiexiu。`;
  if (o.type !== undefined && !(ORG_TYPES as readonly string[]).includes(o.type)) return `类型“${o.type}”不认识，可选：${ORG_TYPES.join('、')}。`;
  return undefined;
}

/** The bank's registry entry: its id from its place name unless given, its type from its name unless given. */
export function ownOrgEntry(o: OwnOrg): Org {
  const name = stripProvince(normalizeOrgName(o.name)).name;
  const proposed = proposeOrg(o.name, orgIdFor);
  return {
    id: o.id ?? proposed.id,
    name,
    ...(o.short ? { short: o.short } : {}),
    aliases: proposed.aliases,
    region: { province: o.province, ...(o.city ? { city: o.city } : {}), ...(o.county ? { county: o.county } : {}) },
    ...(o.parent ? { parent: o.parent } : {}),
    type: o.type ?? proposed.type ?? '其他',
  };
}

const scalar = (v: unknown) => YAML.stringify(v, { lineWidth: 0 }).trimEnd();
const flow = (v: unknown) => YAML.stringify(v, { flow: true, lineWidth: 0, flowCollectionPadding: false } as YAML.ToStringOptions).trimEnd();

/** The registry file with only `org` in it, keeping the comments above `orgs:` that explain its fields. */
export function ownOrgsYaml(current: string, org: Org): string {
  const lines = current.split('\n');
  const at = lines.findIndex((l) => /^orgs\s*:/.test(l));
  const header = at > 0 ? lines.slice(0, at) : [];
  return [
    ...header,
    'orgs:',
    `  - id: ${org.id}`,
    `    name: ${scalar(org.name)}`,
    ...(org.short ? [`    short: ${scalar(org.short)}`] : []),
    ...(org.aliases.length > 0 ? [`    aliases: ${flow(org.aliases)}`] : []),
    `    type: ${org.type}`,
    `    region: ${flow(org.region)}`,
    ...(org.parent ? [`    parent: ${scalar(org.parent)}`] : []),
    '',
  ].join('\n');
}

/** The image paths a report refers to (cover and body): ./images/x.jpg → reports/images/x.jpg. */
function imagesOf(report: SiteFile): string[] {
  const dir = report.path.replace(/[^/]*$/, '');
  return [...(report.text ?? '').matchAll(/\.\/(images\/[^\s)"'>]+)/g)].map((m) => `${dir}${m[1]!}`);
}

/**
 * What goes: every report whose org is one of the sample registry's (other than the bank's own), and each image
 * only such reports use. What stays, and why: the bank's own reports, and reports of an org the samples do not
 * have (a draft already imported), which the bank keeps or deletes itself.
 */
export function planNewSite(samples: OrgRegistryData, registryText: string, files: readonly SiteFile[], own: OwnOrg): NewSitePlan {
  const org = ownOrgEntry(own);
  const ownNames = new Set([org.name, ...org.aliases, ...(org.short ? [org.short] : []), org.id].map(normalizeOrgName));
  const sampleNames = new Map<string, Org>();
  for (const o of samples.orgs) for (const n of [o.name, o.short, ...o.aliases, o.id]) if (n) sampleNames.set(normalizeOrgName(n), o);
  const reports = files.filter((f) => /\.mdx?$/i.test(f.path));
  const remove: string[] = [];
  const keep: NewSitePlan['keep'] = [];
  for (const r of reports) {
    const parsed = parseReportSource(r.text ?? '', r.path);
    const written = parsed.ok && typeof parsed.source.data.org === 'string' ? normalizeOrgName(parsed.source.data.org) : undefined;
    if (written !== undefined && ownNames.has(written)) keep.push({ path: r.path, why: '本行的报告' });
    else if (written !== undefined && sampleNames.has(written)) remove.push(r.path);
    else keep.push({ path: r.path, why: written === undefined ? '读不出 org，请自己决定留不留' : `机构“${parsed.ok ? String(parsed.source.data.org) : ''}”不是示例机构，请自己决定留不留` });
  }
  const kept = new Set(keep.flatMap((k) => imagesOf(reports.find((r) => r.path === k.path)!)));
  const images = new Set(remove.flatMap((p) => imagesOf(reports.find((r) => r.path === p)!)));
  for (const f of files) if (images.has(f.path) && !kept.has(f.path)) remove.push(f.path);
  return { org, orgsYaml: ownOrgsYaml(registryText, org), remove, keep };
}
