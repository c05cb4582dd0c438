/**
 * What every bench section shares: the output folder, the PUT body every server gets,
 * the auth headers, CPU pinning (server on CPU 0, generator on CPU 1) and progress lines that say
 * which section, how far, and the time elapsed since the bench started.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authHeaders } from '../lib/headers.ts';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { buildPutBody } from '../load/scenario/put-body.ts';
import { seedSession } from '../tenant/seed.ts';
import { canPin } from './procs.ts';

export interface BenchContext {
  gitRevision: string;
  /** reports/bench */
  dir: string;
  /** A realistic PUT body (session 400 of the seed, as the load suite builds it). */
  bodyFile: string;
  headers: Record<string, string>;
  /** CPU for the server and for the load generator, when taskset can pin (else undefined). */
  serverCpu: number | undefined;
  generatorCpu: number | undefined;
  startedAt: number;
  progress(section: string, step: string): void;
}

export function elapsed(since: number): string {
  const s = Math.round((Date.now() - since) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function makeContext(gitRevision: string, dir: string): BenchContext {
  mkdirSync(dir, { recursive: true });
  const user = embeddedUsers[0]!;
  const bodyFile = join(dir, 'put-body.json');
  writeFileSync(bodyFile, JSON.stringify(buildPutBody(seedSession(400), 1, Date.UTC(2024, 5, 1, 8, 30))));
  const startedAt = Date.now();
  const pin = canPin && (process.env.BENCH_NO_PIN ?? '') === '';
  return {
    gitRevision,
    dir,
    bodyFile,
    headers: authHeaders({ scheme: 'basic', username: user.username, password: user.password }),
    serverCpu: pin ? 0 : undefined,
    generatorCpu: pin ? 1 : undefined,
    startedAt,
    progress: (section, step) => console.log(`[bench ${elapsed(startedAt)}] ${section}: ${step}`),
  };
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0
    ? Number.NaN
    : s.length % 2
      ? (s[mid] as number)
      : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
