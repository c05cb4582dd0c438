/**
 * Three pact-js 16.5 (pact_ffi 0.5.4) behaviours the contracts work around (contracts/README.md).
 * Each test asserts the behaviour as it is today, so it fails, and says what to simplify, once a
 * pact-js upgrade fixes it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PactV4, Verifier, XmlBuilder } from '@pact-foundation/pact';

process.env.PACT_DO_NOT_TRACK ??= 'true';

describe('pact-js limitations the contracts work around', () => {
  test('XmlBuilder serialises Map attributes as {} (xml-matchers.ts passes plain objects)', () => {
    const xml = new XmlBuilder('1.0', 'utf-8', 'Root').build((el) => el.setAttributes(new Map([['xmlns:xsi', 'x']])));
    const root = (JSON.parse(xml) as { root: { attributes: unknown } }).root;
    assert.deepEqual(root.attributes, {}, 'pact-js now serialises Map attributes: xml-matchers.ts can pass a Map');
  });

  test('a JSON null response body cannot be verified: `null` counts as an empty body (PICK-NULL matches its text instead)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-null-'));
    try {
      const pact = new PactV4({ consumer: 'limits', provider: 'limits-api', dir, logLevel: 'error' });
      await pact
        .addInteraction()
        .uponReceiving('a null body')
        .withRequest('GET', '/null')
        .willRespondWith(200, (res) => res.jsonBody(null))
        .executeTest(async (server) => {
          await (await fetch(`${server.url}/null`)).text();
        });
      const provider = createServer((_req, res) =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('null'),
      );
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      const { port } = provider.address() as AddressInfo;
      const pactUrls = readdirSync(dir).map((f) => join(dir, f));
      const outcome = await new Verifier({ providerBaseUrl: `http://127.0.0.1:${port}`, pactUrls, logLevel: 'error' })
        .verifyProvider()
        .then(
          () => 'passed',
          (err: Error) => err.message,
        );
      provider.close();
      assert.match(
        outcome,
        /Expected empty body/,
        'pact now verifies a JSON null body: PICK-NULL can use jsonBody(null)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('XML matching compares element names with their namespace: a default namespace fails (ACCEPT-XML matches text)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pact-xmlns-'));
    try {
      const pact = new PactV4({ consumer: 'limits', provider: 'limits-api', dir, logLevel: 'error' });
      const xml = new XmlBuilder('1.0', 'utf-8', 'Entity').build((el) => el.appendElement('Id', {} as never, '5'));
      await pact
        .addInteraction()
        .uponReceiving('an XML body')
        .withRequest('GET', '/xml')
        .willRespondWith(200, (res) => res.headers({ 'Content-Type': 'application/xml' }).xmlBody(xml))
        .executeTest(async (server) => {
          await (await fetch(`${server.url}/xml`)).text();
        });
      const provider = createServer((_req, res) =>
        res
          .writeHead(200, { 'Content-Type': 'application/xml' })
          .end('<?xml version="1.0"?><Entity xmlns="http://schemas.datacontract.org/2004/07/X"><Id>5</Id></Entity>'),
      );
      await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
      const { port } = provider.address() as AddressInfo;
      const pactUrls = readdirSync(dir).map((f) => join(dir, f));
      const outcome = await new Verifier({ providerBaseUrl: `http://127.0.0.1:${port}`, pactUrls, logLevel: 'error' })
        .verifyProvider()
        .then(
          () => 'passed',
          (err: Error) => err.message,
        );
      provider.close();
      assert.match(
        outcome,
        /Expected 'Entity' to be equal to 'http:\/\/schemas\.datacontract\.org\/2004\/07\/X:Entity'/,
        'pact now matches XML by local name: ACCEPT-XML can go back to xmlBody(xmlMatchersFor(...))',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
