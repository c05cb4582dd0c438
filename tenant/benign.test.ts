/**
 * The benign deviation modes: each does what it says (the variation a correct tenant may make),
 * and the answer still says the same thing (same status, same values, still valid against the
 * schemas). The clause in each title is the one whose check must tolerate the variation.
 */
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { fromXml } from '../lib/xml.ts';
import { validate, type SchemaName } from '../schemas/index.ts';
import { benignDeviationNames, type BenignDeviationName } from './deviations.ts';
import { startTenant } from './start.ts';
import { allModesOff, basic, call, PICKUP, session, useTenant, type CallOptions, type Method } from './test-support.ts';

const tenant = useTenant({ beforeEach: allModesOff });

type Body = Record<string, unknown>;

/** The body as a client reads it: gunzipped when so encoded, parsed by its Content-Type. */
function decoded<T = Body>(res: LightMyRequestResponse, schema?: SchemaName): T {
  const raw = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload;
  const text = raw.toString('utf8');
  return (/xml/.test(String(res.headers['content-type'])) ? fromXml(text, schema) : JSON.parse(text)) as T;
}

/** The same request with the mode off (after a reset) and on (after another), so both see the same data. */
async function offAndOn(mode: BenignDeviationName, method: Method, url: string, options: CallOptions = {}) {
  const off = await call(tenant(), method, url, options);
  tenant().control.reset();
  tenant().control.setDeviations([mode]);
  const on = await call(tenant(), method, url, options);
  return { off, on };
}

const strip = (body: Body, ...names: string[]) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !names.includes(k)));

describe('benign deviation modes: what a correct tenant may do differently', () => {
  test('newer-version-properties adds properties, and the entity is otherwise the same @ENTITY-SHAPE', async () => {
    const { off, on } = await offAndOn('newer-version-properties', 'GET', session(1));
    const body = decoded(on);
    assert.deepEqual([body.ExtraFields, (body.User as Body).CustomFields], [{}, {}]);
    assert.deepEqual(validate('ChatSessionEntityWithLinks', body).errors, []);
    const user = strip(body.User as Body, 'ExtraFields', 'CustomFields');
    assert.deepEqual({ ...strip(body, 'ExtraFields', 'CustomFields'), User: user }, decoded(off));
  });

  test('reordered-properties writes the same properties in another order @ENTITY-SHAPE', async () => {
    const { off, on } = await offAndOn('reordered-properties', 'GET', session(2));
    assert.deepEqual(Object.keys(decoded(on)), Object.keys(decoded(off)).reverse());
    assert.deepEqual(decoded(on), decoded(off));
  });

  test('more-links adds named links and keeps Self and Archive @ENTITY-LINKS', async () => {
    const { off, on } = await offAndOn('more-links', 'PUT', session(3), { body: { Rating: 2 } });
    const links = decoded(on)._Links as Record<string, string>;
    assert.deepEqual(Object.keys(links), ['Self', 'Archive', 'Messages', 'Transcript']);
    assert.deepEqual(strip(links, 'Messages', 'Transcript'), decoded(off)._Links);
    assert.deepEqual(validate('ChatSessionEntityWithLinks', decoded(on)).errors, []);
  });

  test('masks-as-lists writes rights as lists of flag names, valid for both enums @ENTITY-LINKS', async () => {
    tenant().control.setDeviations(['masks-as-lists']);
    const own = decoded(await call(tenant(), 'GET', session(4)));
    const others = decoded(await call(tenant(), 'GET', session(200)));
    const fields = own.FieldProperties as Record<string, { FieldRight: { Mask: string } }>;
    assert.deepEqual(
      [own.TableRight, (others.TableRight as Body).Mask, fields.CustomerName?.FieldRight.Mask],
      [{ Mask: 'Select, Update, Insert, Delete', Reason: '' }, 'Select, Update, Insert', 'Update, UIHintMandatory'],
    );
    assert.equal(fields.ChatSessionId?.FieldRight.Mask, 'Read, UIHintReadOnly');
    assert.deepEqual(validate('ChatSessionEntityWithLinks', own).errors, []);
  });

  test('dates-with-offset writes every date-time with its offset, the same instants @TZ-CONVERT', async () => {
    tenant().control.setDeviations(['dates-with-offset']);
    const utc = decoded(await call(tenant(), 'GET', session(1)));
    const oslo = decoded(await call(tenant(), 'GET', session(1), { headers: { 'SO-TimeZone': 'Europe/Oslo' } }));
    assert.deepEqual(
      [utc.WhenRequested, utc.WhenEnded, oslo.WhenRequested],
      ['2024-03-01T08:10:00+00:00', '0001-01-01T00:00:00+00:00', '2024-03-01T09:10:00+01:00'],
    );
    assert.equal(Date.parse(String(oslo.WhenRequested)), Date.parse('2024-03-01T08:10:00Z'));
    assert.deepEqual(validate('ChatSessionEntityWithLinks', oslo).errors, []);
    await call(tenant(), 'PUT', session(1), { body: { WhenIdle: oslo.WhenIdle } });
    assert.equal(tenant().control.getSession(1)?.WhenIdle, '2024-03-01T08:15:00');
  });

  test(
    'other-error-texts writes other ErrorType names and texts, same statuses, still error bodies ' +
      '@PUT-400 @PATCH-409',
    async () => {
      tenant().control.setDeviations(['other-error-texts']);
      const noBody = await call(tenant(), 'PUT', session(5));
      const unknown = await call(tenant(), 'GET', session(99999));
      const conflict = await call(tenant(), 'PATCH', session(5), {
        body: [{ op: 'test', path: '/Rating', value: 99 }],
        contentType: 'application/json-patch+json',
      });
      assert.deepEqual([noBody.statusCode, unknown.statusCode, conflict.statusCode], [400, 404, 409]);
      assert.deepEqual(
        [decoded(noBody).ErrorType, decoded(noBody).ErrorMessage, decoded(unknown).ErrorType],
        ['ArgumentException', 'The request is not valid.', 'SoNotFoundException'],
      );
      for (const res of [noBody, unknown, conflict]) assert.deepEqual(validate('ErrorBody', decoded(res)).errors, []);
    },
  );

  test('pretty-json indents JSON, and the value is the same @ACCEPT-JSON', async () => {
    const { off, on } = await offAndOn('pretty-json', 'GET', session(6));
    assert.match(on.body, /^\{\n {2}"ChatSessionId": 6,\n/);
    assert.deepEqual(decoded(on), decoded(off));
  });

  test('xml-datacontract writes namespaces, i:nil and indentation, and the same entity @ACCEPT-XML', async () => {
    const accept = { headers: { accept: 'application/xml' } };
    const { off, on } = await offAndOn('xml-datacontract', 'GET', session(7), accept);
    assert.match(on.body, /<ChatSessionEntityWithLinks xmlns:i="[^"]+" xmlns="http:\/\/schemas\.datacontract\.org\//);
    assert.match(on.body, /\n {2}<Person i:nil="true"><\/Person>\n/);
    assert.deepEqual(decoded(on, 'ChatSessionEntityWithLinks'), decoded(off, 'ChatSessionEntityWithLinks'));
  });

  test('xml-root-entity names the WithLinks root <ChatSessionEntity>, same content @ACCEPT-XML', async () => {
    const accept = { headers: { accept: 'text/xml' } };
    const { off, on } = await offAndOn('xml-root-entity', 'PUT', session(8), { ...accept, body: { Rating: 1 } });
    assert.match(on.body, /^<\?xml[^>]*\?><ChatSessionEntity xmlns/);
    assert.match(on.body, /<\/ChatSessionEntity>$/);
    assert.deepEqual(decoded(on, 'ChatSessionEntityWithLinks'), decoded(off, 'ChatSessionEntityWithLinks'));
  });

  test('extra-headers adds Server, a request id and cookies, same body @PUT-200', async () => {
    const { off, on } = await offAndOn('extra-headers', 'PUT', session(9), { body: { Rating: 3 } });
    assert.equal(on.headers.server, 'Microsoft-IIS/10.0');
    assert.match(String(on.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal((on.headers['set-cookie'] as string[]).length, 2);
    assert.deepEqual(decoded(on), decoded(off));
  });

  test('content-type-parameters writes other media type parameters, same body @ACCEPT-JSON @ACCEPT-XML', async () => {
    tenant().control.setDeviations(['content-type-parameters']);
    const json = await call(tenant(), 'GET', session(10));
    const xml = await call(tenant(), 'GET', session(10), { headers: { accept: 'text/xml' } });
    assert.equal(json.headers['content-type'], 'application/json; odata.metadata=minimal; charset=UTF-8');
    assert.equal(xml.headers['content-type'], 'text/xml; charset=UTF-8');
    assert.deepEqual(validate('ChatSessionEntityWithLinks', decoded(json)).errors, []);
  });

  test('no-last-modified drops the header and still honours If-Unmodified-Since @PATCH-412', async () => {
    tenant().control.setDeviations(['no-last-modified']);
    const res = await call(tenant(), 'GET', session(11));
    assert.equal(res.headers['last-modified'], undefined);
    const stale = await call(tenant(), 'PATCH', session(11), {
      body: { Rating: 4 },
      contentType: 'application/merge-patch+json',
      headers: { 'If-Unmodified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT' },
    });
    assert.equal(stale.statusCode, 412);
  });

  for (const [acceptEncoding, encoded] of [
    ['gzip, deflate, br', true],
    ['*;q=0.5', true],
    ['gzip;q=0, identity', false],
    [undefined, false],
  ] as const) {
    test(
      `gzip ${encoded ? 'compresses' : 'does not compress'} ` +
        `for Accept-Encoding ${acceptEncoding ?? '(none)'}, same body @ACCEPT-JSON`,
      async () => {
        const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        const { off, on } = await offAndOn('gzip', 'GET', session(12), { headers });
        assert.equal(on.headers['content-encoding'], encoded ? 'gzip' : undefined);
        assert.equal(on.rawPayload[0] === 0x1f && on.rawPayload[1] === 0x8b, encoded);
        assert.deepEqual(decoded(on), decoded(off));
      },
    );
  }

  test('gzip compresses error bodies and PickUp null too @PICK-NULL', async () => {
    tenant().control.setDeviations(['gzip']);
    const headers = { 'accept-encoding': 'gzip' };
    const none = await call(tenant(), 'POST', PICKUP, { body: { ChatSessionId: 1 }, headers });
    assert.deepEqual([none.headers['content-encoding'], gunzipSync(none.rawPayload).toString()], ['gzip', 'null']);
    assert.deepEqual(
      validate('ErrorBody', decoded(await call(tenant(), 'GET', session(99999), { headers }))).errors,
      [],
    );
  });

  test('put-ignores-if-unmodified-since: PUT applies a stale change, PATCH still answers 412 @PATCH-412', async () => {
    tenant().control.setDeviations(['put-ignores-if-unmodified-since']);
    const headers = { 'If-Unmodified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT' };
    const put = await call(tenant(), 'PUT', session(13), { body: { Rating: 2 }, headers });
    const patch = await call(tenant(), 'PATCH', session(13), {
      body: { Rating: 3 },
      contentType: 'application/merge-patch+json',
      headers,
    });
    assert.deepEqual([put.statusCode, patch.statusCode, tenant().control.getSession(13)?.Rating], [200, 412, 2]);
  });

  test(
    'put-unknown-id-400: PUT to an unknown id answers 400 with an error body and creates nothing ' + '@PUT-404',
    async () => {
      tenant().control.setDeviations(['put-unknown-id-400']);
      const res = await call(tenant(), 'PUT', session(99999), { body: { Rating: 1 } });
      assert.deepEqual([res.statusCode, validate('ErrorBody', decoded(res)).ok], [400, true]);
      assert.equal(tenant().control.getSession(99999), undefined);
      assert.equal((await call(tenant(), 'PUT', session(14), { body: { Rating: 1 } })).statusCode, 200);
    },
  );

  test(
    'transfer-unknown-associate-unchanged: 200 with the session unchanged; ' + 'known ones still transfer @XFER-TARGET',
    async () => {
      tenant().control.setDeviations(['transfer-unknown-associate-unchanged']);
      const before = tenant().control.getSession(15);
      const res = await call(tenant(), 'POST', `${session(15)}/TransferTo/nobody`);
      assert.deepEqual([res.statusCode, decoded(res).TransferTo], [200, null]);
      assert.deepEqual(tenant().control.getSession(15), before);
      const moved = decoded(await call(tenant(), 'POST', `${session(15)}/TransferTo/ola`));
      assert.equal((moved.TransferTo as Body).UserName, 'ola');
    },
  );

  test('every benign mode at once: every answer still decodes and validates @ENTITY-SHAPE', async () => {
    tenant().control.setDeviations([...benignDeviationNames]);
    const headers = { 'accept-encoding': 'gzip', 'SO-TimeZone': 'NO' };
    for (const [method, url, payload, schema] of [
      ['GET', session(16), undefined, 'ChatSessionEntityWithLinks'],
      ['PUT', session(16), { Rating: 1 }, 'ChatSessionEntityWithLinks'],
      ['POST', PICKUP, { ChatSessionId: 150 }, 'ChatSessionEntity'],
      ['POST', `${session(16)}/TransferTo/kari`, undefined, 'ChatSessionEntity'],
    ] as const) {
      for (const accept of ['application/json', 'application/xml']) {
        tenant().control.reset();
        const res = await call(tenant(), method, url, { body: payload, headers: { ...headers, accept } });
        assert.equal(res.statusCode, 200, `${method} ${url} ${accept}`);
        assert.deepEqual(validate(schema, decoded(res, schema)).errors, [], `${method} ${url} ${accept}`);
      }
    }
  });
});

describe('the chunked mode over a real socket', () => {
  test(
    'chunked answers with Transfer-Encoding: chunked and no Content-Length, ' + 'PickUp null too @PICK-NULL',
    async () => {
      const running = await startTenant({ seedSessions: 200, deviations: ['chunked'] });
      try {
        const fetchRaw = (path: string) =>
          new Promise<{ headers: Record<string, unknown>; body: string }>((resolve, reject) => {
            get(`${running.url}${path}`, { headers: basic('tje0') }, (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () => resolve({ headers: res.headers, body }));
            }).on('error', reject);
          });
        const entity = await fetchRaw('/api/v1/ChatSession/17');
        assert.deepEqual(
          [entity.headers['transfer-encoding'], entity.headers['content-length']],
          ['chunked', undefined],
        );
        assert.deepEqual(validate('ChatSessionEntityWithLinks', JSON.parse(entity.body)).errors, []);
        const res = await fetch(`${running.url}${PICKUP}`, {
          method: 'POST',
          headers: { ...basic('tje0'), 'content-type': 'application/json' },
          body: JSON.stringify({ ChatSessionId: 1 }),
        });
        assert.deepEqual([res.headers.get('content-length'), await res.text()], [null, 'null']);
      } finally {
        await running.close();
      }
    },
  );
});
