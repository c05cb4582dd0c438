/**
 * The load stage's key figures for the main report, from the `figures` block the load suite
 * writes to reports/load/latest/summary.json (load/report/figures.ts), with the engine that ran.
 * Missing: null, never a made-up 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadFigures {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  ratePerSecond: number | null;
  slowCount: number | null;
  slowShare: number | null;
  errorRate: number | null;
  thresholdMs: number;
  runId: string | null;
  /** `embedded (undici 7.30.2, hdr-histogram-js 3.0.1)` or `k6 (k6 v1.8.1)`; null when not said. */
  engine: string | null;
}

interface Written {
  runId?: string;
  nsApiSlowMs?: number;
  p50?: number;
  p90?: number;
  p95?: number;
  p99?: number;
  max?: number;
  requests?: number;
  requestRate?: number;
  slowCount?: number;
  slowShare?: number;
  errorRate?: number;
  engine?: string;
  engineVersion?: string;
}

export function readLoadFigures(reportsDir: string, thresholdMs: number): LoadFigures | null {
  const path = join(reportsDir, 'load', 'latest', 'summary.json');
  if (!existsSync(path)) return null;
  let f: Written | undefined;
  try {
    f = (JSON.parse(readFileSync(path, 'utf8')) as { figures?: Written }).figures;
  } catch {
    return null;
  }
  if (!f || typeof f.p95 !== 'number') return null;
  return {
    p50: f.p50 ?? NaN,
    p90: f.p90 ?? NaN,
    p95: f.p95,
    p99: f.p99 ?? NaN,
    max: f.max ?? NaN,
    requests: f.requests ?? NaN,
    ratePerSecond: f.requestRate ?? null,
    slowCount: f.slowCount ?? null,
    slowShare: f.slowShare ?? null,
    errorRate: f.errorRate ?? null,
    thresholdMs: f.nsApiSlowMs ?? thresholdMs,
    runId: f.runId ?? null,
    engine: f.engine ? `${f.engine}${f.engineVersion ? ` (${f.engineVersion})` : ''}` : null,
  };
}
