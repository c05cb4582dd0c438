import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseProc } from './procs.ts';
import { parseWrk, wrkScript } from './wrk.ts';

describe('bench: reading what the tools print', () => {
  test("reads wrk's figures from the Lua done hook's line", () => {
    const r = parseWrk('Running 8s test\nBENCH {"requests":16000,"us":8000000,"p50":2500,"p99":40000,"errors":3}\n');
    assert.deepEqual(r, { requests: 16000, seconds: 8, rps: 2000, p50Ms: 2.5, p99Ms: 40, errors: 3 });
    assert.throws(() => parseWrk('no figures'), /wrk wrote no figures/);
  });

  test('the wrk script PUTs the body to the load pool with the auth header', () => {
    const lua = wrkScript('/tmp/body.json', { Authorization: 'Basic dGplMDpUamUw' }, 400, 50);
    assert.match(lua, /wrk\.method = "PUT"/);
    assert.match(lua, /wrk\.headers\["Authorization"\] = "Basic dGplMDpUamUw"/);
    assert.match(lua, /"\/api\/v1\/ChatSession\/" \.\. \(400 \+ n % 50\)/);
  });

  test('reads CPU time and memory from /proc texts, even with spaces and parentheses in the name', () => {
    const stat = '123 (k6 (x) y) S 1 2 3 4 5 6 7 8 9 10 150 50 0 0 20 0 9';
    const sample = parseProc(stat, 'Name:\tk6\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n', 1000);
    assert.equal(sample.rssKb, 102400);
    assert.equal(sample.hwmKb, 204800);
    assert.ok(sample.cpuMs > 0);
  });
});
