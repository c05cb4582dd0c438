/**
 * What every bench section shares: the k6 binary, output folder, the PUT body both servers get,
 * the auth headers, CPU pinning (server on CPU 0, generator on CPU 1) and progress lines that say
 * which section, how far, and the time elapsed since the bench started.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPutBody } from '../../load/lib/put-body.ts';
import { seedSession } from '../../tenant/seed.ts';
import { embeddedHeaders } from './harness.ts';
import { canPin } from './procs.ts';

export interface BenchContext {
  k6: string;
  k6Version: string;
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

export function makeContext(k6: string, k6Version: string, gitRevision: string, dir: string): BenchContext {
  mkdirSync(join(dir, 'k6'), { recursive: true });
  const bodyFile = join(dir, 'put-body.json');
  writeFileSync(bodyFile, JSON.stringify(buildPutBody(seedSession(400), 1, Date.UTC(2024, 5, 1, 8, 30))));
  const startedAt = Date.now();
  const pin = canPin && (process.env.BENCH_NO_PIN ?? '') === '';
  return {
    k6,
    k6Version,
    gitRevision,
    dir,
    bodyFile,
    headers: embeddedHeaders(),
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
