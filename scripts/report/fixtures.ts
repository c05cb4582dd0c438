/** Typed factories for run records in report tests. */
import type { StageResult } from '../run/stages.ts';
import type { RunRecord } from './write.ts';

export const stage = (
  id: StageResult['id'],
  status: StageResult['status'],
  checks: StageResult['checks'] = [],
): StageResult => ({ id, title: id, status, detail: `${id} ${status}`, checks, seconds: 1, links: [] });

export function buildRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    startedAt: '2026-11-21T10:00:00.000Z',
    finishedAt: '2026-11-21T10:05:00.000Z',
    complete: true,
    exitCode: 0,
    target: 'embedded reference tenant (127.0.0.1)',
    targetKind: 'embedded',
    options: { stages: ['config', 'tenant', 'api'], profile: 'smoke', deviation: null },
    nsApiSlowMs: 5000,
    stages: [
      stage('config', 'passed'),
      stage('tenant', 'passed'),
      stage('api', 'passed', [
        { name: 'returns 409 and changes nothing @PATCH-409', suite: 'patch.spec.ts', status: 'passed' },
        { name: 'PUT answers 200 with links @PUT-200 @ENTITY-LINKS', suite: 'put.spec.ts', status: 'passed' },
      ]),
    ],
    ...overrides,
  };
}
