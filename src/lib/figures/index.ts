/**
 * The figures domain, one entry for the rest of the code: reading one printed figure (parse), finding figures in
 * running text (find), the words they are written with (words), which printing of the text is a report's figure
 * (printing), the sentence that prints it (sentences), what that sentence claims (claims), and formatting base
 * values for axes and totals (numbers). Pure: no I/O, usable in the browser, in scripts and in the build.
 */
export * from './numbers.ts';
export * from './printing.ts';
export * from './sentences.ts';
export * from './source.ts';
export * from './refs.ts';
export * from './catalog-figures.ts';
export * from './scan.ts';
export * from './text.ts';
export * from './chinese-numerals.ts';
export * from './words.ts';
export * from './parse.ts';
export * from './find.ts';
export * from './claim-dates.ts';
export * from './claims.ts';
