/**
 * Phase timings of one build, for `npm run bench` and anyone asking why a build is slow. With
 * SHOWCASE_TIMINGS=json each part of the build prints its own as one line, `SHOWCASE_TIMINGS {...}`, and the
 * bench merges the lines: the reports loader through its logger when it has loaded, the integration when the
 * build is done, scripts/build.ts after the swap. Each part keeps its figures itself and hands them here.
 */

export type Timings = Record<string, number | string | Record<string, number | string>>;

export function timingsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHOWCASE_TIMINGS === 'json';
}

/** Adds `ms` to a phase (a phase may run in several steps, e.g. one per report); returns `t`. */
export function addTime(t: Timings, phase: string, ms: number): Timings {
  t[phase] = Math.round(((typeof t[phase] === 'number' ? t[phase] : 0) + ms) * 10) / 10;
  return t;
}

/** The line the bench reads (tools/bench/scale.ts), also when a logger puts its prefix before it. */
export function timingsLine(t: Timings): string {
  return `SHOWCASE_TIMINGS ${JSON.stringify(t)}`;
}

export function printTimings(t: Timings): void {
  if (timingsWanted()) process.stdout.write(`${timingsLine(t)}\n`);
}
