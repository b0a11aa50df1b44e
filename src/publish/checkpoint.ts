/**
 * Named points in the build and publish steps where the kill tests stop the process dead, to prove that an
 * interruption at exactly that point leaves the site usable. SHOWCASE_KILL_AT=<name> kills at the first pass,
 * <name>#<n> at the n-th (e.g. the 37th copied file). Unset — always, outside the tests — it does nothing.
 */
let counts: Map<string, number> | undefined;

export function checkpoint(name: string): void {
  const spec = process.env.SHOWCASE_KILL_AT;
  if (!spec) return;
  const [at, nth] = spec.split('#');
  if (at !== name) return;
  counts ??= new Map();
  const seen = (counts.get(name) ?? 0) + 1;
  counts.set(name, seen);
  if (seen === Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
}
