/**
 * One bounded k6 run of load/put-chatsession.ts against a base URL, with its reports written
 * under reports/load/<run-id>/ and reports/load/latest/. The CLI (scripts/load.ts) and the load
 * proofs (load/*.test.ts) both run k6 through here, so they test what users run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authHeaders } from '../lib/headers.ts';
import type { Config } from '../lib/config.ts';
import type { RunFigures } from '../load/lib/figures.ts';
import {
  gracefulStopSeconds,
  plannedRequests,
  plannedSeconds,
  profiles,
  settingsFor,
  type ProfileName,
  type ProfileSettings,
} from '../load/lib/profiles.ts';
import { hostOf } from '../load/lib/settings.ts';
import type { SummaryFile } from '../load/lib/summary.ts';
import { k6Args, runK6, type K6Inputs } from './load-k6.ts';

/** No single run may plan more than this (soak's 1 h default fits; a typo like 100h does not). */
export const MAX_RUN_SECONDS = 6 * 3600;
export const MAX_RUN_REQUESTS = 5_000_000;

export interface RunPlan {
  profile: ProfileName;
  settings: ProfileSettings;
  seconds: number;
  requests: number;
  /** LOAD_MAX_REQUESTS: the planned count plus 20 %; k6 sends no PUT beyond it. */
  maxRequests: number;
  /** Wall-clock bound for the k6 process (run + graceful stop + setup/teardown allowance). */
  timeoutMs: number;
}

/** Plans and bounds a run; throws with a message when it is beyond the hard limits. */
export function planRun(profile: ProfileName, overrides: Partial<ProfileSettings>): RunPlan {
  const settings = settingsFor(profile, overrides);
  const scenario = profiles[profile].scenario(settings);
  const seconds = plannedSeconds(scenario);
  const requests = plannedRequests(scenario);
  if (seconds > MAX_RUN_SECONDS)
    throw new Error(
      `the ${profile} profile would run ${Math.round(seconds)} s, over the ${MAX_RUN_SECONDS} s limit of one run: lower LOAD_DURATION`,
    );
  if (requests > MAX_RUN_REQUESTS)
    throw new Error(
      `the ${profile} profile would send ~${requests} PUTs, over the ${MAX_RUN_REQUESTS} limit of one run: lower LOAD_RATE or LOAD_DURATION`,
    );
  const maxRequests = Math.ceil(requests * 1.2) + 10;
  const timeoutMs = (seconds + gracefulStopSeconds(scenario) + 2 * 120 + 60) * 1000;
  return { profile, settings, seconds, requests, maxRequests, timeoutMs };
}

export interface RunTarget {
  baseUrl: string;
  /** `seed`: existing ids from firstId (embedded); `scratch`: created and deleted by the run (live). */
  pool: 'seed' | 'scratch';
  firstId?: number;
  templateId?: number;
  /** How history names the target (default scheme://host:port of baseUrl). */
  label?: string;
}

/** History's name for the embedded tenant, whose port changes every run. */
export const EMBEDDED = 'embedded';

/** True for the production Online environment (online.superoffice.com and its subdomains; not qaonline or sod). */
export function isProductionHost(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'online.superoffice.com' || host.endsWith('.online.superoffice.com');
}

export interface RunRequest {
  k6: string;
  k6Version: string;
  gitRevision: string;
  config: Config;
  plan: RunPlan;
  target: RunTarget;
  /** reports/load (the run folder, latest/, history and baseline live here). */
  loadDir: string;
  runId: string;
  history: readonly RunFigures[];
  echo?: boolean;
}

export interface RunOutcome {
  code: number;
  output: string;
  timedOut: boolean;
  runDir: string;
  /** summary.json, when k6 got as far as handleSummary. */
  summary: SummaryFile | undefined;
}

/** `20250101T120000Z-smoke`: sortable, unique per second and profile. */
export function newRunId(profile: string, now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${profile}`;
}

export function k6Inputs(
  req: Pick<RunRequest, 'config' | 'plan' | 'target' | 'runId' | 'k6Version' | 'gitRevision'>,
  dirs: { runDir?: string; latestDir?: string; historyFile?: string },
): K6Inputs {
  const { config, plan, target } = req;
  const headers: Record<string, string> = { ...authHeaders(config.auth) };
  if (config.appToken) headers['SO-AppToken'] = config.appToken;
  return {
    plain: {
      BASE_URL: target.baseUrl,
      LOAD_PROFILE: plan.profile,
      LOAD_RATE: plan.settings.rate,
      LOAD_DURATION: plan.settings.duration,
      LOAD_MAX_VUS: plan.settings.maxVus,
      LOAD_SESSIONS: config.load.sessions,
      LOAD_POOL: target.pool,
      LOAD_FIRST_ID: target.firstId,
      LOAD_TEMPLATE_ID: target.templateId,
      NS_API_SLOW_MS: config.nsApiSlowMs,
      LOAD_MAX_SLOW_SHARE: config.load.maxSlowShare,
      LOAD_MAX_REQUESTS: plan.maxRequests,
      LOAD_RUN_ID: req.runId,
      LOAD_GIT_REV: req.gitRevision,
      LOAD_K6_VERSION: req.k6Version,
      LOAD_TARGET_HOST: target.label ?? hostOf(target.baseUrl),
      LOAD_STARTED_AT: new Date().toISOString(),
      LOAD_REPORT_DIR: dirs.runDir,
      LOAD_LATEST_DIR: dirs.latestDir,
      LOAD_HISTORY_FILE: dirs.historyFile,
    },
    headers,
  };
}

export async function runOnce(req: RunRequest): Promise<RunOutcome> {
  const runDir = join(req.loadDir, req.runId);
  const latestDir = join(req.loadDir, 'latest');
  rmSync(latestDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  mkdirSync(latestDir, { recursive: true });
  // The trend needs earlier runs; k6 reads them with open() from a temporary file.
  const historyFile = join(tmpdir(), `load-history-${process.pid}-${req.runId}.json`);
  writeFileSync(historyFile, JSON.stringify(req.history.slice(-29)));
  try {
    const inputs = k6Inputs(req, { runDir, latestDir, historyFile });
    const result = await runK6(req.k6, k6Args('run', inputs), inputs.headers, {
      timeoutMs: req.plan.timeoutMs,
      echo: req.echo,
    });
    let summary: SummaryFile | undefined;
    try {
      summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as SummaryFile;
    } catch {
      summary = undefined;
    }
    return { ...result, runDir, summary };
  } finally {
    rmSync(historyFile, { force: true });
  }
}
