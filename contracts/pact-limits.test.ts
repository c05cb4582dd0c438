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
import type { ResponseBuilder } from './interactions.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';

interface Replay {
  /** Names the temporary pact directory. */
  name: string;
  description: string;
  /** The path the interaction is a GET of. */
  path: string;
  /** The interaction's 200 answer. */
  respond: (res: ResponseBuilder) => ResponseBuilder;
  /** What the provider the pact is replayed against answers, with 200. */
  answer: { contentType: string; body: string };
}

/**
 * Records one GET interaction in a pact of its own, replays it against a provider that always
 * gives `answer`, and returns what the verifier says: 'passed', or its error message.
 */
async function replayed({ name, description, path, respond, answer }: Replay): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `pact-${name}-`));
  try {
    const pact = new PactV4({ consumer: 'limits', provider: 'limits-api', dir, logLevel: 'error' });
    await pact
      .addInteraction()
      .uponReceiving(description)
      .withRequest('GET', path)
      .willRespondWith(200, respond)
      .executeTest(async (server) => {
        await (await fetch(`${server.url}${path}`)).text();
      });
    const provider = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': answer.contentType }).end(answer.body),
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
    return outcome;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pact-js limitations the contracts work around', () => {
  test('XmlBuilder serialises Map attributes as {} (xml-matchers.ts passes plain objects)', () => {
    const xml = new XmlBuilder('1.0', 'utf-8', 'Root').build((el) => el.setAttributes(new Map([['xmlns:xsi', 'x']])));
    const root = (JSON.parse(xml) as { root: { attributes: unknown } }).root;
    assert.deepEqual(root.attributes, {}, 'pact-js now serialises Map attributes: xml-matchers.ts can pass a Map');
  });

  test(
    'a JSON null response body cannot be verified: `null` counts as an empty body ' +
      '(PICK-NULL matches its text instead)',
    async () => {
      const outcome = await replayed({
        name: 'null',
        description: 'a null body',
        path: '/null',
        respond: (res) => res.jsonBody(null),
        answer: { contentType: 'application/json', body: 'null' },
      });
      assert.match(
        outcome,
        /Expected empty body/,
        'pact now verifies a JSON null body: PICK-NULL can use jsonBody(null)',
      );
    },
  );

  test(
    'XML matching compares element names with their namespace: a default namespace fails ' +
      '(ACCEPT-XML matches text)',
    async () => {
      const xml = new XmlBuilder('1.0', 'utf-8', 'Entity').build((el) => el.appendElement('Id', {} as never, '5'));
      const outcome = await replayed({
        name: 'xmlns',
        description: 'an XML body',
        path: '/xml',
        respond: (res) => res.headers({ 'Content-Type': 'application/xml' }).xmlBody(xml),
        answer: {
          contentType: 'application/xml',
          body: '<?xml version="1.0"?><Entity xmlns="http://schemas.datacontract.org/2004/07/X"><Id>5</Id></Entity>',
        },
      });
      assert.match(
        outcome,
        /Expected 'Entity' to be equal to 'http:\/\/schemas\.datacontract\.org\/2004\/07\/X:Entity'/,
        'pact now matches XML by local name: ACCEPT-XML can go back to xmlBody(xmlMatchersFor(...))',
      );
    },
  );
});
