import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tenantModes as apiTenants, tenantUrlFor } from '../../api/support/tenants.ts';
import type { Check } from '../../lib/junit-checks.ts';
import { stage } from './fixtures.ts';
import { clausesNamed, judgeMode } from './modes.ts';

const passed = (name: string): Check => ({ name, suite: 's', status: 'passed' });
const failed = (name: string, failedClauses?: string[]): Check => ({
  name,
  suite: 's',
  status: 'failed',
  ...(failedClauses ? { failedClauses } : {}),
});

describe('judging a run against a tenant mode, with the main verdict', () => {
  test('a breaking mode passes the proof when it fails its own clause first, and at most two', () => {
    const stages = [stage('api', 'failed', [passed('x @PUT-200'), failed('y @PATCH-409')])];
    const j = judgeMode({ name: 'test-op-200', kind: 'breaking', clause: 'PATCH-409' }, stages);
    assert.equal(j.ok, true, j.why);
    assert.deepEqual(j.failedClauses, ['PATCH-409']);
  });

  test('a breaking mode that is not caught, names another clause first, or too many, fails the proof', () => {
    const mode = { name: 'm', kind: 'breaking', clause: 'PATCH-409' } as const;
    assert.match(judgeMode(mode, [stage('api', 'passed', [passed('y @PATCH-409')])]).why, /^not caught/);
    assert.match(
      judgeMode(mode, [stage('api', 'failed', [failed('a @PUT-200'), failed('y @PATCH-409')])]).why,
      /names PUT-200 first/,
    );
    const three = [failed('y @PATCH-409'), failed('a @PATCH-412'), failed('b @PICK-NULL')];
    assert.match(judgeMode(mode, [stage('api', 'failed', three)]).why, /names 3 clauses/);
  });

  test('a failure blamed on the root clause counts once', () => {
    const stages = [
      stage('api', 'failed', [failed('reads @SELECT-FIELDS', ['ENTITY-SHAPE']), failed('@ENTITY-SHAPE')]),
    ];
    const j = judgeMode({ name: 'drop-property', kind: 'breaking', clause: 'ENTITY-SHAPE' }, stages);
    assert.deepEqual(j.failedClauses, ['ENTITY-SHAPE']);
  });

  test('a benign mode must pass', () => {
    assert.equal(judgeMode({ name: 'gzip', kind: 'benign' }, [stage('api', 'passed', [passed('@PUT-200')])]).ok, true);
    assert.equal(judgeMode({ name: 'gzip', kind: 'benign' }, [stage('api', 'failed', [failed('@PUT-200')])]).ok, false);
  });

  test('reads the failed clauses back from a verdict line', () => {
    assert.deepEqual(clausesNamed({ word: 'FAILED', css: 'fail', line: 'FAILED — 2 clauses failed: A-B, C-D' }), [
      'A-B',
      'C-D',
    ]);
  });
});

describe('the tenants of the API suite', () => {
  test('one tenant per mode in the list, normal without deviations, the api tenant by default', () => {
    assert.deepEqual(apiTenants(undefined), [{ name: 'api' }]);
    assert.deepEqual(apiTenants('normal;drop-property;gzip, chunked'), [
      { name: 'normal', deviations: [] },
      { name: 'drop-property', deviations: ['drop-property'] },
      { name: 'gzip, chunked', deviations: ['gzip', 'chunked'] },
    ]);
    assert.equal(tenantUrlFor('normal', { API_TENANT_URLS: '{"normal":"http://127.0.0.1:1"}' }), 'http://127.0.0.1:1');
    assert.equal(tenantUrlFor('other', {}), undefined);
  });
});
