/**
 * The load profiles for PUT ChatSession, as k6 arrival-rate scenarios (open model: the tenant's
 * slowness cannot slow the arrival of requests down, so slow calls show up as slow calls).
 * Pure TypeScript with no k6 or Node imports: the k6 script builds its scenario here, and the
 * Node runner uses the same definitions to bound a run (planned duration and request count).
 *
 * | profile | executor              | default rate | default duration (steady part) | default max VUs |
 * |---------|-----------------------|--------------|--------------------------------|-----------------|
 * | smoke   | constant-arrival-rate | 10/s         | 10s                            | 20              |
 * | load    | ramping-arrival-rate  | 50/s         | 5m (+1m ramp up, 30s down)     | 200             |
 * | stress  | ramping-arrival-rate  | 100/s        | 8m in 4 steps to 2 x rate      | 500             |
 * | spike   | ramping-arrival-rate  | 200/s        | 1m at the peak (from 10/s)     | 500             |
 * | soak    | constant-arrival-rate | 20/s         | 1h                             | 100             |
 */

export const profileNames = ['smoke', 'load', 'stress', 'spike', 'soak'] as const;
export type ProfileName = (typeof profileNames)[number];

/** What LOAD_RATE, LOAD_DURATION and LOAD_MAX_VUS override. */
export interface ProfileSettings {
  /** PUTs per second at the profile's nominal level. */
  rate: number;
  /** The steady part of the profile, as k6 writes durations (`90s`, `5m`, `1h30m`). */
  duration: string;
  maxVus: number;
}

interface Stage {
  target: number;
  duration: string;
}

interface Common {
  timeUnit: '1s';
  preAllocatedVUs: number;
  maxVUs: number;
  /** In-flight PUTs may finish after the last arrival (longer than the 30 s request timeout). */
  gracefulStop: string;
  exec: 'putChatSession';
}
export type ArrivalScenario =
  | (Common & { executor: 'constant-arrival-rate'; rate: number; duration: string })
  | (Common & { executor: 'ramping-arrival-rate'; startRate: number; stages: Stage[] });

export interface Profile {
  name: ProfileName;
  /** One line for --help and the report. */
  description: string;
  defaults: ProfileSettings;
  scenario(settings: ProfileSettings): ArrivalScenario;
}

/** k6 request timeout for every PUT (the official .NET client gives up after 30 s). */
export const REQUEST_TIMEOUT = '30s';
const GRACEFUL_STOP = '35s';

function common(settings: ProfileSettings, expectedInFlight: number): Common {
  const pre = Math.max(1, Math.min(settings.maxVus, Math.ceil(expectedInFlight)));
  return {
    timeUnit: '1s',
    preAllocatedVUs: pre,
    maxVUs: Math.max(pre, settings.maxVus),
    gracefulStop: GRACEFUL_STOP,
    exec: 'putChatSession',
  };
}

const round = (n: number) => Math.max(1, Math.round(n));
const fractionOf = (duration: string, share: number) => `${round(parseDuration(duration) * share)}s`;

/** The rate held for the duration (smoke, soak). */
const constantRate = (s: ProfileSettings): ArrivalScenario => ({
  executor: 'constant-arrival-rate',
  rate: s.rate,
  duration: s.duration,
  ...common(s, s.rate / 2),
});

/** The stages from `startRate` (load, stress, spike); `inFlight` (expected) sizes the pre-allocated VUs. */
function rampingRate(s: ProfileSettings, startRate: number, stages: Stage[], inFlight: number): ArrivalScenario {
  return { executor: 'ramping-arrival-rate', startRate, stages, ...common(s, inFlight) };
}

export const profiles: Readonly<Record<ProfileName, Profile>> = {
  smoke: {
    name: 'smoke',
    description: 'a short, gentle constant rate: does PUT work and stay under the line at all?',
    defaults: { rate: 10, duration: '10s', maxVus: 20 },
    scenario: constantRate,
  },
  load: {
    name: 'load',
    description: 'expected production traffic: ramp up for 1m, hold the rate, ramp down for 30s',
    defaults: { rate: 50, duration: '5m', maxVus: 200 },
    scenario: (s) => {
      const stages = [
        { target: s.rate, duration: '1m' },
        { target: s.rate, duration: s.duration },
        { target: 0, duration: '30s' },
      ];
      return rampingRate(s, 0, stages, s.rate / 2);
    },
  },
  stress: {
    name: 'stress',
    description: 'beyond expected traffic: four steps at 0.5, 1, 1.5 and 2 x rate, each held a quarter of the duration',
    defaults: { rate: 100, duration: '8m', maxVus: 500 },
    scenario: (s) => {
      const steps = [0.5, 1, 1.5, 2].flatMap((k) => [
        { target: round(s.rate * k), duration: '1m' },
        { target: round(s.rate * k), duration: fractionOf(s.duration, 0.25) },
      ]);
      return rampingRate(s, 0, [...steps, { target: 0, duration: '1m' }], s.rate);
    },
  },
  spike: {
    name: 'spike',
    description: 'a sudden burst: 10/s, a jump to the rate in 10s, held for the duration, back to 10/s',
    defaults: { rate: 200, duration: '1m', maxVus: 500 },
    scenario: (s) => {
      const base = Math.min(10, s.rate);
      const stages = [
        { target: base, duration: '30s' },
        { target: s.rate, duration: '10s' },
        { target: s.rate, duration: s.duration },
        { target: base, duration: '10s' },
        { target: base, duration: '30s' },
      ];
      return rampingRate(s, base, stages, s.rate);
    },
  },
  soak: {
    name: 'soak',
    description: 'a moderate constant rate for a long time: slow calls that grow with time (leaks, queues)',
    defaults: { rate: 20, duration: '1h', maxVus: 100 },
    scenario: constantRate,
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (profileNames as readonly string[]).includes(name);
}

/** The profile's defaults with the given overrides (undefined = keep the default). */
export function settingsFor(name: ProfileName, overrides: Partial<ProfileSettings> = {}): ProfileSettings {
  const d = profiles[name].defaults;
  return {
    rate: overrides.rate ?? d.rate,
    duration: overrides.duration ?? d.duration,
    maxVus: overrides.maxVus ?? d.maxVus,
  };
}

const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds in a k6 duration string (`500ms`, `90s`, `1m30s`, `2h`); throws on anything else. */
export function parseDuration(text: string): number {
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text) ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g) : null;
  if (!parts) throw new Error(`"${text}" is not a k6 duration: write e.g. 30s, 5m, 1m30s or 1h`);
  return parts.reduce((sum, part) => {
    const [, value, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(part) as RegExpExecArray;
    return sum + Number(value) * (units[unit as string] as number);
  }, 0);
}

/** How long the scenario sends requests, in seconds (without the graceful stop). */
export function plannedSeconds(scenario: ArrivalScenario): number {
  if (scenario.executor === 'constant-arrival-rate') return parseDuration(scenario.duration);
  return scenario.stages.reduce((sum, st) => sum + parseDuration(st.duration), 0);
}

/** How many PUTs the scenario starts if every arrival gets a VU (rates integrated over time). */
export function plannedRequests(scenario: ArrivalScenario): number {
  if (scenario.executor === 'constant-arrival-rate') return Math.ceil(scenario.rate * parseDuration(scenario.duration));
  let rate = scenario.startRate;
  let total = 0;
  for (const st of scenario.stages) {
    total += ((rate + st.target) / 2) * parseDuration(st.duration);
    rate = st.target;
  }
  return Math.ceil(total);
}

/** Seconds of graceful stop k6 allows after the last arrival. */
export function gracefulStopSeconds(scenario: ArrivalScenario): number {
  return parseDuration(scenario.gracefulStop);
}
