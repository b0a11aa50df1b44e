/** What the link check reads, finds and reports. */
/** How a reference is used: an asset is loaded by the page itself, so it may never come from another host. */
export type RefKind = 'asset' | 'link' | 'self';

export interface Ref {
  /** dist-relative file the reference is in, posix separators ('reports/x/index.html'). */
  from: string;
  /** As written, after entity decoding. */
  url: string;
  kind: RefKind;
  /** Where it was found, e.g. 'img src', 'css url()'. */
  where: string;
}

export type ProblemKind = 'missing' | 'anchor' | 'anchor-twice' | 'outside-base' | 'no-slash' | 'external-asset' | 'bad-url' | 'foreign-self' | 'relative-in-404';

export interface Problem extends Ref {
  problem: ProblemKind;
  /** Chinese explanation for the operator. */
  reason: string;
}

export interface ExternalLink extends Ref {
  host: string;
}

export interface LinkCheckResult {
  base: string;
  /** Origin of the site's own absolute URLs (og:image, canonical …), given or taken from the pages. */
  site: string | null;
  pages: number;
  stylesheets: number;
  refs: number;
  problems: Problem[];
  /** Links (not assets) to other hosts: intranet readers cannot open them, but they are not broken. */
  external: ExternalLink[];
  ms: number;
}

export interface LinkCheckOptions {
  dist: string;
  base?: string;
  /** The site's absolute address (SHOWCASE_SITE), e.g. http://showcase.bank.local; its origin counts as internal. */
  site?: string;
}

/** What one check says about one reference. */
export interface Finding {
  problem: ProblemKind;
  reason: string;
}
