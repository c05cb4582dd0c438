/**
 * The engine-neutral scenario: profiles and their bounds, the open model's arrival schedule, PUT
 * bodies and scratch markers, the checks (with the validator as a parameter), and the thresholds'
 * judgement of the PUTs alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate, validatorOf } from '../../schemas/index.ts';
import type { ChatSessionEntity } from '../../schemas/index.ts';
import { loadSample } from '../../schemas/samples.ts';
import { seedSession } from '../../tenant/seed.ts';
import { CheckTally, checkPut } from './checks.ts';
import { judge, k6Thresholds, thresholdsFor, type Measured } from './metrics.ts';
import { parseDuration, plannedRequests, plannedSeconds, profileNames, profiles, settingsFor } from './profiles.ts';
import { buildPutBody, buildScratchSession, isScratchMarker, PutBodyText, scratchMarker } from './put-body.ts';
import { ArrivalSchedule } from './schedule.ts';

describe('load profiles and the arrival schedule', () => {
  test('every profile is an arrival-rate scenario whose schedule holds exactly the planned PUTs, in order', () => {
    for (const name of profileNames) {
      const scenario = profiles[name].scenario(settingsFor(name, { duration: '2m', rate: 20 }));
      assert.match(scenario.executor, /arrival-rate$/, name);
      const schedule = new ArrivalSchedule(scenario);
      assert.equal(schedule.total, plannedRequests(scenario), name);
      let last = -1;
      let count = 0;
      for (let t = schedule.next(); t !== undefined; t = schedule.next(), count++) {
        assert.ok(t >= last && t <= plannedSeconds(scenario) + 1e-6, `${name}: ${t} after ${last}`);
        last = t;
      }
      assert.equal(count, schedule.total, name);
    }
  });

  test('a constant rate is evenly spaced; a ramp sends fewer early than late', () => {
    const smoke = new ArrivalSchedule(profiles.smoke.scenario(settingsFor('smoke')));
    assert.deepEqual([smoke.next(), smoke.next(), smoke.next()], [0, 0.1, 0.2]);
    assert.equal(smoke.total, 100);
    const ramp = new ArrivalSchedule({
      ...profiles.load.scenario(settingsFor('load')),
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [{ target: 10, duration: '10s' }],
    });
    const times = Array.from({ length: ramp.total }, () => ramp.next() as number);
    assert.equal(ramp.total, 50);
    assert.ok(times.filter((t) => t < 5).length < times.filter((t) => t >= 5).length);
  });

  test('skipping the arrivals due by a time passes exactly those next() would have returned', () => {
    for (const name of profileNames) {
      const scenario = profiles[name].scenario(settingsFor(name, { duration: '40s', rate: 37 }));
      const walked = new ArrivalSchedule(scenario);
      const times = Array.from({ length: walked.total }, () => walked.next() as number);
      for (const t of [0, 0.013, 1, 7.77, 30, 59.99, plannedSeconds(scenario), 1e6]) {
        const skipping = new ArrivalSchedule(scenario);
        const first = skipping.next() as number; // an engine holds one arrival back, as here
        const skipped = skipping.skipThrough(t);
        const due = times.filter((x) => x <= t).length;
        assert.equal(skipped, Math.max(0, due - 1), `${name} at ${t} s`);
        assert.equal(first, times[0]);
        assert.equal(skipping.next(), times[Math.max(1, due)], `${name}: the next one after ${t} s`);
      }
    }
  });

  test('overrides replace the defaults; ramps integrate to the right count; durations parse', () => {
    const load = profiles.load.scenario(settingsFor('load', { rate: 10, duration: '2m' }));
    assert.equal(plannedSeconds(load), 60 + 120 + 30);
    assert.equal(plannedRequests(load), 5 * 60 + 10 * 120 + 5 * 30);
    assert.equal(parseDuration('1m30s'), 90);
    assert.throws(() => parseDuration('10 minutes'), /not a k6 duration/);
  });
});

describe('PUT bodies and scratch sessions @PUT-200', () => {
  test('the cached body text is exactly JSON.stringify(buildPutBody()) for every variant and time', () => {
    const sessions = [seedSession(400), seedSession(401), { ...seedSession(402), CustomerName: 'x "@@WhenIdle@@" y' }];
    const texts = new PutBodyText(sessions);
    const start = Date.UTC(2024, 5, 1, 8, 30, 0, 250);
    for (let n = 0; n < 400; n++) {
      const i = n % sessions.length;
      const now = start + n * 137;
      assert.equal(texts.text(i, n, now), JSON.stringify(buildPutBody(sessions[i]!, n, now)), `PUT ${n}`);
    }
  });

  test('bodies built on a seed session match ChatSessionEntity and vary; scratch sessions carry their marker', () => {
    const bodies = [0, 1, 2, 3].map((n) => buildPutBody(seedSession(400), n, Date.UTC(2025, 0, 1)));
    for (const body of bodies) assert.deepEqual(validate('ChatSessionEntity', body).errors, []);
    assert.equal(new Set(bodies.map((b) => `${b.LastMessage}|${b.Status}|${b.Flags}`)).size, 4);
    const marker = scratchMarker('20250101T000000Z-smoke', 7);
    const scratch = buildScratchSession(loadSample<ChatSessionEntity>('put-request.json'), 7, 0, marker);
    assert.deepEqual(validate('ChatSessionEntity', scratch).errors, []);
    assert.deepEqual([scratch.ChatSessionId, scratch.CustomerAlias], [0, marker]);
    assert.equal(isScratchMarker(marker), true);
    assert.equal(isScratchMarker('Kari'), false);
  });
});

describe('checks @PUT-200 @ENTITY-SHAPE', () => {
  const validateFn = validatorOf('ChatSessionEntityWithLinks');
  const good = loadSample('put-response.json');
  const documented = new Set(Object.keys(good));

  test('a 200 with a valid body passes; another status fails PUT-200; a bad body fails ENTITY-SHAPE', () => {
    assert.deepEqual(checkPut(200, JSON.stringify(good), { validate: validateFn, documented }), {
      status: 'ok',
      extra: [],
    });
    assert.deepEqual(checkPut(500, '{}', { validate: validateFn }), { status: 'failed', why: 'answered 500' });
    assert.equal(checkPut(200, JSON.stringify({ ...good, Rating: 'five' }), { validate: validateFn }).status, 'shape');
    assert.equal(checkPut(200, '<html>', { validate: validateFn }).status, 'shape');
  });

  test('an undocumented property is an observation, not a failure', () => {
    const tally = new CheckTally();
    tally.add(
      checkPut(200, JSON.stringify({ ...good, Mood: 'happy' }), { validate: validateFn, documented }),
      'PUT #0',
    );
    assert.deepEqual(
      tally.results().map((r) => r.fails),
      [0, 0],
    );
    assert.deepEqual(tally.observations(), [
      'ENTITY-SHAPE: 1 PUT answer(s) carried the property "Mood", which the pages do not document',
    ]);
  });
});

const measured = (over: Partial<Measured>): Measured => ({
  requests: 100,
  planned: 100,
  notSent: 0,
  p50: 10,
  p90: 20,
  p95: 30,
  p99: 40,
  max: 50,
  avg: 12,
  slowCount: 0,
  failed: 0,
  shapeFailed: 0,
  durationSeconds: 20,
  ...over,
});
const settings = { nsApiSlowMs: 5000, maxSlowShare: 0, maxErrorRate: 0.01 };
const failedOf = (m: Measured) =>
  judge(thresholdsFor(settings), m)
    .filter((r) => !r.ok)
    .map((r) => `${r.clause} ${r.metric}`);

describe('thresholds judge the PUTs under test', () => {
  test('a clean run holds every threshold; 2 of 100 PUTs failed breaks PUT-200 alone', () => {
    assert.deepEqual(failedOf(measured({})), []);
    assert.deepEqual(failedOf(measured({ failed: 2 })), ['PUT-200 put_failed']);
  });

  test('ENTITY-SHAPE is judged over the 200 answers only; slow calls and arrivals not sent break PUT-SLOW', () => {
    // 1 bad body of 50 answered 200 is 2 %, over the 1 % line (of all 100 PUTs it would be 1 %, on it).
    assert.deepEqual(failedOf(measured({ failed: 50, shapeFailed: 1 })), [
      'PUT-200 put_failed',
      'ENTITY-SHAPE entity_shape_failed',
    ]);
    assert.deepEqual(failedOf(measured({ shapeFailed: 2 })), ['ENTITY-SHAPE entity_shape_failed']);
    assert.deepEqual(failedOf(measured({ slowCount: 1 })), ['PUT-SLOW ns_api_slow']);
    assert.deepEqual(failedOf(measured({ notSent: 3 })), ['PUT-SLOW arrivals_not_sent']);
  });

  test('a run that measured no PUT passes nothing', () => {
    assert.equal(failedOf(measured({ requests: 0, planned: 10, notSent: 10 })).length, 6);
  });

  test('k6 gets the same list, arrivals not sent as its dropped_iterations', () => {
    assert.deepEqual(k6Thresholds(thresholdsFor(settings)), {
      put_duration: ['p(95)<5000', 'p(99)<5000'],
      ns_api_slow: ['rate<=0'],
      dropped_iterations: ['count==0'],
      put_failed: ['rate<=0.01'],
      entity_shape_failed: ['rate<=0.01'],
    });
  });
});
