/**
 * Every load run is planned and bounded before it starts: its profile's arrivals, a hard cap on
 * PUTs (planned + 20 %) and on wall time (run + graceful stop + setup allowance), and refusals for
 * plans beyond what one run may do. Also the production guard and the run id.
 */
import { ArrivalSchedule } from '../scenario/schedule.ts';
import {
  gracefulStopSeconds,
  plannedSeconds,
  profiles,
  settingsFor,
  type ArrivalScenario,
  type ProfileName,
  type ProfileSettings,
} from '../scenario/profiles.ts';

/** No single run may plan more than this (soak's 1 h default fits; a typo like 100h does not). */
export const MAX_RUN_SECONDS = 6 * 3600;
export const MAX_RUN_REQUESTS = 5_000_000;
/** Time for setup (reading or creating the pool) and teardown, on top of the run itself. */
const SETUP_ALLOWANCE_SECONDS = 2 * 120 + 60;

export interface RunPlan {
  profile: ProfileName;
  settings: ProfileSettings;
  scenario: ArrivalScenario;
  seconds: number;
  requests: number;
  /** No PUT is sent beyond this (the planned count plus 20 %). */
  maxRequests: number;
  /** In-flight PUTs may finish this long after the last arrival (then they are aborted). */
  gracefulStopMs: number;
  /** Wall-clock bound for the whole run, setup and teardown included. */
  timeoutMs: number;
}

/** Plans and bounds a run; throws with a message when it is beyond the hard limits. */
export function planRun(profile: ProfileName, overrides: Partial<ProfileSettings>): RunPlan {
  const settings = settingsFor(profile, overrides);
  const scenario = profiles[profile].scenario(settings);
  const seconds = plannedSeconds(scenario);
  const requests = new ArrivalSchedule(scenario).total;
  if (seconds > MAX_RUN_SECONDS)
    throw new Error(
      `the ${profile} profile would run ${Math.round(seconds)} s, over the ${MAX_RUN_SECONDS} s limit of one run: lower LOAD_DURATION`,
    );
  if (requests > MAX_RUN_REQUESTS)
    throw new Error(
      `the ${profile} profile would send ~${requests} PUTs, over the ${MAX_RUN_REQUESTS} limit of one run: lower LOAD_RATE or LOAD_DURATION`,
    );
  const gracefulStopMs = gracefulStopSeconds(scenario) * 1000;
  return {
    profile,
    settings,
    scenario,
    seconds,
    requests,
    maxRequests: Math.ceil(requests * 1.2) + 10,
    gracefulStopMs,
    timeoutMs: (seconds + SETUP_ALLOWANCE_SECONDS) * 1000 + gracefulStopMs,
  };
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

/** `20250101T120000Z-smoke`: sortable, unique per second and profile. */
export function newRunId(profile: string, now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${profile}`;
}

/** `scheme://host[:port]` of a URL, never its user info, path or query. */
export function hostOf(url: string): string {
  const m = /^(https?:\/\/)(?:[^@/]*@)?([^/?#]+)/i.exec(url);
  return m ? `${(m[1] as string).toLowerCase()}${(m[2] as string).toLowerCase()}` : 'unknown';
}
