import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../lib/config.ts';
import { Modes } from './modes.ts';
import { optionsFromConfig, parseDeviationList } from './options.ts';
import { startTenant, type RunningTenant } from './start.ts';
import { basic } from './test-support.ts';

let running: RunningTenant;
before(async () => {
  running = await startTenant({ seedSessions: 50 });
});
after(() => running.close());

const put = (id = 1) =>
  fetch(`${running.url}/api/v1/ChatSession/${id}`, {
    method: 'PUT',
    headers: { ...basic('tje0'), 'Content-Type': 'application/json' },
    body: '{"Rating":1}',
  });

describe('latency injection', () => {
  test('a fixed delay holds every call on that route and is counted @PUT-SLOW', async () => {
    running.control.reset();
    running.control.setLatency({ PUT: { kind: 'fixed', ms: 150 } });
    const started = performance.now();
    const res = await put();
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started >= 140);
    assert.deepEqual(running.control.counters().PUT, {
      requests: 1,
      delayed: 1,
      delayedMs: 150,
      faults503: 0,
      faults500: 0,
      dropped: 0,
    });
    running.control.setLatency({});
  });

  test('a "once" rule holds only the n-th call on its route @PUT-SLOW', () => {
    const modes = new Modes({ PUT: { kind: 'once', at: 3, ms: 6000 } });
    const delays = Array.from({ length: 5 }, () => modes.decide('PUT').delayMs);
    assert.deepEqual(delays, [0, 0, 6000, 0, 0]);
    assert.equal(modes.counters().PUT.delayed, 1);
    assert.throws(() => new Modes({ PUT: { kind: 'once', at: 0, ms: 1 } }), /at must be a whole number/);
  });

  test('a fraction of calls is delayed reproducibly from its seed @PUT-SLOW', () => {
    const count = () => {
      const modes = new Modes({ PUT: { kind: 'fraction', fraction: 0.03, ms: 5200, seed: 1 } });
      for (let i = 0; i < 2000; i++) modes.decide('PUT');
      return modes.counters().PUT;
    };
    const first = count();
    assert.deepEqual(count(), first);
    assert.ok(first.delayed > 30 && first.delayed < 90, `about 3 % of 2000, got ${first.delayed}`);
    assert.equal(first.delayedMs, first.delayed * 5200);
  });

  test('a uniform delay stays inside its bounds, and * covers routes without their own entry', () => {
    const modes = new Modes({ '*': { kind: 'uniform', minMs: 10, maxMs: 50 }, GET: { kind: 'fixed', ms: 1 } });
    for (let i = 0; i < 200; i++) {
      const { delayMs } = modes.decide('PATCH');
      assert.ok(delayMs >= 10 && delayMs <= 50);
    }
    assert.equal(modes.decide('GET').delayMs, 1);
  });

  test('refuses a malformed spec, naming what is wrong', () => {
    assert.throws(
      () => running.control.setLatency({ PUT: { kind: 'fraction', fraction: 2, ms: 1 } }),
      /latency\.PUT\.fraction must be a number from 0 to 1/,
    );
    assert.throws(
      () => running.control.setLatency({ POST: { kind: 'fixed', ms: 1 } } as never),
      /unknown route key "POST"/,
    );
  });
});

describe('fault injection', () => {
  test('answers 503 with Retry-After and the error body, changing nothing, and counts it', async () => {
    running.control.reset();
    running.control.setFaults({ PUT: { status503Fraction: 1, retryAfterSeconds: 2 } });
    const res = await fetch(`${running.url}/api/v1/ChatSession/2`, {
      method: 'PUT',
      headers: { ...basic('tje0'), 'Content-Type': 'application/json' },
      body: '{"Rating":5}',
    });
    assert.deepEqual(
      [res.status, res.headers.get('retry-after'), ((await res.json()) as { Error: boolean }).Error],
      [503, '2', true],
    );
    assert.equal(running.control.getSession(2)?.Rating, 0);
    assert.equal(running.control.counters().PUT.faults503, 1);
    running.control.setFaults({});
  });

  test('answers 500 with the error body for the configured share of calls, changing nothing @PUT-200', async () => {
    running.control.reset();
    running.control.setFaults({ PUT: { status500Fraction: 1 } });
    const res = await fetch(`${running.url}/api/v1/ChatSession/2`, {
      method: 'PUT',
      headers: { ...basic('tje0'), 'Content-Type': 'application/json' },
      body: '{"Rating":5}',
    });
    assert.deepEqual([res.status, ((await res.json()) as { Error: boolean }).Error], [500, true]);
    assert.equal(running.control.getSession(2)?.Rating, 0);
    assert.equal(running.control.counters().PUT.faults500, 1);
    running.control.setFaults({});
    assert.throws(
      () => running.control.setFaults({ PUT: { status500Fraction: 0.6, status503Fraction: 0.6 } }),
      /must not exceed 1/,
    );
  });

  test('drops the connection without a response and counts it', async () => {
    running.control.reset();
    running.control.setFaults({ GET: { dropFraction: 1 } });
    await assert.rejects(fetch(`${running.url}/api/v1/ChatSession/1`, { headers: basic('tje0') }));
    assert.equal(running.control.counters().GET.dropped, 1);
    running.control.setFaults({});
  });

  test('a fraction of faults is reproducible from its seed', () => {
    const run = () => {
      const modes = new Modes({}, { PUT: { status503Fraction: 0.1, dropFraction: 0.01, seed: 7 } });
      for (let i = 0; i < 1000; i++) modes.decide('PUT');
      return modes.counters().PUT;
    };
    const first = run();
    assert.deepEqual(run(), first);
    assert.ok(first.faults503 > 60 && first.faults503 < 140 && first.dropped < 30);
  });
});

describe('start-up settings from the environment', () => {
  test('TENANT_DEVIATIONS takes a comma list or a JSON array', () => {
    assert.deepEqual(parseDeviationList('ignore-select, no-links'), ['ignore-select', 'no-links']);
    assert.deepEqual(parseDeviationList('["wrong-type"]'), ['wrong-type']);
    assert.throws(() => parseDeviationList('ignore-selec'), /TENANT_DEVIATIONS: unknown deviation\(s\) "ignore-selec"/);
  });

  test('TENANT_LATENCY and TENANT_FAULTS are JSON; a bad one is named', () => {
    const config = loadConfig({
      env: {
        TENANT_LATENCY: '{"PUT":{"kind":"fixed","ms":5}}',
        TENANT_FAULTS: '{"*":{"dropFraction":0.5}}',
        TENANT_DEVIATIONS: 'no-links',
      },
      envFile: false,
    });
    const options = optionsFromConfig(config);
    assert.deepEqual(
      [options.latency, options.faults, options.deviations],
      [{ PUT: { kind: 'fixed', ms: 5 } }, { '*': { dropFraction: 0.5 } }, ['no-links']],
    );
    assert.throws(
      () => optionsFromConfig(loadConfig({ env: { TENANT_LATENCY: '{PUT' }, envFile: false })),
      /^TenantOptionsError: TENANT_LATENCY must be JSON/,
    );
  });

  test('startTenant listens on 127.0.0.1 with a random port and no trailing slash', () => {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(running.url, 'http://127.0.0.1:3777');
  });
});
