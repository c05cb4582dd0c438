/**
 * The k6 adapter without a k6: it bundles with esbuild (as k6 itself bundles TypeScript) into a
 * module that imports nothing but k6's own modules; its settings, summary reading and generated
 * validators are checked in Node. `tsc -p load` (npm run lint) type-checks it with @types/k6.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { build } from 'esbuild';
import { validate } from '../../schemas/index.ts';
import { loadSample } from '../../schemas/samples.ts';
import { documentedProperties as fromSchemas } from '../runner/embedded.ts';
import { k6Script } from '../runner/k6.ts';
import { readSettings } from './settings.ts';
import { k6Text, measuredFromK6, type K6SummaryData } from './summary.ts';
import { documentedProperties, validateChatSessionEntityWithLinks } from './validators.gen.js';

describe('the k6 adapter (load/k6/put-chatsession.ts)', () => {
  test('bundles with esbuild into one module that imports only k6', async () => {
    const out = await build({
      entryPoints: [k6Script],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2020',
      external: ['k6', 'k6/*'],
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(imports)].sort(), ['k6', 'k6/execution', 'k6/http', 'k6/metrics']);
    assert.match(code, /function handleSummary/);
    assert.doesNotMatch(code, /from "node:|\brequire\(["']/);
  });

  test('reads the runner-chosen session ids, or a standalone scratch pool, and hides LOAD_HEADERS when bad', () => {
    const given = readSettings({ BASE_URL: 'http://127.0.0.1:1234/', LOAD_SESSION_IDS: '400,401' });
    assert.deepEqual(
      [given.baseUrl, given.pool, given.nsApiSlowMs],
      ['http://127.0.0.1:1234', { kind: 'ids', ids: [400, 401] }, 5000],
    );
    assert.deepEqual(readSettings({ BASE_URL: 'https://x', LOAD_SESSIONS: '3' }).pool, { kind: 'scratch', count: 3 });
    assert.throws(() => readSettings({}), /BASE_URL/);
    assert.throws(
      () => readSettings({ BASE_URL: 'http://x', LOAD_HEADERS: 'Basic abc' }),
      (e: Error) => /LOAD_HEADERS/.test(e.message) && !e.message.includes('abc'),
    );
  });

  test("k6's end-of-test data becomes the same figures the embedded engine reports", () => {
    const data: K6SummaryData = {
      state: { testRunDurationMs: 10_000 },
      metrics: {
        put_duration: {
          type: 'trend',
          values: { med: 200, 'p(90)': 210, 'p(95)': 220, 'p(99)': 5200, max: 5210, avg: 300, count: 100 },
        },
        ns_api_slow_count: { type: 'counter', values: { count: 3 } },
        put_failed: { type: 'rate', values: { rate: 0.02, passes: 2, fails: 98 } },
        entity_shape_failed: { type: 'rate', values: { rate: 0, passes: 0, fails: 98 } },
        dropped_iterations: { type: 'counter', values: { count: 4 } },
      },
    };
    const m = measuredFromK6(data, 104);
    assert.deepEqual([m.requests, m.planned, m.notSent, m.slowCount, m.failed, m.p50], [100, 104, 4, 3, 2, 200]);
    assert.match(
      k6Text(data, 104, { nsApiSlowMs: 5000, maxSlowShare: 0, maxErrorRate: 0.01 }),
      /FAIL {2}PUT-200 {6}put_failed/,
    );
  });

  test('the generated validators agree with schemas/index.ts and list the documented properties @ENTITY-SHAPE', () => {
    const good = loadSample('put-response.json');
    for (const body of [good, { ...good, Rating: 'five' }, { ...good, Status: 'Sleeping' }, {}])
      assert.equal(
        validateChatSessionEntityWithLinks(structuredClone(body)),
        validate('ChatSessionEntityWithLinks', structuredClone(body)).ok,
      );
    assert.deepEqual([...documentedProperties], [...fromSchemas()]);
    const code = readFileSync(new URL('./validators.gen.js', import.meta.url), 'utf8');
    assert.doesNotMatch(code, /^\s*import\s/m);
  });
});
