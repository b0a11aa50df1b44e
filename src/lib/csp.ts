/**
 * The site's Content-Security-Policy, one constant for every page: the <meta> in Base.astro, the header of the
 * preview server and the nginx example in the README all use it. It can be constant because the build inlines
 * no script and no stylesheet (astro.config.mjs: build.inlineStylesheets 'never', vite assetsInlineLimit 0):
 * per-page hashes, as Astro's own security.csp emits them, could never be repeated in a static server header.
 */

export const CSP_DIRECTIVES = [
  "default-src 'self'",
  // Pagefind compiles its WebAssembly (in the page and in its worker); nothing else may evaluate code.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // Only style="" attributes (brand colours on <body>, chart heights and legend swatches). They cannot run
  // script, and with every fetch limited to 'self' they cannot send anything anywhere.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  // Pagefind fetches its index fragments; its worker is a file on the site.
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** For <meta http-equiv>: browsers ignore frame-ancestors there and report it as an error, so it is left out. */
export const CSP_META = CSP_DIRECTIVES.join('; ');

/**
 * The dev server only (`astro dev`): the same policy, but stylesheets may be inline. In dev Astro puts every
 * stylesheet in the page as a <style> element and Vite's client replaces them as they change; with
 * style-src 'self' the browser drops them all and the writer previews an unstyled page. Builds never use this.
 */
export const CSP_DEV_META = CSP_META.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** For the HTTP header: the same policy plus frame-ancestors, which only a header can carry. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;
