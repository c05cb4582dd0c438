import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate } from '../schemas/index.ts';
import { body, call, session, useTenant } from './test-support.ts';

const tenant = useTenant();

const jsonPatch = (id: number, ops: unknown, headers: Record<string, string> = {}) =>
  call(tenant(), 'PATCH', session(id), { body: ops, contentType: 'application/json-patch+json', headers });

describe('PATCH /api/v1/ChatSession/{id}', () => {
  test(
    'applies add, replace, remove and test, ' + 'returning 200 with ChatSessionEntityWithLinks @PATCH-OPS @PATCH-200',
    async () => {
      const res = await jsonPatch(20, [
        { op: 'test', path: '/CustomerName', value: 'Customer 20' },
        { op: 'replace', path: '/CustomerName', value: 'Replaced' },
        { op: 'add', path: '/Rating', value: 5 },
        { op: 'remove', path: '/CustomerPhone' },
        { op: 'replace', path: '/TransferTo', value: { AssociateId: 6 } },
      ]);
      assert.equal(res.statusCode, 200);
      const entity = body(res);
      assert.deepEqual(validate('ChatSessionEntityWithLinks', entity).errors, []);
      assert.deepEqual([entity.CustomerName, entity.Rating, entity.CustomerPhone], ['Replaced', 5, '']);
      assert.equal((entity.TransferTo as { UserName: string }).UserName, 'ola');
    },
  );

  for (const path of ['/customercompanyname', 'CustomerCompanyName', 'customercompanyname', '/CUSTOMERCOMPANYNAME']) {
    test(`treats the path "${path}" case-insensitively with an optional slash @PATCH-PATH`, async () => {
      const res = await jsonPatch(21, [{ op: 'replace', path, value: `ACME ${path}` }]);
      assert.equal(res.statusCode, 200);
      assert.equal(tenant().control.getSession(21)?.CustomerCompanyName, `ACME ${path}`);
    });
  }

  test('normalises nested paths too @PATCH-PATH', async () => {
    const res = await jsonPatch(22, [
      { op: 'test', path: 'user/associateid', value: 5 },
      { op: 'replace', path: 'user/fullname', value: 'T. Zero' },
    ]);
    assert.equal(res.statusCode, 200);
    assert.equal(tenant().control.getSession(22)?.User?.FullName, 'T. Zero');
  });

  for (const contentType of ['application/merge-patch+json', 'application/json']) {
    test(`converts a merge patch sent as ${contentType} into operations @PATCH-MERGE @CT-MERGEPATCH`, async () => {
      const res = await call(tenant(), 'PATCH', session(23), {
        body: { customerName: 'Merged', Rating: 2, TransferTo: null },
        contentType,
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual([body(res).CustomerName, body(res).Rating], ['Merged', 2]);
    });
  }

  test('answers 404 when no entity has the id @PATCH-404', async () => {
    const res = await jsonPatch(77777, [{ op: 'replace', path: '/Rating', value: 1 }]);
    assert.equal(res.statusCode, 404);
    assert.equal(body(res).ErrorType, 'SoNotFoundException');
    assert.equal(tenant().control.getSession(77777), undefined);
  });

  test('returns 409 and changes nothing when a test operation conflicts @PATCH-409', async () => {
    const before = tenant().control.getSession(24);
    const res = await jsonPatch(24, [
      { op: 'replace', path: '/Rating', value: 3 },
      { op: 'test', path: '/CustomerName', value: 'someone else' },
    ]);
    assert.equal(res.statusCode, 409);
    assert.deepEqual(tenant().control.getSession(24), before);
  });

  test('returns 412 and changes nothing when the entity changed since If-Unmodified-Since @PATCH-412', async () => {
    const first = await jsonPatch(25, [{ op: 'replace', path: '/Rating', value: 1 }]);
    const seen = String(first.headers['last-modified']);
    await jsonPatch(25, [{ op: 'replace', path: '/Rating', value: 2 }]);
    const res = await jsonPatch(25, [{ op: 'replace', path: '/Rating', value: 3 }], { 'If-Unmodified-Since': seen });
    assert.equal(res.statusCode, 412);
    assert.equal(tenant().control.getSession(25)?.Rating, 2);
  });

  test('applies the patch when If-Unmodified-Since is the current Last-Modified @PATCH-412', async () => {
    const seen = String((await call(tenant(), 'GET', session(26))).headers['last-modified']);
    const res = await jsonPatch(26, [{ op: 'replace', path: '/Rating', value: 4 }], { 'If-Unmodified-Since': seen });
    assert.equal(res.statusCode, 200);
    assert.notEqual(res.headers['last-modified'], seen);
  });

  for (const op of [
    { op: 'move', from: '/CustomerName', path: '/CustomerAlias' },
    { op: 'copy', from: '/CustomerName', path: '/CustomerAlias' },
  ]) {
    test(`refuses ${op.op} with 400 and leaves the entity unchanged @PATCH-NOMOVE`, async () => {
      const before = tenant().control.getSession(27);
      const res = await jsonPatch(27, [op]);
      assert.equal(res.statusCode, 400);
      assert.match(String(body(res).ErrorMessage), /not supported/);
      assert.deepEqual(tenant().control.getSession(27), before);
    });
  }

  const malformed: Array<[string, unknown]> = [
    ['an object for json-patch+json', { op: 'replace' }],
    ['an op that is not an object', ['replace']],
    ['an unknown op', [{ op: 'increment', path: '/Rating', value: 1 }]],
    ['a missing value', [{ op: 'replace', path: '/Rating' }]],
    ['a missing path', [{ op: 'replace', value: 1 }]],
    ['a path to no property', [{ op: 'replace', path: '/Nope', value: 1 }]],
    ['a value of the wrong type', [{ op: 'replace', path: '/Rating', value: 'x' }]],
    ['a change of the primary key', [{ op: 'replace', path: '/ChatSessionId', value: 9 }]],
  ];
  for (const [what, doc] of malformed) {
    test(`answers 400 for ${what} and changes nothing @PATCH-OPS`, async () => {
      const before = tenant().control.getSession(28);
      const res = await jsonPatch(28, doc);
      assert.equal(res.statusCode, 400);
      assert.ok(validate('ErrorBody', body(res)).ok);
      assert.deepEqual(tenant().control.getSession(28), before);
    });
  }

  test('reads a JSON Patch sent as XML, typing values by property @CT-XML', async () => {
    const xml =
      '<JsonPatchDocument><JsonPatchOperation>' +
      '<op>replace</op><path>rating</path><value>7</value>' +
      '</JsonPatchOperation></JsonPatchDocument>';
    const res = await call(tenant(), 'PATCH', session(29), { body: xml, contentType: 'text/xml' });
    assert.equal(res.statusCode, 200);
    assert.equal(tenant().control.getSession(29)?.Rating, 7);
  });
});
