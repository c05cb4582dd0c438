/**
 * The k6 adapter of the PUT ChatSession scenario (load/scenario/), for users who have k6: the same
 * profiles, bodies, checks, metrics and thresholds as the embedded engine, in k6's own executors.
 *
 *   npm run load -- --engine k6          # the Node runner starts your k6 (K6_BIN or PATH)
 *   k6 run reports/load/put-chatsession.tar   # standalone, from `npm run load -- --archive`
 *
 * Under the runner, setup() only reads the sessions the runner chose (LOAD_SESSION_IDS: the seed's
 * load pool, or scratch sessions it created and journalled); standalone, setup() creates scratch
 * sessions and teardown() deletes them. Settings: load/k6/settings.ts. Only PUTs feed the metrics.
 */
import { check, fail } from 'k6';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import type { ChatSessionEntity, ChatSessionEntityWithLinks } from '../../schemas/types.gen.ts';
import { checkNames, checkPut } from '../scenario/checks.ts';
import { k6Thresholds, metricNames, thresholdsFor } from '../scenario/metrics.ts';
import { profiles, REQUEST_TIMEOUT } from '../scenario/profiles.ts';
import { buildPutBody, buildScratchSession, entityOf, putHeaders, scratchMarker } from '../scenario/put-body.ts';
import { ArrivalSchedule } from '../scenario/schedule.ts';
import { readSettings } from './settings.ts';
import { k6Text, type K6SummaryData } from './summary.ts';
import { documentedProperties, validateChatSessionEntityWithLinks } from './validators.gen.js';

const settings = readSettings(__ENV);
const base = settings.baseUrl;
/** The PUT page's sample body: the template for scratch sessions when no live session is given. */
const sample = JSON.parse(open('../../schemas/samples/put-request.json')) as ChatSessionEntity;
const scenario = profiles[settings.profile].scenario(settings.profileSettings);
const thresholds = thresholdsFor(settings);

const putDuration = new Trend(metricNames.duration, true);
const slow = new Rate(metricNames.slow);
const slowCount = new Counter(metricNames.slowCount);
const failed = new Rate(metricNames.failed);
const shapeFailed = new Rate(metricNames.shapeFailed);

export const options: Options = {
  scenarios: { put_chatsession: scenario },
  thresholds: k6Thresholds(thresholds),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
  setupTimeout: '2m',
  teardownTimeout: '2m',
  tags: { profile: settings.profile },
};

interface SetupData {
  sessions: ChatSessionEntity[];
  /** Ids setup() created (standalone scratch pool) that teardown() deletes. */
  created: number[];
}

const headers = putHeaders(settings.headers);
const url = (id: number | string) => `${base}/api/v1/ChatSession/${id}`;
const setupParams = { headers, timeout: '10s', tags: { op: 'setup' } };

/** Stops the run before any load with a message that says what to do. */
function refuse(what: string, res: RefinedResponse<ResponseType | undefined>): never {
  if (res.status === 0) fail(`tenant down: ${what} got no answer (${res.error}). Check BASE_URL.`);
  if (res.status === 401 || res.status === 403)
    fail(`credentials refused: ${what} answered ${res.status}. Check the credentials in LOAD_HEADERS.`);
  fail(`${what} answered ${res.status}, expected 200: ${String(res.body).slice(0, 200)}`);
}

function read(ids: readonly number[]): ChatSessionEntity[] {
  const answers = http.batch(ids.map((id) => ['GET', url(id), null, setupParams] as const));
  return answers.map((res, i) => {
    if (res.status !== 200) refuse(`GET ${url(ids[i] as number)}`, res);
    return entityOf(res.json() as unknown as ChatSessionEntityWithLinks);
  });
}

export function setup(): SetupData {
  const pool = settings.pool;
  if (pool.kind === 'ids') return { sessions: read(pool.ids), created: [] };
  if (pool.kind === 'seed')
    return { sessions: read(Array.from({ length: pool.count }, (_, i) => pool.first + i)), created: [] };
  const template = pool.templateId ? (read([pool.templateId])[0] as ChatSessionEntity) : sample;
  const sessions: ChatSessionEntity[] = [];
  for (let n = 0; n < pool.count; n++) {
    const body = buildScratchSession(template, n, Date.now(), scratchMarker(settings.runId, n));
    const res = http.post(`${base}/api/v1/ChatSession`, JSON.stringify(body), setupParams);
    if (res.status !== 200) refuse(`POST ${base}/api/v1/ChatSession (scratch session ${n + 1})`, res);
    sessions.push(entityOf(res.json() as unknown as ChatSessionEntityWithLinks));
  }
  return { sessions, created: sessions.map((s) => s.ChatSessionId) };
}

const documented = new Set(documentedProperties);
let complaints = 0;

/** One PUT of a whole, realistic entity to one session of the pool. */
export function putChatSession(data: SetupData): void {
  const n = exec.scenario.iterationInTest;
  if (settings.maxRequests > 0 && n >= settings.maxRequests) return;
  const session = data.sessions[n % data.sessions.length] as ChatSessionEntity;
  const res = http.put(url(session.ChatSessionId), JSON.stringify(buildPutBody(session, n, Date.now())), {
    headers,
    timeout: REQUEST_TIMEOUT,
    tags: { name: 'PUT /api/v1/ChatSession/{id}', op: 'put' },
  });
  const ms = res.timings.duration;
  putDuration.add(ms);
  slow.add(ms > settings.nsApiSlowMs);
  slowCount.add(ms > settings.nsApiSlowMs ? 1 : 0);
  const outcome = checkPut(res.status, typeof res.body === 'string' ? res.body : '', {
    validate: validateChatSessionEntityWithLinks,
    documented,
  });
  failed.add(outcome.status === 'failed');
  check(res, { [checkNames.status]: () => outcome.status !== 'failed' });
  if (outcome.status === 'failed') return;
  shapeFailed.add(outcome.status === 'shape');
  check(res, { [checkNames.shape]: () => outcome.status === 'ok' });
  if (outcome.status === 'shape' && complaints++ < 3) console.warn(`ENTITY-SHAPE: PUT ${res.url}: ${outcome.why}`);
}

export function teardown(data: SetupData): void {
  for (const id of data.created) {
    const res = http.del(url(id), null, { headers, timeout: '10s', tags: { op: 'teardown' } });
    if (res.status !== 204 && res.status !== 200)
      console.error(`could not delete scratch session ${id} (answered ${res.status}): delete it by hand`);
  }
}

export function handleSummary(data: K6SummaryData): Record<string, string> {
  const { setup_data: _setup, ...rest } = data;
  const planned = new ArrivalSchedule(scenario).total;
  const out: Record<string, string> = { stdout: k6Text(rest, planned, settings) };
  if (settings.summaryFile) out[settings.summaryFile] = JSON.stringify(rest);
  return out;
}
