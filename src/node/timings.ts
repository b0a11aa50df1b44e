/**
 * Phase timings of one build, for `npm run bench` and anyone asking why a build is slow. The loader runs in
 * Astro's module runner and the integration in plain Node: each has its own copy of this module, so the
 * figures live on a process-wide symbol both copies see. With SHOWCASE_TIMINGS=json the build prints them as
 * one line, `SHOWCASE_TIMINGS {...}`, when it ends.
 */

const KEY = Symbol.for('case-showcase.timings');

export type Timings = Record<string, number | string | Record<string, number | string>>;

function store(): Timings {
  const g = globalThis as unknown as Record<symbol, Timings | undefined>;
  g[KEY] ??= {};
  return g[KEY];
}

export function timingsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHOWCASE_TIMINGS === 'json';
}

/** Adds `ms` to a phase (a phase may run in several steps, e.g. the loader in dev). */
export function addTime(phase: string, ms: number): void {
  const t = store();
  t[phase] = Math.round(((typeof t[phase] === 'number' ? t[phase] : 0) + ms) * 10) / 10;
}

export function setTiming(name: string, value: number | string | Record<string, number | string>): void {
  store()[name] = value;
}

export function timings(): Timings {
  return { ...store() };
}

/** The line the bench reads. */
export function printTimings(extra: Timings = {}): void {
  if (timingsWanted()) process.stdout.write(`SHOWCASE_TIMINGS ${JSON.stringify({ ...timings(), ...extra })}\n`);
}
