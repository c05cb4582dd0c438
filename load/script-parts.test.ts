/**
 * The pure parts of the k6 script, in Node: profiles and their bounds, settings from __ENV, the
 * PUT body factory, the generated validators (same verdicts as schemas/index.ts), the reports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import type { ChatSessionEntity } from '../schemas/index.ts';
import { loadSample } from '../schemas/samples.ts';
import { seedSession } from '../tenant/seed.ts';
import { figuresFromSummary, type K6SummaryData } from './lib/figures.ts';
import { renderHtml } from './lib/html.ts';
import { renderJunit } from './lib/junit.ts';
import { parseDuration, plannedRequests, plannedSeconds, profileNames, profiles, settingsFor } from './lib/profiles.ts';
import { buildPutBody, buildScratchSession } from './lib/put-body.ts';
import { hostOf, readSettings } from './lib/settings.ts';
import { validateChatSessionEntityWithLinks } from './lib/validators.gen.js';

describe('load profiles', () => {
  test('every profile is an arrival-rate scenario with a bounded plan', () => {
    for (const name of profileNames) {
      const scenario = profiles[name].scenario(settingsFor(name));
      assert.match(scenario.executor, /arrival-rate$/, name);
      assert.ok(plannedSeconds(scenario) > 0 && plannedRequests(scenario) > 0, name);
      assert.ok(scenario.maxVUs >= scenario.preAllocatedVUs, name);
    }
  });

  test('smoke by default is 5/s for 20 s: 100 PUTs', () => {
    const smoke = profiles.smoke.scenario(settingsFor('smoke'));
    assert.equal(plannedRequests(smoke), 100);
    assert.equal(plannedSeconds(smoke), 20);
  });

  test('overrides replace the defaults; ramps integrate to the right count', () => {
    const load = profiles.load.scenario(settingsFor('load', { rate: 10, duration: '2m' }));
    assert.equal(plannedSeconds(load), 60 + 120 + 30);
    assert.equal(plannedRequests(load), 5 * 60 + 10 * 120 + 5 * 30);
  });

  test('parseDuration reads k6 durations and refuses others', () => {
    assert.equal(parseDuration('1m30s'), 90);
    assert.equal(parseDuration('500ms'), 0.5);
    assert.equal(parseDuration('2h'), 7200);
    assert.throws(() => parseDuration('10 minutes'), /not a k6 duration/);
  });
});

describe('settings from __ENV', () => {
  test('defaults, and each variable named when wrong', () => {
    const s = readSettings({ BASE_URL: 'http://127.0.0.1:1234/' });
    assert.equal(s.baseUrl, 'http://127.0.0.1:1234');
    assert.deepEqual(
      [s.profile, s.slowMs, s.maxSlowShare, s.sessions, s.pool, s.firstId],
      ['smoke', 5000, 0, 50, 'seed', 400],
    );
    assert.throws(() => readSettings({}), /BASE_URL/);
    assert.throws(
      () => readSettings({ BASE_URL: 'http://x', LOAD_PROFILE: 'huge' }),
      /LOAD_PROFILE="huge" must be one of smoke, load, stress, spike, soak/,
    );
    assert.throws(() => readSettings({ BASE_URL: 'http://x', LOAD_MAX_SLOW_SHARE: '2' }), /LOAD_MAX_SLOW_SHARE/);
    assert.throws(
      () => readSettings({ BASE_URL: 'http://x', LOAD_HEADERS: 'Basic abc' }),
      (e: Error) => /LOAD_HEADERS/.test(e.message) && !e.message.includes('abc'),
    );
  });

  test('hostOf never keeps credentials, paths or queries', () => {
    assert.equal(
      hostOf('https://user:secret@Online.SuperOffice.com/Cust123/api?x=1'),
      'https://online.superoffice.com',
    );
  });
});

describe('PUT bodies @PUT-200', () => {
  test('bodies built on a seed session and on the reference sample match ChatSessionEntity, and vary', () => {
    const bodies = [0, 1, 2, 3].map((n) => buildPutBody(seedSession(400), n, Date.UTC(2025, 0, 1)));
    for (const body of bodies) assert.deepEqual(validate('ChatSessionEntity', body).errors, []);
    assert.equal(new Set(bodies.map((b) => `${b.LastMessage}|${b.Status}|${b.Flags}`)).size, 4);
    const scratch = buildScratchSession(loadSample<ChatSessionEntity>('put-request.json'), 7, Date.UTC(2025, 0, 1));
    assert.deepEqual(validate('ChatSessionEntity', scratch).errors, []);
    assert.equal(scratch.ChatSessionId, 0);
  });
});

describe('generated k6 validators @ENTITY-SHAPE', () => {
  test('agree with schemas/index.ts on the reference sample and on broken bodies', () => {
    const good = loadSample('put-response.json');
    const broken = [{ ...good, Rating: 'five' }, { ...good, _Links: undefined }, { ...good, Status: 'Sleeping' }, {}];
    for (const body of [good, ...broken]) {
      assert.equal(
        validateChatSessionEntityWithLinks(JSON.parse(JSON.stringify(body))),
        validate('ChatSessionEntityWithLinks', JSON.parse(JSON.stringify(body))).ok,
      );
    }
    assert.equal(validateChatSessionEntityWithLinks(good), true);
  });

  test('the generated file is one self-contained module (no imports or requires left)', () => {
    const code = readFileSync(new URL('./lib/validators.gen.js', import.meta.url), 'utf8');
    assert.doesNotMatch(code, /^\s*import\s/m);
    assert.doesNotMatch(code, /\brequire\(["']/);
  });
});

const k6Data: K6SummaryData = {
  state: { testRunDurationMs: 10_000 },
  metrics: {
    put_duration: {
      type: 'trend',
      values: { med: 200.5, 'p(90)': 210, 'p(95)': 220, 'p(99)': 5200, max: 5210, avg: 300, count: 100 },
      thresholds: { 'p(95)<5000': { ok: true }, 'p(99)<5000': { ok: false } },
    },
    ns_api_slow: { type: 'rate', values: { rate: 0.03 }, thresholds: { 'rate<=0': { ok: false } } },
    ns_api_slow_count: { type: 'counter', values: { count: 3 } },
    http_req_failed: { type: 'rate', values: { rate: 0 }, thresholds: { 'rate<=0.01': { ok: true } } },
    checks: { type: 'rate', values: { rate: 1 }, thresholds: { 'rate>=0.99': { ok: true } } },
  },
};
const meta = {
  runId: 'r1',
  time: '2025-01-01T00:00:00Z',
  profile: 'smoke',
  target: 'embedded',
  k6Version: 'v1.8.1',
  gitRevision: 'abc',
  nsApiSlowMs: 5000,
};

describe('reports', () => {
  test('figures come from the k6 summary, with each threshold and its clause', () => {
    const f = figuresFromSummary(k6Data, meta);
    assert.deepEqual(
      [f.p50, f.p95, f.requests, f.slowCount, f.slowShare, f.requestRate, f.passed],
      [200.5, 220, 100, 3, 0.03, 10, false],
    );
    assert.deepEqual(
      f.thresholds.find((t) => t.metric === 'ns_api_slow'),
      { metric: 'ns_api_slow', expression: 'rate<=0', ok: false, clause: 'PUT-SLOW', observed: 0.03 },
    );
  });

  test('junit.xml has one testcase per threshold and a failure for each broken one', () => {
    const xml = renderJunit(figuresFromSummary(k6Data, meta));
    assert.equal(xml.match(/<testcase /g)?.length, 5);
    assert.equal(xml.match(/<failure /g)?.length, 2);
    assert.match(xml, /name="PUT-SLOW ns_api_slow rate&lt;=0"/);
  });

  test('summary.html says the verdict in words and draws the 5000 ms line and the trend', () => {
    const f = figuresFromSummary(k6Data, meta);
    const html = renderHtml({
      figures: f,
      checks: [{ name: 'PUT-200 status is 200', passes: 100, fails: 0 }],
      history: [{ ...f, runId: 'r0', passed: true, slowCount: 0, slowShare: 0 }],
    });
    assert.match(html, /FAILED: 2 of 5 thresholds broken/);
    assert.match(html, /3 of 100 PUTs \(3\.00 %\) were slower than the 5000 ms NsApiSlow line/);
    assert.match(html, /NsApiSlow 5000 ms/);
    assert.equal(html.match(/<svg /g)?.length, 3);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3)/);
  });
});
