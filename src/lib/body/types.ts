import type { Root as MdastRoot } from 'mdast';
import type { Problem } from '../problems.ts';
import type { LiteralValue } from './mdx.ts';

export interface AnalyzeBodyOptions {
  /** File relative to the content folder, as in every Problem: reports/jiexiu-2025q1.mdx. */
  file: string;
  /** 1-based line of the file where the body starts (frontmatter.ts `bodyLine`). */
  bodyLine: number;
  /** The file is .mdx: parsed as MDX and held to the MDX policy (src/lib/body/mdx.ts). */
  mdx: boolean;
  /** Components the body may use (`REPORT_COMPONENTS`). */
  components: readonly string[];
  /** The site's own address (site.yaml `site`): links to it are not "another host". */
  site?: string;
  /** The report's slug: links on the site are resolved from its page, reports/<slug>/ (links.ts). */
  slug?: string;
}

/** A use of an allowed component, with the props written as literals (others are reported, not returned). */
export interface BodyComponent {
  name: string;
  props: Record<string, LiteralValue>;
  line: number;
  column: number;
  /** Inside a paragraph (`余额<Figure … />。`) rather than on a line of its own. */
  inline: boolean;
}

export type ImageSyntax = 'markdown' | 'reference' | 'html' | 'jsx';

export interface BodyImage {
  /** As written (for a reference image: the definition's URL). */
  url: string;
  alt: string;
  line: number;
  column: number;
  syntax: ImageSyntax;
  /**
   * A relative path, to be checked on disk by the loader (exists, is an image, stays inside the content
   * folder). Remote, data:, root and computer paths are errors here and are not local.
   */
  local: boolean;
  /** For a local image: the path with percent escapes decoded and `\` read as `/`, relative to the report. */
  path?: string;
}

export interface BodyLink {
  url: string;
  line: number;
  column: number;
  /** Leaves the site for another host (http:, https:, //host), which intranet readers may not reach. */
  external: boolean;
  host?: string;
  /** Leads to another report's page (its slug), which must exist and be published (validate/report-links.ts). */
  report?: string;
}

export interface BodyAnalysis {
  components: BodyComponent[];
  images: BodyImage[];
  links: BodyLink[];
  problems: Problem[];
  /** The Markdown tree read (absent when MDX could not be read), for `bodyPlainText` to reuse: it is not changed. */
  tree?: MdastRoot;
}

export interface BodyPlainTextOptions {
  mdx: boolean;
  /** The tree `analyzeBody` read from the same body, saving a second parse. */
  tree?: MdastRoot;
  /** The text a `<Figure … />` prints, from its literal props (undefined: prints nothing known). */
  figureText: (props: Record<string, unknown>) => string | undefined;
}
