import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { areaOf, summarizeProfile, type CpuProfile } from './profile.ts';

describe('bench: where the time goes', () => {
  test('names the area of a frame: project file, package, Node internals, VM states', () => {
    assert.equal(areaOf('file:///repo/tenant/state.ts', 'get', '/repo'), 'tenant/state.ts');
    assert.equal(areaOf('file:///repo/node_modules/fastify/lib/reply.js', 'send', '/repo'), 'fastify');
    assert.equal(areaOf('file:///repo/node_modules/@fastify/error/index.js', 'x', '/repo'), '@fastify/error');
    assert.equal(areaOf('node:internal/http', 'x', '/repo'), 'node internals');
    assert.equal(areaOf('', '(garbage collector)', '/repo'), '(garbage collector)');
  });

  test('sums self time per function and area, idle left out, optionally only the last part', () => {
    const frame = (id: number, functionName: string, url: string) => ({
      id,
      callFrame: { functionName, url, lineNumber: 0 },
    });
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, 'serialize', 'file:///r/tenant/negotiate.ts'),
        frame(3, 'send', 'file:///r/node_modules/fastify/x.js'),
      ],
      samples: [2, 1, 2, 3, 2],
      timeDeltas: [1000, 1000, 1000, 1000, 1000],
    };
    const all = summarizeProfile(profile, '/r');
    assert.equal(all.busyMs, 4);
    assert.equal(all.idleMs, 1);
    assert.deepEqual(all.functions[0], {
      name: 'serialize (tenant/negotiate.ts)',
      area: 'tenant/negotiate.ts',
      selfMs: 3,
      share: 0.75,
    });
    assert.equal(summarizeProfile(profile, '/r', { lastMs: 2 }).busyMs, 2);
  });
});
