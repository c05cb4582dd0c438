import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadClauses } from '../lib/clauses.ts';
import { validate } from '../schemas/index.ts';
import {
  benignDeviationNames,
  deviationClauses,
  deviationNames,
  deviationTable,
  modeNames,
  type DeviationName,
  type ModeName,
} from './deviations.ts';
import { body, call, PICKUP, session, useTenant } from './test-support.ts';

const tenant = useTenant({ beforeEach: (t) => t.control.reset({ modes: true }) });

/** For each deviation: what a request shows when the mode is off (honest) and on (broken). */
const probes: Record<DeviationName, () => Promise<unknown>> = {
  'ignore-select': async () =>
    body(await call(tenant(), 'PUT', `${session(1)}?$select=Rating`, { body: { Rating: 1 } })).CustomerName,
  'test-op-200': async () =>
    (
      await call(tenant(), 'PATCH', session(1), {
        body: [
          { op: 'test', path: '/Rating', value: 99 },
          { op: 'replace', path: '/Rating', value: 4 },
        ],
        contentType: 'application/json-patch+json',
      })
    ).statusCode,
  'ignore-if-unmodified-since': async () =>
    (
      await call(tenant(), 'PATCH', session(1), {
        body: { Rating: 3 },
        contentType: 'application/merge-patch+json',
        headers: { 'If-Unmodified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT' },
      })
    ).statusCode,
  'drop-property': async () => 'CustomerEmail' in body(await call(tenant(), 'GET', session(1))),
  'wrong-type': async () => typeof body(await call(tenant(), 'GET', session(1))).Rating,
  'xml-when-json': async () =>
    (await call(tenant(), 'GET', session(1), { headers: { accept: 'application/json' } })).headers['content-type'],
  'no-links': async () => '_Links' in body(await call(tenant(), 'PUT', session(1), { body: { Rating: 1 } })),
  'put-no-body-200': async () => (await call(tenant(), 'PUT', session(1))).statusCode,
  'pickup-not-queued-returns-entity': async () =>
    (await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 1 } })).body === 'null',
  'transfer-not-owner-changes': async () =>
    body(await call(tenant(), 'POST', `${session(200)}/TransferTo/kari`)).TransferTo === null,
  'accept-anonymous': async () => (await call(tenant(), 'GET', session(1), { as: null })).statusCode,
  'patch-path-case-sensitive': async () =>
    (
      await call(tenant(), 'PATCH', session(1), {
        body: [{ op: 'replace', path: '/rating', value: 2 }],
        contentType: 'application/json-patch+json',
      })
    ).statusCode,
  'move-accepted': async () =>
    (
      await call(tenant(), 'PATCH', session(1), {
        body: [{ op: 'copy', from: '/CustomerName', path: '/CustomerAlias' }],
        contentType: 'application/json-patch+json',
      })
    ).statusCode,
  'ignore-timezone': async () =>
    body(await call(tenant(), 'GET', session(1), { headers: { 'SO-TimeZone': '+02:00' } })).WhenRequested,
  'ignore-so-language': async () =>
    body<{ CustomerCompanyName: string }>(
      await call(tenant(), 'GET', session(3), { headers: { 'Accept-Language': 'en', 'SO-Language': 'no' } }),
    ).CustomerCompanyName,
  'patch-404-as-200': async () =>
    (
      await call(tenant(), 'PATCH', session(65432), {
        body: { Rating: 1 },
        contentType: 'application/merge-patch+json',
      })
    ).statusCode,
};

const expected: Record<DeviationName, [honest: unknown, broken: unknown]> = {
  'ignore-select': [null, 'Customer 1'],
  'test-op-200': [409, 200],
  'ignore-if-unmodified-since': [412, 200],
  'drop-property': [true, false],
  'wrong-type': ['number', 'string'],
  'xml-when-json': ['application/json; charset=utf-8', 'application/xml; charset=utf-8'],
  'no-links': [true, false],
  'put-no-body-200': [400, 200],
  'pickup-not-queued-returns-entity': [true, false],
  'transfer-not-owner-changes': [true, false],
  'accept-anonymous': [401, 200],
  'patch-path-case-sensitive': [200, 400],
  'move-accepted': [400, 200],
  'ignore-timezone': ['2024-03-01T10:10:00', '2024-03-01T08:10:00'],
  'ignore-so-language': ['Leverandør', 'Supplier'],
  'patch-404-as-200': [404, 200],
};

describe('the deviation registry', () => {
  const clauses = new Set(loadClauses().map((c) => c.id));

  test(
    'lists each mode once, breaking ones with a clause of CLAUSES.md, ' + 'benign ones with what they vary and why',
    () => {
      assert.equal(new Set(modeNames).size, deviationTable.length);
      assert.ok(deviationNames.length >= 16 && benignDeviationNames.length >= 8);
      for (const mode of deviationTable) {
        assert.ok(mode.description.length > 10, mode.name);
        if (mode.kind === 'breaking') assert.ok(clauses.has(mode.clause), `${mode.name}: ${mode.clause}`);
        else assert.ok(mode.varies.length > 5 && mode.source.length > 10, mode.name);
      }
      assert.deepEqual(
        deviationTable.filter((m) => m.kind === 'breaking').map((m) => [m.name, m.clause]),
        Object.entries(deviationClauses),
      );
    },
  );

  // variations.ts holds the benign hooks' bodies (it says 'gzip' as a content coding), deviations.ts the registry.
  test('the pipeline calls hooks and never asks for a mode by name', () => {
    const dir = import.meta.dirname;
    const sources = [
      ...readdirSync(dir).map((f) => join(dir, f)),
      ...readdirSync(join(dir, 'routes')).map((f) => join(dir, 'routes', f)),
    ].filter(
      (f) =>
        f.endsWith('.ts') && !f.endsWith('.test.ts') && !/(deviations|variations)\.ts$/.test(f) && !f.includes('fuzz'),
    );
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const name of modeNames) assert.ok(!text.includes(`'${name}'`), `${file} names the mode ${name}`);
      assert.doesNotMatch(text, /deviations\.has\(/, file);
    }
  });

  test('tenant/README.md lists every mode in the table of its kind, breaking ones with their clause', () => {
    const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
    const section = (title: string) => readme.slice(readme.indexOf(title)).split('\n### ')[0]!.split('\n## ')[0]!;
    const [breaking, benign] = [section('### Breaking'), section('### Benign')];
    const rows = (text: string) =>
      [...text.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]!.trim()]);
    assert.deepEqual(rows(breaking), Object.entries(deviationClauses));
    assert.deepEqual(
      rows(benign).map(([name]) => name),
      [...benignDeviationNames],
    );
  });

  test('setDeviations takes benign modes beside breaking ones, and the state lists them', () => {
    tenant().control.setDeviations(['gzip', 'no-links'] satisfies ModeName[]);
    assert.deepEqual(tenant().control.state().deviations, ['no-links', 'gzip']);
  });
});

describe('deviation modes', () => {
  for (const name of deviationNames) {
    test(`${name} breaks its clause, and only while it is on @${deviationClauses[name]}`, async () => {
      assert.deepEqual(await probes[name](), expected[name][0], 'honest answer with the mode off');
      tenant().control.setDeviations([name]);
      assert.deepEqual(await probes[name](), expected[name][1], 'broken answer with the mode on');
      tenant().control.setDeviations([]);
      tenant().control.reset();
      assert.deepEqual(await probes[name](), expected[name][0], 'honest again once off');
    });
  }

  test('drop-property and wrong-type make entity responses fail the schema @ENTITY-SHAPE', async () => {
    tenant().control.setDeviations(['drop-property', 'wrong-type']);
    const errors = validate('ChatSessionEntityWithLinks', body(await call(tenant(), 'GET', session(1)))).errors;
    assert.deepEqual(
      errors.sort(),
      ['(root) must have property "CustomerEmail"', '/Rating must be integer (got "0")'].sort(),
    );
  });

  test('setDeviations refuses unknown names', () => {
    assert.throws(() => tenant().control.setDeviations(['nope' as DeviationName]), /unknown deviation\(s\) "nope"/);
  });
});
