/** Builds the lookup structures of the metric catalog and the organisation registry from their data files. */
import type { CatalogData } from '../schemas/catalog.ts';
import { LEVEL_OF_TYPE, type Org, type OrgLevel, type OrgRegistryData } from '../schemas/org.ts';
import { APPROX_TABLE, CHENG, UNIT_PREFIXES } from './figures/index.ts';
import type { Catalog, OrgRegistry } from './model.ts';

export function buildCatalog(data: CatalogData): Catalog {
  const byKey = new Map(data.metrics.map((m) => [m.key, m]));
  const byName = new Map<string, (typeof data.metrics)[number]>();
  for (const m of data.metrics) {
    for (const name of [m.key, m.label, ...m.aliases]) byName.set(name, m);
  }
  // The one list of units figures are read with (see figureVocabulary); longest first so 人次 wins over 人.
  const baseUnits = [...new Set(Object.values(data.dimensions).flatMap((d) => d.units))].sort((a, b) => b.length - a.length);
  const alikeUnit = new Map<string, string>();
  for (const d of Object.values(data.dimensions)) for (const group of d.alike ?? []) for (const u of group) alikeUnit.set(u, group[0]!);
  return {
    dimensions: data.dimensions, metrics: data.metrics, relations: data.relations, byKey, byName, baseUnits, alikeUnit, bands: data.bands,
    ...(data.shares ? { shares: data.shares } : {}),
  };
}

/** The organisation's level as written, or as its type implies; undefined for 其他 without one (no size check). */
export function orgLevel(org: Pick<Org, 'type' | 'level'>): OrgLevel | undefined {
  return org.level ?? LEVEL_OF_TYPE[org.type];
}

/** The unit a figure is added up in: the first of its `alike` group (名 → 人), else its own (人次 stays 人次). */
export function countedAs(catalog: Pick<Catalog, 'alikeUnit'>, baseUnit: string): string {
  return catalog.alikeUnit.get(baseUnit) ?? baseUnit;
}

/** Units a metric accepts, without prefixes: its own list or its dimension's. */
export function allowedBaseUnits(catalog: Catalog, key: string): string[] {
  const def = catalog.byKey.get(key);
  if (!def) return [];
  return def.units ?? catalog.dimensions[def.dimension]?.units ?? [];
}

/** Problems inside the catalog itself (a relation naming a metric that does not exist, …), in Chinese. */
export function catalogIssues(data: CatalogData): string[] {
  const issues: string[] = [];
  const keys = new Set<string>();
  const names = new Map<string, string>();
  for (const m of data.metrics) {
    if (keys.has(m.key)) issues.push(`指标代码 ${m.key} 重复`);
    keys.add(m.key);
    if (!data.dimensions[m.dimension]) issues.push(`指标 ${m.key} 的量纲 ${m.dimension} 不在 dimensions 中`);
    for (const u of m.units ?? []) {
      if (!data.dimensions[m.dimension]?.units.includes(u)) issues.push(`指标 ${m.key} 的单位 ${u} 不属于量纲 ${m.dimension}`);
    }
    for (const name of [m.label, ...m.aliases]) {
      const other = names.get(name);
      if (other && other !== m.key) issues.push(`名称“${name}”同时属于 ${other} 和 ${m.key}`);
      names.set(name, m.key);
    }
  }
  // A scope word names one segment: two metrics of one dimension and kind claiming it could not be told apart.
  const scopeOwner = new Map<string, string>();
  for (const m of data.metrics) {
    for (const scope of m.scopes ?? []) {
      const id = `${m.dimension}|${m.kind}|${scope}`;
      const other = scopeOwner.get(id);
      if (other && other !== m.key) issues.push(`口径“${scope}”同时属于同类指标 ${other} 和 ${m.key}`);
      scopeOwner.set(id, m.key);
    }
  }
  issues.push(...unitIssues(data));
  issues.push(...boundIssues(data));
  for (const r of data.relations) {
    const used = r.type === 'balance_change' ? [r.balance, r.increase, r.rate] : r.type === 'part_of' ? [r.part, r.whole] : [r.rate, r.part, r.whole];
    for (const k of used) if (k && !keys.has(k)) issues.push(`关系 ${r.type} 引用了不存在的指标 ${k}`);
  }
  return issues;
}

/**
 * Limits, ranges and bands are [low, high]; a band set must exist, and once one amount of a dimension has a band
 * every balance and amount of it does, so a figure ten thousand times off (万 for 亿) is caught for every one.
 */
function boundIssues(data: CatalogData): string[] {
  const issues: string[] = [];
  const pair = (what: string, p: readonly [number, number] | undefined) => {
    if (p && !(p[0] <= p[1])) issues.push(`${what} 的下限 ${p[0]} 大于上限 ${p[1]}`);
  };
  for (const [name, band] of Object.entries(data.bands)) {
    for (const [level, p] of Object.entries(band)) pair(`bands.${name}.${level}`, p);
  }
  if (data.shares) pair('shares.limit', data.shares.limit);
  // A dimension with one banded amount has all its balances and amounts banded (rates have limits instead).
  const banded = new Set(data.metrics.filter((m) => m.band !== undefined).map((m) => m.dimension));
  for (const m of data.metrics) {
    pair(`指标 ${m.key} 的 range`, m.range);
    pair(`指标 ${m.key} 的 limit`, m.limit);
    if (m.band !== undefined && !data.bands[m.band]) issues.push(`指标 ${m.key} 的 band ${m.band} 不在 bands 中`);
    if (m.band === undefined && banded.has(m.dimension) && m.kind !== 'rate') {
      issues.push(`指标 ${m.key} 没有 band：${data.dimensions[m.dimension]?.label ?? m.dimension}类的其他指标都有按机构层级的合理区间`);
    }
  }
  return issues;
}

/**
 * Units are read out of printed text, so each must read one way: in one dimension only, not a prefix plus
 * another unit (千米 would also be 千 + 米), and not a word the figure grammar already gives a meaning (成).
 */
function unitIssues(data: CatalogData): string[] {
  const issues: string[] = [];
  const owner = new Map<string, string>();
  for (const [dim, d] of Object.entries(data.dimensions)) {
    for (const u of d.units) {
      const other = owner.get(u);
      if (other && other !== dim) issues.push(`单位 ${u} 同时属于量纲 ${other} 和 ${dim}`);
      owner.set(u, dim);
    }
    // An alike group adds its figures up: a unit of another dimension, or in two groups, would be added twice over.
    const grouped = new Set<string>();
    for (const u of (d.alike ?? []).flat()) {
      if (!d.units.includes(u)) issues.push(`量纲 ${dim} 的 alike 里的单位 ${u} 不在它的 units 中`);
      if (grouped.has(u)) issues.push(`单位 ${u} 在量纲 ${dim} 的 alike 里出现了不止一次`);
      grouped.add(u);
    }
  }
  for (const u of owner.keys()) {
    if (/[\d０-９]/.test(u)) issues.push(`单位 ${u} 里有数字`);
    if (u === CHENG.word || APPROX_TABLE.some((m) => m.marker === u)) issues.push(`单位 ${u} 与约数标记或“成”重名`);
    for (const { prefix } of UNIT_PREFIXES) {
      const rest = u.slice(prefix.length);
      if (u.startsWith(prefix) && rest && owner.has(rest)) issues.push(`单位 ${u} 也能读成 ${prefix} + ${rest}，换一个写法或删掉其中一个`);
    }
  }
  return issues;
}

export function buildRegistry(data: OrgRegistryData): OrgRegistry {
  const byId = new Map(data.orgs.map((o) => [o.id, o]));
  const byName = new Map<string, (typeof data.orgs)[number]>();
  for (const o of data.orgs) {
    for (const name of [o.name, o.short, ...o.aliases]) if (name) byName.set(normalizeOrgName(name), o);
  }
  return { orgs: data.orgs, byId, byName };
}

/** Writers mix 农商银行 / 农村商业银行 and add spaces; both resolve to the same organisation. */
export function normalizeOrgName(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/农村商业银行/g, '农商银行');
}

export function registryIssues(data: OrgRegistryData): string[] {
  const issues: string[] = [];
  const seen = new Map<string, string>();
  const ids = new Set<string>();
  for (const o of data.orgs) {
    if (ids.has(o.id)) issues.push(`机构代码 ${o.id} 重复`);
    ids.add(o.id);
    for (const name of [o.name, o.short, ...o.aliases]) {
      if (!name) continue;
      const n = normalizeOrgName(name);
      const other = seen.get(n);
      if (other && other !== o.id) issues.push(`名称“${name}”同时属于 ${other} 和 ${o.id}`);
      seen.set(n, o.id);
    }
  }
  return issues;
}
