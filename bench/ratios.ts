/**
 * The tenant against its ceilings, round by round. On a shared machine the absolute req/s drift
 * from minute to minute; a ratio of two servers measured in the same round (seconds apart, in
 * turn) does much less, so every ratio is taken per round and the median of the rounds is reported.
 */
import { median } from './context.ts';

/** One figure per round for each server, rounds in the same order for every server. */
export type PerRound<K extends string> = Record<K, readonly number[]>;

export interface RoundRatios {
  /** `of` / `to` in each round where both were measured (> 0). */
  rounds: number[];
  /** Median of `rounds`; NaN when no round had both. */
  median: number;
}

/**
 * `of / to` per round, and their median. Rounds where either figure is missing, zero or not finite
 * are left out rather than counted as 0 or infinity (a server that answered nothing that round).
 */
export function roundRatios(of: readonly number[], to: readonly number[]): RoundRatios {
  const rounds: number[] = [];
  for (let i = 0; i < Math.min(of.length, to.length); i++) {
    const [a, b] = [of[i] as number, to[i] as number];
    if (Number.isFinite(a) && Number.isFinite(b) && a > 0 && b > 0) rounds.push(a / b);
  }
  return { rounds, median: median(rounds) };
}

/**
 * The order the servers are measured in round `round` (0-based): each round starts one server
 * later, so no server is always the one measured first (or right after the noisiest one).
 */
export function roundOrder<T>(servers: readonly T[], round: number): T[] {
  const n = servers.length;
  if (n === 0) return [];
  const shift = ((round % n) + n) % n;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}
