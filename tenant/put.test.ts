import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSample } from '../schemas/samples.ts';
import { validate } from '../schemas/index.ts';
import { toXml } from '../lib/xml.ts';
import { body, call, session, useTenant } from './test-support.ts';

const tenant = useTenant();

describe('PUT /api/v1/ChatSession/{id}', () => {
  test('updates the entity and returns 200 with a ChatSessionEntityWithLinks @PUT-200', async () => {
    const res = await call(tenant(), 'PUT', session(10), {
      body: { ...loadSample<Record<string, unknown>>('put-request.json'), ChatSessionId: 10 },
    });
    assert.equal(res.statusCode, 200);
    const entity = body(res);
    assert.deepEqual(validate('ChatSessionEntityWithLinks', entity).errors, []);
    assert.equal(entity.CustomerName, 'Rosenbaum Group');
    assert.equal(tenant().control.getSession(10)?.CustomerName, 'Rosenbaum Group');
  });

  test(
    'writes TableRight, FieldProperties and absolute Self/Archive links ' + 'from the request host @ENTITY-LINKS',
    async () => {
      const res = await call(tenant(), 'PUT', session(11), {
        body: { Rating: 4 },
        headers: { host: 'tenant.example:8080' },
      });
      const entity = body<{
        TableRight: unknown;
        FieldProperties: Record<string, { FieldType: string }>;
        _Links: Record<string, string>;
      }>(res);
      assert.deepEqual(entity._Links, {
        Self: 'http://tenant.example:8080/api/v1/ChatSession/11',
        Archive: 'http://tenant.example:8080/api/v1/ChatSession',
      });
      assert.deepEqual(entity.TableRight, { Mask: 'FULL', Reason: '' });
      assert.equal(entity.FieldProperties.Rating?.FieldType, 'System.Int32');
    },
  );

  test('reads the body in any property-name case and keeps properties the body leaves out @PUT-200', async () => {
    const res = await call(tenant(), 'PUT', session(12), {
      body: { customername: 'lower case', CUSTOMEREMAIL: 'x@example.com' },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      [body(res).CustomerName, body(res).CustomerEmail, body(res).CustomerPhone],
      ['lower case', 'x@example.com', '+47 555 00012'],
    );
  });

  test('keeps digit-only carrier texts as strings in XML and form bodies @CT-XML @CT-FORM', async () => {
    const person = { PersonId: 105, Lastname: '662', Firstname: 'Ada' };
    const xml = await call(tenant(), 'PUT', session(41), {
      body: toXml({ Person: person, Contact: { ContactId: 2, OrgNr: '900000002' } }, 'ChatSessionEntity'),
      contentType: 'application/xml',
    });
    assert.equal(xml.statusCode, 200, xml.body);
    assert.deepEqual(tenant().control.getSession(41)?.Person, person);
    assert.equal(tenant().control.getSession(41)?.Contact?.OrgNr, '900000002');
  });

  test('sets Last-Modified on the response @PATCH-412', async () => {
    const res = await call(tenant(), 'PUT', session(13), { body: { Rating: 1 } });
    assert.ok(!Number.isNaN(Date.parse(String(res.headers['last-modified']))));
  });

  for (const [what, payload, contentType] of [
    ['no body', undefined, undefined],
    ['an empty JSON body', '', 'application/json'],
    ['a JSON null', 'null', 'application/json'],
  ] as const) {
    test(`answers 400 for ${what} and changes nothing @PUT-400`, async () => {
      const before = tenant().control.getSession(14);
      const res = await call(tenant(), 'PUT', session(14), { body: payload, contentType });
      assert.equal(res.statusCode, 400);
      assert.equal(body(res).ErrorMessage, 'Entity to save is not in request body.');
      assert.deepEqual(tenant().control.getSession(14), before);
    });
  }

  test('answers 404 for an id that does not exist @PUT-404', async () => {
    const res = await call(tenant(), 'PUT', session(99999), { body: { Rating: 1 } });
    assert.equal(res.statusCode, 404);
    assert.equal(body(res).ErrorType, 'SoNotFoundException');
    assert.equal(tenant().control.getSession(99999), undefined);
  });

  for (const id of ['abc', '1.5', '2147483648', '-2147483649', '99999999999999999999']) {
    test(`answers 400 for the non-int32 id ${id} @PUT-ID`, async () => {
      const res = await call(tenant(), 'PUT', `/api/v1/ChatSession/${id}`, { body: { Rating: 1 } });
      assert.equal(res.statusCode, 400);
      assert.ok(validate('ErrorBody', body(res)).ok);
    });
  }

  test('answers 400 when the body has a wrong type and changes nothing @ENTITY-SHAPE', async () => {
    const res = await call(tenant(), 'PUT', session(15), { body: { Rating: 'five', Status: 'Sleeping' } });
    assert.equal(res.statusCode, 400);
    assert.match(String(body(res).ErrorMessage), /\/Rating must be integer/);
    assert.match(String(body(res).ErrorMessage), /\/Status must be equal to one of the allowed values/);
    assert.equal(tenant().control.getSession(15)?.Rating, 0);
  });

  test('answers 412 when the session changed after If-Unmodified-Since, changing nothing @PATCH-412', async () => {
    await call(tenant(), 'PUT', session(16), { body: { Rating: 2 } });
    const res = await call(tenant(), 'PUT', session(16), {
      body: { Rating: 3 },
      headers: { 'If-Unmodified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT' },
    });
    assert.equal(res.statusCode, 412);
    assert.equal(tenant().control.getSession(16)?.Rating, 2);
  });

  test('a GET after PUT reads back what was written @PUT-200', async () => {
    const written = body(await call(tenant(), 'PUT', session(17), { body: { LastMessage: 'read me back' } }));
    assert.deepEqual(body(await call(tenant(), 'GET', session(17))), written);
  });
});
