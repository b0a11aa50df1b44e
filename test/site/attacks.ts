/**
 * Attack fixtures (test/fixtures/attacks/) that `npm run check` lets through with a warning: the sanitiser
 * removes the dangerous part and the report is published, so the shared test site includes them and the
 * browser test visits their pages. The others are refused outright (test/unit/body-attacks.test.ts).
 */
export const PUBLISHED_ATTACKS = [
  'base-href', 'data-url-link', 'form-action', 'iframe', 'javascript-link', 'link-stylesheet', 'meta-refresh',
  'object', 'script', 'style-url', 'svg-onload', 'svg-use-remote',
] as const;

export const ATTACKS_DIR = 'test/fixtures/attacks';
