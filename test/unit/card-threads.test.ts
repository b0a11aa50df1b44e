/** How many card workers a build starts: the cores that were idle a moment ago, never fewer than one. */
import { describe, expect, it } from 'vitest';
import { freeCores, idleCores } from '../../src/cards/pool.ts';

const cpu = (user: number, idle: number) => ({ times: { user, nice: 0, sys: 0, idle, irq: 0 } });

describe('card worker threads', () => {
  it('counts the idle share of every core between two snapshots', () => {
    const before = [cpu(1000, 5000), cpu(2000, 4000)];
    // Both cores idle for the whole interval.
    expect(idleCores(before, [cpu(1000, 5100), cpu(2000, 4100)], 2)).toBe(2);
    // One core busy with another build, one idle.
    expect(idleCores(before, [cpu(1100, 5000), cpu(2000, 4100)], 2)).toBe(1);
    // Both busy: still one worker, or no card would ever be drawn.
    expect(idleCores(before, [cpu(1100, 5000), cpu(2100, 4000)], 2)).toBe(1);
    // Three quarters idle on four cores.
    const four = [cpu(0, 0), cpu(0, 0), cpu(0, 0), cpu(0, 0)];
    expect(idleCores(four, [cpu(0, 100), cpu(0, 100), cpu(0, 100), cpu(100, 0)], 4)).toBe(3);
  });

  it('counts the time this process used meanwhile as free: its own collector gives way to the workers', () => {
    const before = [cpu(1000, 5000), cpu(2000, 4000)];
    const after = [cpu(1100, 5000), cpu(2000, 4100)];
    expect(idleCores(before, after, 2)).toBe(1);
    expect(idleCores(before, after, 2, 100)).toBe(2);
    // Never more than all of it.
    expect(idleCores(before, after, 2, 10_000)).toBe(2);
  });

  it('never counts more than the cores this process may use (a container may see more)', () => {
    expect(idleCores([cpu(0, 0), cpu(0, 0), cpu(0, 0), cpu(0, 0)], [cpu(0, 100), cpu(0, 100), cpu(0, 100), cpu(0, 100)], 2)).toBe(2);
  });

  it('SHOWCASE_CARD_THREADS overrides the measurement', async () => {
    expect(await freeCores({ SHOWCASE_CARD_THREADS: '3' })).toBe(3);
    const n = await freeCores({}, 50);
    expect(n).toBeGreaterThanOrEqual(1);
  });
});
