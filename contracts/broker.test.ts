/**
 * Publishing to a Pact Broker with the Pact Foundation's CLI (@pact-foundation/pact-cli), against
 * a fake broker on 127.0.0.1: the pact goes to pb:publish-contracts with the consumer version and
 * branch, and the token travels only as a bearer header (from the environment, not the command line).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../lib/config.ts';
import { brokerCli, publishPacts } from './broker.ts';

const fakeBroker = `
const http = require('node:http');
const fs = require('node:fs');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const { method, url } = req;
    fs.appendFileSync(process.argv[1], JSON.stringify({ method, url, auth: req.headers.authorization, body }) + '\\n');
    const base = 'http://127.0.0.1:' + server.address().port;
    const index = { _links: { 'pb:publish-contracts': { href: base + '/contracts/publish' } } };
    res.writeHead(200, { 'content-type': 'application/hal+json' });
    res.end(JSON.stringify(req.method === 'GET' ? index : { _links: {}, notices: [] }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
setTimeout(() => process.exit(0), 30000);`;

test(
  'publishes the pact to the broker with version, branch and the token as a bearer header',
  { timeout: 60_000 },
  async (t) => {
    if (!brokerCli()) return t.skip('@pact-foundation/pact-cli is not installed');
    const dir = mkdtempSync(join(tmpdir(), 'broker-'));
    const log = join(dir, 'requests.jsonl');
    writeFileSync(
      join(dir, 'ChatConsole-SuperOfficeChatSessionAPI.json'),
      JSON.stringify({
        consumer: { name: 'ChatConsole' },
        provider: { name: 'SuperOfficeChatSessionAPI' },
        interactions: [],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    );
    const broker = spawn(process.execPath, ['-e', fakeBroker, log], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<string>((resolve) =>
        broker.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())),
      );
      const config = loadConfig({
        env: { PACT_BROKER_BASE_URL: `http://127.0.0.1:${port}`, PACT_BROKER_TOKEN: 'SENTINEL-BROKER-77' },
        envFile: false,
      });
      assert.equal(publishPacts(config, dir), 0);
      const requests = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { method: string; url: string; auth: string; body: string });
      const publish = requests.find((r) => r.method === 'POST');
      assert.equal(publish?.url, '/contracts/publish');
      assert.ok(requests.every((r) => r.auth === 'Bearer SENTINEL-BROKER-77'));
      const sent = JSON.parse(publish?.body ?? '{}') as {
        pacticipantName: string;
        pacticipantVersionNumber: string;
        branch: string;
        contracts: unknown[];
      };
      assert.equal(sent.pacticipantName, 'ChatConsole');
      assert.match(sent.pacticipantVersionNumber, /^[0-9a-f]{7,}/);
      assert.ok(sent.branch.length > 0);
      assert.equal(sent.contracts.length, 1);
    } finally {
      broker.kill();
    }
  },
);
