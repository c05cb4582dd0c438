import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { body, call, PICKUP, session, useTenant, type Method } from './test-support.ts';

const tenant = useTenant();

const doctype =
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
  '<ChatSessionEntity><CustomerName>&e;</CustomerName></ChatSessionEntity>';
const laughs =
  '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
  '<ChatSessionEntity><CustomerName>&b;</CustomerName></ChatSessionEntity>';
const huge = JSON.stringify({ CustomerName: 'x'.repeat(1024 * 1024 + 10) });
const deepJson = `{"User":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const deepPatch = `[{"op":"add","path":"/User","value":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}]`;
const deepForm = `${'User['.repeat(50_000)}x=1`;
const deepXml = `<ChatSessionEntity>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</ChatSessionEntity>`;
const protoXml = '<ChatSessionEntity><__proto__><polluted>1</polluted></__proto__></ChatSessionEntity>';

const cases: Array<[string, Method, string, string | undefined, string | undefined, number]> = [
  ['malformed JSON on PUT', 'PUT', session(90), '{"CustomerName": ', 'application/json', 400],
  ['malformed JSON on PATCH', 'PATCH', session(90), '[{"op":', 'application/json-patch+json', 400],
  ['malformed JSON on PickUp', 'POST', PICKUP, '{ChatSessionId: 150}', 'application/json', 400],
  ['a JSON array as a PUT entity', 'PUT', session(90), '[1,2]', 'application/json', 400],
  [
    'malformed XML on PUT',
    'PUT',
    session(90),
    '<ChatSessionEntity><CustomerName>x</ChatSessionEntity>',
    'application/xml',
    400,
  ],
  ['malformed XML on PickUp', 'POST', PICKUP, '<PickUp><ChatSessionId>150</PickUp>', 'text/xml', 400],
  ['XML with a DOCTYPE and an external entity', 'PUT', session(90), doctype, 'application/xml', 400],
  ['XML with nested entity declarations', 'PUT', session(90), laughs, 'text/xml', 400],
  ['XML with a DOCTYPE on PATCH', 'PATCH', session(90), doctype, 'application/xml', 400],
  ['a body over 1 MiB', 'PUT', session(90), huge, 'application/json', 413],
  ['JSON nested 100,000 levels deep on PUT', 'PUT', session(90), deepJson, 'application/json', 400],
  ['a JSON Patch value nested 50,000 levels deep', 'PATCH', session(90), deepPatch, 'application/json-patch+json', 400],
  ['form fields nested 50,000 levels deep', 'PUT', session(90), deepForm, 'application/x-www-form-urlencoded', 400],
  ['XML nested 10,000 levels deep on PUT', 'PUT', session(90), deepXml, 'application/xml', 400],
  [
    'XML nested 10,000 levels deep on PATCH',
    'PATCH',
    session(90),
    deepXml.replace(/ChatSessionEntity/g, 'JsonPatchDocument'),
    'text/xml',
    400,
  ],
  ['XML with an element named __proto__', 'PUT', session(90), protoXml, 'application/xml', 400],
  ['an id beyond int32 on PUT', 'PUT', '/api/v1/ChatSession/2147483648', '{"Rating":1}', 'application/json', 400],
  [
    'an id beyond int32 on PATCH',
    'PATCH',
    '/api/v1/ChatSession/9999999999',
    '{"Rating":1}',
    'application/merge-patch+json',
    400,
  ],
  [
    'an id beyond int32 on TransferTo',
    'POST',
    '/api/v1/ChatSession/9999999999/TransferTo/ola',
    undefined,
    undefined,
    400,
  ],
  ['an id beyond int32 on GET', 'GET', '/api/v1/ChatSession/2147483648', undefined, undefined, 400],
  ['an unknown route', 'GET', '/api/v1/Nothing/1', undefined, undefined, 404],
  ['an unknown method on a known path', 'POST', session(90), '{"Rating":1}', 'application/json', 405],
  ['an unknown Agents method', 'POST', '/api/v1/Agents/Chat/ExplodeChatSession', undefined, undefined, 404],
  ['a bad URL encoding', 'GET', '/api/v1/ChatSession/%E0%A4%A', undefined, undefined, 400],
];

describe('bad input', () => {
  for (const [what, method, url, payload, contentType, status] of cases) {
    test(`${what} gets ${status} with the error body and changes nothing`, async () => {
      const before = [
        tenant().control.getSession(90),
        tenant().control.getSession(150),
        tenant().control.state().sessions,
      ];
      const res = await call(tenant(), method, url, { body: payload, contentType });
      assert.equal(res.statusCode, status, res.body.slice(0, 300));
      const error = body(res);
      assert.deepEqual(validate('ErrorBody', error).errors, []);
      assert.ok(String(error.ErrorMessage).length > 10);
      assert.deepEqual(
        [tenant().control.getSession(90), tenant().control.getSession(150), tenant().control.state().sessions],
        before,
      );
    });
  }

  test('a refused DOCTYPE says why', async () => {
    const res = await call(tenant(), 'PUT', session(90), { body: doctype, contentType: 'application/xml' });
    assert.match(String(body(res).ErrorMessage), /DOCTYPE or entity declarations is refused/);
  });

  test('the tenant still serves after all of the above', async () => {
    assert.equal((await call(tenant(), 'GET', session(90))).statusCode, 200);
  });
});
