/**
 * k6 load test for PUT /api/v1/ChatSession/{id} against the NsApiSlow threshold (PUT-SLOW).
 *
 *   npm run load                       # smoke profile against the embedded tenant (scripts/load.ts)
 *   LOAD_PROFILE=load npm run load     # or --profile load; LOAD_RATE / LOAD_DURATION / LOAD_MAX_VUS override
 *
 * Settings come from __ENV (load/lib/settings.ts); the runner sets them from the typed config.
 * Every PUT is timed into `put_duration`; a PUT over NS_API_SLOW_MS counts in `ns_api_slow`
 * (Rate) and `ns_api_slow_count` (Counter). Thresholds: p95 and p99 under the line, the slow
 * share at most LOAD_MAX_SLOW_SHARE (default 0), failed requests and checks. Checks validate
 * status and body with validators generated from schemas/ChatSessionEntityWithLinks.json.
 */
import { check, fail } from 'k6';
import exec from 'k6/execution';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import type { ChatSessionEntity, ChatSessionEntityWithLinks } from '../schemas/types.gen.ts';
import type { RunFigures } from './lib/figures.ts';
import { profiles, REQUEST_TIMEOUT } from './lib/profiles.ts';
import { buildPutBody, buildScratchSession, entityOf } from './lib/put-body.ts';
import { readSettings } from './lib/settings.ts';
import { summaryFiles, type SummaryData } from './lib/summary.ts';
import { validateChatSessionEntityWithLinks } from './lib/validators.gen.js';

const settings = readSettings(__ENV);
const base = settings.baseUrl;
const history: RunFigures[] = settings.historyFile ? (JSON.parse(open(settings.historyFile)) as RunFigures[]) : [];
/** The PUT page's sample body: the template for scratch sessions when no live session is given. */
const sample = JSON.parse(open('../schemas/samples/put-request.json')) as ChatSessionEntity;

const putDuration = new Trend('put_duration', true);
const slow = new Rate('ns_api_slow');
const slowCount = new Counter('ns_api_slow_count');

export const options: Options = {
  scenarios: { put_chatsession: profiles[settings.profile].scenario(settings.profileSettings) },
  thresholds: {
    put_duration: [`p(95)<${settings.slowMs}`, `p(99)<${settings.slowMs}`],
    ns_api_slow: [`rate<=${settings.maxSlowShare}`],
    http_req_failed: [`rate<=${settings.maxErrorRate}`],
    checks: ['rate>=0.99'],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
  setupTimeout: '2m',
  teardownTimeout: '2m',
  tags: { profile: settings.profile },
};

interface SetupData {
  sessions: ChatSessionEntity[];
  /** Ids setup() created (scratch pool) that teardown() deletes. */
  created: number[];
}

const jsonHeaders = { ...settings.headers, Accept: 'application/json', 'Content-Type': 'application/json' };
const url = (id: number | string) => `${base}/api/v1/ChatSession/${id}`;

/** Stops the run before any load with a message that says what to do. */
function refuse(what: string, res: RefinedResponse<ResponseType | undefined>): never {
  if (res.status === 0)
    fail(`tenant down: ${what} got no answer (${res.error}). Is the tenant running at ${base}? Check TENANT_URL.`);
  if (res.status === 401 || res.status === 403)
    fail(
      `credentials refused: ${what} answered ${res.status}. Check AUTH_SCHEME and its credentials (and SO_APP_TOKEN) in .env.`,
    );
  if (res.status === 404)
    fail(
      `${what} answered 404: that session does not exist on ${base}. The embedded tenant's load pool is ids 400..TENANT_SEED_SESSIONS; for a live tenant check CHAT_SESSION_ID.`,
    );
  fail(`${what} answered ${res.status}, expected 200: ${String(res.body).slice(0, 200)}`);
}

function getEntity(id: number): ChatSessionEntity {
  const res = http.get(url(id), { headers: jsonHeaders, timeout: '10s', tags: { op: 'setup' } });
  if (res.status !== 200) refuse(`GET ${url(id)}`, res);
  return entityOf(res.json() as unknown as ChatSessionEntityWithLinks);
}

export function setup(): SetupData {
  const ids = Array.from({ length: settings.sessions }, (_, i) => settings.firstId + i);
  if (settings.pool === 'seed') {
    const sessions = [getEntity(ids[0] as number)]; // the probe: down, refused or missing stops here
    for (let i = 1; i < ids.length; i += 20) {
      const batch = ids.slice(i, i + 20);
      const answers = http.batch(
        batch.map(
          (id) => ['GET', url(id), null, { headers: jsonHeaders, timeout: '10s', tags: { op: 'setup' } }] as const,
        ),
      );
      answers.forEach((res, j) => {
        if (res.status !== 200) refuse(`GET ${url(batch[j] as number)}`, res);
        sessions.push(entityOf(res.json() as unknown as ChatSessionEntityWithLinks));
      });
    }
    return { sessions, created: [] };
  }
  const template = settings.templateId ? getEntity(settings.templateId) : sample;
  const sessions: ChatSessionEntity[] = [];
  for (let n = 0; n < settings.sessions; n++) {
    const res = http.post(`${base}/api/v1/ChatSession`, JSON.stringify(buildScratchSession(template, n, Date.now())), {
      headers: jsonHeaders,
      timeout: '10s',
      tags: { op: 'setup' },
    });
    if (res.status !== 200)
      refuse(`POST ${base}/api/v1/ChatSession (creating scratch session ${n + 1} of ${settings.sessions})`, res);
    sessions.push(entityOf(res.json() as unknown as ChatSessionEntityWithLinks));
  }
  return { sessions, created: sessions.map((s) => s.ChatSessionId) };
}

let shapeComplaints = 0;
function bodyMatches(res: RefinedResponse<ResponseType | undefined>): boolean {
  let body: unknown;
  try {
    body = res.json();
  } catch {
    return false;
  }
  if (validateChatSessionEntityWithLinks(body)) return true;
  if (shapeComplaints++ < 3) {
    const errors = (validateChatSessionEntityWithLinks.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
    console.warn(`ENTITY-SHAPE: PUT ${res.url} body does not match ChatSessionEntityWithLinks: ${errors.join('; ')}`);
  }
  return false;
}

/** One PUT of a whole, realistic entity to one session of the pool. */
export function putChatSession(data: SetupData): void {
  const n = exec.scenario.iterationInTest;
  if (settings.maxRequests > 0 && n >= settings.maxRequests) {
    if (n === settings.maxRequests)
      console.warn(`LOAD_MAX_REQUESTS=${settings.maxRequests} reached: no more PUTs are sent in this run`);
    return;
  }
  const session = data.sessions[n % data.sessions.length] as ChatSessionEntity;
  const body = buildPutBody(session, n, Date.now());
  const res = http.put(url(session.ChatSessionId), JSON.stringify(body), {
    headers: jsonHeaders,
    timeout: REQUEST_TIMEOUT,
    tags: { name: 'PUT /api/v1/ChatSession/{id}', op: 'put' },
  });
  const ms = res.timings.duration;
  putDuration.add(ms);
  slow.add(ms > settings.slowMs);
  slowCount.add(ms > settings.slowMs ? 1 : 0);
  check(res, { 'PUT-200 status is 200': (r) => r.status === 200 });
  if (res.status === 200) check(res, { 'ENTITY-SHAPE body matches ChatSessionEntityWithLinks': bodyMatches });
}

export function teardown(data: SetupData): void {
  for (const id of data.created) {
    const res = http.del(url(id), null, { headers: jsonHeaders, timeout: '10s', tags: { op: 'teardown' } });
    if (res.status !== 204 && res.status !== 200)
      console.error(`could not delete scratch session ${id} (answered ${res.status}): delete it by hand`);
  }
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryFiles(data, settings, history);
}
