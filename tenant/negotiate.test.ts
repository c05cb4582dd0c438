import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toXml } from '../lib/xml.ts';
import { validate } from '../schemas/index.ts';
import { body, call, PICKUP, session, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('request bodies by Content-Type', () => {
  for (const type of ['application/json', 'text/json', 'application/json; charset=utf-8']) {
    test(`PUT reads ${type} @CT-JSON`, async () => {
      const res = await call(tenant(), 'PUT', session(30), { body: { CustomerName: type }, contentType: type });
      assert.equal(res.statusCode, 200);
      assert.equal(tenant().control.getSession(30)?.CustomerName, type);
    });
  }

  for (const type of ['application/xml', 'text/xml']) {
    test(`PUT reads ${type}, typing numbers and booleans by the schema @CT-XML`, async () => {
      const xml = toXml(
        { CustomerName: type, Rating: 3, CustomerConsented: false, User: { AssociateId: 6 } },
        'ChatSessionEntity',
      );
      const res = await call(tenant(), 'PUT', session(31), { body: xml, contentType: type });
      assert.equal(res.statusCode, 200);
      const stored = tenant().control.getSession(31);
      assert.deepEqual(
        [stored?.CustomerName, stored?.Rating, stored?.CustomerConsented, stored?.User?.UserName],
        [type, 3, false, 'ola'],
      );
    });

    test(`PickUp reads ${type} @CT-XML`, async () => {
      const id = type === 'text/xml' ? 101 : 102;
      const res = await call(tenant(), 'POST', PICKUP, {
        body: `<PickUpChatSessionRequest><ChatSessionId>${id}</ChatSessionId></PickUpChatSessionRequest>`,
        contentType: type,
      });
      assert.equal(body(res).ChatSessionId, id);
    });
  }

  test('PUT reads application/x-www-form-urlencoded, nested carriers included @CT-FORM', async () => {
    const res = await call(tenant(), 'PUT', session(32), {
      body: 'CustomerName=Form+Sent&Rating=4&CustomerConsented=true&TransferTo.AssociateId=7',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(res.statusCode, 200);
    const stored = tenant().control.getSession(32);
    assert.deepEqual(
      [stored?.CustomerName, stored?.Rating, stored?.CustomerConsented, stored?.TransferTo?.UserName],
      ['Form Sent', 4, true, 'kari'],
    );
  });

  test('a form field named __proto__[x] is an unknown name, not a write to Object.prototype @CT-FORM', async () => {
    const res = await call(tenant(), 'PUT', session(35), {
      body: '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&CustomerName=Kept',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(res.statusCode, 200);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(tenant().control.getSession(35)?.CustomerName, 'Kept');
  });

  test('PickUp reads application/x-www-form-urlencoded @CT-FORM', async () => {
    const res = await call(tenant(), 'POST', PICKUP, {
      body: 'ChatSessionId=103',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.equal(body(res).ChatSessionId, 103);
  });

  test('PATCH reads application/json-patch+json as RFC 6902 @CT-JSONPATCH', async () => {
    const res = await call(tenant(), 'PATCH', session(33), {
      body: [{ op: 'replace', path: '/Rating', value: 9 }],
      contentType: 'application/json-patch+json',
    });
    assert.equal(body(res).Rating, 9);
  });

  for (const [route, method, type] of [
    [session(34), 'PUT', 'text/plain'],
    [session(34), 'PATCH', 'application/x-www-form-urlencoded'],
    [PICKUP, 'POST', 'application/octet-stream'],
    [session(34), 'PUT', ''],
  ] as const) {
    test(`answers 415 for ${method} with Content-Type "${type}" and changes nothing @CT-JSON`, async () => {
      const before = tenant().control.getSession(34);
      const res = await call(tenant(), method, route, { body: 'ChatSessionId=34', contentType: type });
      assert.equal(res.statusCode, 415);
      assert.ok(validate('ErrorBody', body(res)).ok);
      assert.deepEqual(tenant().control.getSession(34), before);
    });
  }
});

describe('response bodies by Accept', () => {
  for (const type of ['application/json', 'text/json']) {
    test(`Accept: ${type} gives JSON with that content type @ACCEPT-JSON`, async () => {
      const res = await call(tenant(), 'GET', session(1), { headers: { accept: type } });
      assert.equal(res.headers['content-type'], `${type}; charset=utf-8`);
      assert.equal(JSON.parse(res.body).ChatSessionId, 1);
    });
  }

  for (const type of ['application/xml', 'text/xml']) {
    test(`Accept: ${type} gives XML carrying the same entity @ACCEPT-XML`, async () => {
      const json = body(await call(tenant(), 'GET', session(2)));
      const res = await call(tenant(), 'GET', session(2), { headers: { accept: type } });
      assert.equal(res.headers['content-type'], `${type}; charset=utf-8`);
      assert.match(res.body, /^<\?xml[^>]*\?><ChatSessionEntityWithLinks/);
      assert.deepEqual(body(res, 'ChatSessionEntityWithLinks'), json);
    });
  }

  test('PickUp answers XML when asked, and null as a nil element @ACCEPT-XML', async () => {
    const res = await call(tenant(), 'POST', PICKUP, {
      body: { ChatSessionId: 1 },
      headers: { accept: 'application/xml' },
    });
    assert.match(res.body, /<ChatSessionEntity [^>]*xsi:nil="true"/);
  });

  for (const type of ['application/json-patch+json', 'application/merge-patch+json']) {
    test(`Accept: ${type} gives a JSON body @ACCEPT-PATCHTYPES`, async () => {
      const res = await call(tenant(), 'GET', session(3), { headers: { accept: type } });
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(JSON.parse(res.body).ChatSessionId, 3);
    });
  }

  test('Accept with q-values picks the preferred type @ACCEPT-XML', async () => {
    const res = await call(tenant(), 'GET', session(4), {
      headers: { accept: 'application/json;q=0.5, text/xml;q=0.9' },
    });
    assert.match(String(res.headers['content-type']), /^text\/xml/);
  });

  for (const accept of ['constructor', '__proto__', 'toString, hasOwnProperty']) {
    test(`Accept: ${accept} (an Object.prototype name) gives plain JSON @ACCEPT-JSON`, async () => {
      const res = await call(tenant(), 'GET', session(5), { headers: { accept } });
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(JSON.parse(res.body).ChatSessionId, 5);
    });
  }

  test('errors follow Accept too @ACCEPT-XML', async () => {
    const res = await call(tenant(), 'GET', session(88888), { headers: { accept: 'application/xml' } });
    assert.equal(res.statusCode, 404);
    assert.equal(body(res, 'ErrorBody').ErrorType, 'SoNotFoundException');
  });
});
