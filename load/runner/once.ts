/**
 * One bounded run on either engine, turned into the one report format: the engine measures the
 * PUTs, the scenario's thresholds judge them (load/scenario/metrics.ts, the same for both), and the
 * runner writes summary.json, summary.html and junit.xml.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '../../lib/client.ts';
import type { Config } from '../../lib/config.ts';
import { authHeaders } from '../../lib/headers.ts';
import { checksOf, measuredFromK6, type K6SummaryData } from '../k6/summary.ts';
import type { RunMeta } from '../report/figures.ts';
import { figuresOf } from '../report/figures.ts';
import type { SummaryFile } from '../report/summary.ts';
import { DEFAULT_MAX_ERROR_RATE, judge, thresholdsFor } from '../scenario/metrics.ts';
import { embeddedVersion, runEmbedded } from './embedded.ts';
import { k6Args, k6ExitCodes, runK6, type K6Inputs } from './k6.ts';
import type { RunPlan } from './plan.ts';

export type EngineChoice = { kind: 'embedded' } | { kind: 'k6'; bin: string; version: string };

export interface OnceRequest {
  config: Config;
  plan: RunPlan;
  engine: EngineChoice;
  baseUrl: string;
  sessions: readonly Entity[];
  meta: Omit<RunMeta, 'engine' | 'engineVersion'>;
  signal?: AbortSignal;
  log(line: string): void;
}

/** The run could not be made (k6 exited without a summary, ...): exit 2 with this message. */
export class RunFailed extends Error {
  override name = 'RunFailed';
}

export function headersOf(config: Config): Record<string, string> {
  const headers: Record<string, string> = { ...authHeaders(config.auth) };
  if (config.appToken) headers['SO-AppToken'] = config.appToken;
  return headers;
}

/** k6's settings for a run or an archive (no credentials: those go in its environment). */
export function k6Inputs(config: Config, plan: RunPlan, baseUrl: string, extra: K6Inputs['plain']): K6Inputs {
  return {
    plain: {
      BASE_URL: baseUrl,
      LOAD_PROFILE: plan.profile,
      LOAD_RATE: plan.settings.rate,
      LOAD_DURATION: plan.settings.duration,
      LOAD_MAX_VUS: plan.settings.maxVus,
      LOAD_SESSIONS: config.load.sessions,
      NS_API_SLOW_MS: config.nsApiSlowMs,
      LOAD_MAX_SLOW_SHARE: config.load.maxSlowShare,
      ...extra,
    },
    headers: headersOf(config),
  };
}

export async function runOnce(r: OnceRequest): Promise<SummaryFile> {
  const settings = {
    nsApiSlowMs: r.config.nsApiSlowMs,
    maxSlowShare: r.config.load.maxSlowShare,
    maxErrorRate: DEFAULT_MAX_ERROR_RATE,
  };
  const list = thresholdsFor(settings);
  if (r.engine.kind === 'embedded') {
    const result = await runEmbedded({
      baseUrl: r.baseUrl,
      authHeaders: headersOf(r.config),
      sessions: r.sessions,
      plan: r.plan,
      nsApiSlowMs: r.config.nsApiSlowMs,
      log: r.log,
      ...(r.signal ? { signal: r.signal } : {}),
    });
    const checks = result.checks.results();
    for (const sample of result.checks.samples) r.log(`  ${sample}`);
    const meta = { ...r.meta, engine: 'embedded' as const, engineVersion: embeddedVersion };
    return {
      figures: figuresOf(result.measured, judge(list, result.measured), checks, meta),
      checks,
      observations: result.checks.observations(),
      engineData: {
        sendLagMs: result.sendLag,
        serviceMs: result.service,
        peakInFlight: result.peakInFlight,
        aborted: result.aborted,
        timeline: result.timeline,
      },
      interrupted: result.interrupted,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'load-k6-'));
  try {
    const summaryFile = join(dir, 'k6-summary.json');
    const inputs = k6Inputs(r.config, r.plan, r.baseUrl, {
      LOAD_SESSION_IDS: r.sessions.map((s) => s.ChatSessionId).join(','),
      LOAD_MAX_REQUESTS: r.plan.maxRequests,
      LOAD_RUN_ID: r.meta.runId,
      LOAD_SUMMARY_FILE: summaryFile,
    });
    const k6 = await runK6(r.engine.bin, k6Args('run', inputs), inputs.headers, {
      timeoutMs: r.plan.timeoutMs,
      echo: (line) => r.log(`  k6: ${line}`),
      ...(r.signal ? { signal: r.signal } : {}),
    });
    let data: K6SummaryData;
    try {
      data = JSON.parse(readFileSync(summaryFile, 'utf8')) as K6SummaryData;
    } catch {
      throw new RunFailed(
        `k6 exited ${k6.code} (${k6ExitCodes[k6.code] ?? 'see its output above'}) without a summary: nothing was recorded`,
      );
    }
    const measured = measuredFromK6(data, r.plan.requests);
    const checks = checksOf(data.root_group);
    const meta = { ...r.meta, engine: 'k6' as const, engineVersion: `k6 ${r.engine.version}` };
    return {
      figures: figuresOf(measured, judge(list, measured), checks, meta),
      checks,
      observations: [],
      engineData: { k6ExitCode: k6.code, k6: data },
      interrupted: r.signal?.aborted ?? false,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
