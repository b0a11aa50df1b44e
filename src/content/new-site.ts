/**
 * `npm run new-site` on disk: reads the content folder's registry and reports, plans with src/lib/new-site.ts, and
 * (unless only asked what it would do) deletes the sample reports and their images and writes the bank's registry.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planNewSite, type NewSitePlan, type OwnOrg, type SiteFile } from '../lib/new-site.ts';
import { DATA_FILES, readContentConfig } from '../node/content-config.ts';

/** Files under reports/, any depth, as the check lists them (names starting with . or _ are skipped). */
function siteFiles(contentDir: string): SiteFile[] {
  const out: SiteFile[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(contentDir, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out.push({ path: rel, ...(/\.mdx?$/i.test(e.name) ? { text: readFileSync(path.join(contentDir, rel), 'utf8') } : {}) });
    }
  };
  walk('reports');
  return out;
}

export interface NewSiteResult extends NewSitePlan {
  /** The registry file written (the content folder's orgs.yaml). */
  registryFile: string;
}

/** Plans, and unless `dryRun`, applies: the sample reports and images go, orgs.yaml holds the bank alone. */
export function newSite(opts: { contentDir: string; projectContentDir: string; own: OwnOrg; dryRun?: boolean }): NewSiteResult {
  const config = readContentConfig({ contentDir: opts.contentDir, projectContentDir: opts.projectContentDir });
  const registryText = readFileSync(config.files.registry, 'utf8');
  const plan = planNewSite(config.registryData, registryText, siteFiles(config.contentDir), opts.own);
  // The content folder's own orgs.yaml, even when it used the project's until now.
  const registryFile = path.join(config.contentDir, DATA_FILES.registry);
  if (!opts.dryRun) {
    for (const f of plan.remove) rmSync(path.join(config.contentDir, f), { force: true });
    writeFileSync(registryFile, plan.orgsYaml);
  }
  return { ...plan, registryFile };
}
