import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../lib/config.ts';
import type { Check } from '../../lib/junit-checks.ts';
import { judge, notRun, processStages, sampleChecks, targetLabel } from './stages.ts';

const check = (status: Check['status']): Check => ({ name: 'x @PUT-200', suite: 's', status });

describe('judge: a stage passes only when it ran, reported checks and none failed', () => {
  test('exit 0 with passed checks is passed', () => {
    assert.deepEqual(judge(0, [check('passed'), check('skipped')], [], false), {
      status: 'passed',
      detail: '1 passed, 0 failed, 1 not run',
    });
  });

  test('a failed check is failed whatever the exit code', () => {
    assert.equal(judge(0, [check('passed'), check('failed')], [], false).status, 'failed');
  });

  test('exit 0 with no check at all is an error, not a pass', () => {
    assert.deepEqual(judge(0, [], [], false), { status: 'error', detail: 'exited 0 but reported no check' });
  });

  test('a missing JUnit file is an error naming it', () => {
    assert.deepEqual(judge(2, [], ['load/latest/junit.xml'], false), {
      status: 'error',
      detail: 'exited 2 without writing load/latest/junit.xml',
    });
  });

  test('an interrupted stage is an error even with passed checks', () => {
    assert.equal(judge(0, [check('passed')], [], true).status, 'error');
  });

  test('exit 1 with only passed checks is failed (the runner saw something the checks did not)', () => {
    assert.equal(judge(1, [check('passed')], [], false).status, 'failed');
  });
});

test('the reference samples pass as ENTITY-SAMPLES checks', () => {
  const checks = sampleChecks();
  assert.equal(checks.length, 7);
  assert.ok(checks.every((c) => c.status === 'passed' && c.name.startsWith('ENTITY-SAMPLES ')));
});

test('the target label is scheme, host and path: never a query, and user info is refused before', () => {
  const config = loadConfig({
    env: { TENANT_URL: 'https://sod.superoffice.com/Cust1234', AUTH_SCHEME: 'bearer', SO_TOKEN: 'tok' },
    envFile: false,
  });
  assert.equal(targetLabel(config), 'https://sod.superoffice.com/Cust1234');
  assert.throws(
    () =>
      loadConfig({
        env: { TENANT_URL: 'https://u:pw@sod.superoffice.com', AUTH_SCHEME: 'bearer', SO_TOKEN: 't' },
        envFile: false,
      }),
    /must not carry user info/,
  );
});

describe('notRun', () => {
  test('a stage that was not run says so and why, with no checks and no time', () => {
    assert.deepEqual(notRun('verify', 'interrupted'), {
      id: 'verify',
      title: processStages.verify.title,
      status: 'not-run',
      detail: 'not run: interrupted',
      checks: [],
      seconds: 0,
      links: [],
    });
  });
});
