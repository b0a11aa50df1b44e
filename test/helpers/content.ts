/**
 * A content folder checked the way `npm run check` does, for tests. Data files a folder lacks come from the
 * tests' own frozen content (test/fixtures/content), never from the shipped samples.
 */
import path from 'node:path';
import { checkContent, type CheckResult } from '../../src/node/check-content.ts';

export function loadContent(opts: { contentDir: string; paths?: string[]; now?: Date; env?: NodeJS.ProcessEnv }): Promise<CheckResult> {
  return checkContent({ ...opts, contentDir: path.resolve(opts.contentDir), projectContentDir: path.resolve('test/fixtures/content'), now: opts.now ?? new Date(), env: opts.env ?? {} });
}
