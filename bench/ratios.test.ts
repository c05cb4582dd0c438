import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roundOrder, roundRatios } from './ratios.ts';

describe('bench: ratios within rounds', () => {
  test('each round is divided by the same round of the other server, and the median of those is the figure', () => {
    // The machine slows down in round 2: absolute figures drop, the ratio does not.
    const r = roundRatios([800, 400, 820], [1000, 500, 1000]);
    assert.deepEqual(r.rounds, [0.8, 0.8, 0.82]);
    assert.equal(r.median, 0.8);
    // The median of the per-round ratios (0.5, 1, 0.9), not the ratio of the medians (990 / 1000).
    assert.equal(roundRatios([500, 1000, 990], [1000, 1000, 1100]).median, 0.9);
  });

  test('a round where a server answered nothing (0, NaN) is left out, not counted as 0 or infinity', () => {
    const r = roundRatios([800, 0, Number.NaN, 900], [1000, 1000, 1000, 0]);
    assert.deepEqual(r.rounds, [0.8]);
    assert.ok(Number.isNaN(roundRatios([], []).median));
    assert.deepEqual(roundRatios([1, 2, 3], [1]).rounds, [1]);
  });

  test('each round starts one server later, so none is always measured first', () => {
    const servers = ['tenant', 'fair', 'fastify', 'bare'];
    assert.deepEqual(roundOrder(servers, 0), servers);
    assert.deepEqual(roundOrder(servers, 1), ['fair', 'fastify', 'bare', 'tenant']);
    assert.deepEqual(roundOrder(servers, 5), roundOrder(servers, 1));
    const firsts = [0, 1, 2, 3].map((r) => roundOrder(servers, r)[0]);
    assert.deepEqual([...firsts].sort(), [...servers].sort());
    assert.deepEqual(roundOrder([], 3), []);
  });
});
