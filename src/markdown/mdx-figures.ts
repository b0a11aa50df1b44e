/**
 * The figures of an .mdx report, for the source-link step of the rehype plugin (rehype-body.ts). @astrojs/mdx
 * compiles the file itself when a page renders it, with nothing from the reports loader but the file; the
 * figures' printings are chosen by the claim check, which reads the whole report against the catalog and the
 * org registry. So the plugin is given the content folder as an option (astro.config.mjs) and checks the file
 * the vfile names with the loader's own pure validation (validateReport) on the data files as they are now:
 * the same text and the same rule give the same printings. Only files in the reports folder are reports.
 */
import { readFileSync, realpathSync } from 'node:fs';
import type { VFile } from 'vfile';
import type { BodyFigures } from '../lib/body/figure-anchors.ts';
import { validateReport } from '../lib/validate/report.ts';
import { ContentConfigError, readContentConfig } from '../node/content-config.ts';
import { decodeReportFile } from '../node/decode.ts';
import { displayPath, isInside } from '../node/paths.ts';
import { reportsDir } from '../node/report-file.ts';

export interface MdxFiguresOptions {
  contentDir: string;
  /** The project's own content folder, whose data files stand in for missing ones. */
  projectContentDir: string;
}

/** Vite names a module by its real path; the content folder may be given through a symbolic link. */
function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

export function mdxBodyFigures(where: MdxFiguresOptions): (file: VFile) => BodyFigures | undefined {
  return (file) => {
    if (!file.path || !isInside(real(reportsDir(where.contentDir)), real(file.path))) return undefined;
    let config;
    try {
      config = readContentConfig(where);
    } catch (e) {
      // The reports loader reports these and stops a build; a dev page shows them.
      if (e instanceof ContentConfigError) return undefined;
      throw e;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file.path);
    } catch {
      return undefined;
    }
    const name = displayPath(file.path, config.contentDir);
    const decoded = decodeReportFile(bytes, name);
    if (decoded.text === undefined) return undefined;
    // Publication does not bear on the figures: any day will do.
    const { report } = validateReport(decoded.text, name, { ...config, now: new Date() });
    return report ? { metrics: report.metrics, baseUnits: config.catalog.baseUnits } : undefined;
  };
}
