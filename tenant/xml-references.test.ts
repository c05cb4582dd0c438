/**
 * XML bodies carry character references: the tenant stores what they mean, refuses those that
 * are no XML character, and writes control characters back as a strict XML parser reads them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SaxesParser } from 'saxes';
import { call, newTenant, session } from './test-support.ts';

const xmlPut = (customerName: string) =>
  '<?xml version="1.0"?><ChatSessionEntity><ChatSessionId>31</ChatSessionId>' +
  `<CustomerName>${customerName}</CustomerName></ChatSessionEntity>`;

test('a PUT in XML stores what a character reference means @CT-XML', async () => {
  const tenant = await newTenant();
  const res = await call(tenant, 'PUT', session(31), {
    body: xmlPut('Bj&#248;rn &#xE5;s'),
    contentType: 'application/xml',
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(tenant.control.getSession(31)?.CustomerName, 'Bjørn ås');
});

for (const ref of ['&#0;', '&#1;', '&#xD800;'] as const) {
  test(`a PUT in XML with ${ref} is refused with 400 and stores nothing @CT-XML`, async () => {
    const tenant = await newTenant();
    const before = tenant.control.getSession(31);
    const res = await call(tenant, 'PUT', session(31), { body: xmlPut(`a${ref}b`), contentType: 'application/xml' });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /not an XML 1\.0 character/);
    assert.deepEqual(tenant.control.getSession(31), before);
  });
}

test('control characters stored through JSON come back in XML a strict parser can read @ACCEPT-XML', async () => {
  const tenant = await newTenant();
  const name = 'bell\u0007 cr\r tab\t';
  const put = await call(tenant, 'PUT', session(31), { body: { CustomerName: name } });
  assert.equal(put.statusCode, 200, put.body);
  const res = await call(tenant, 'GET', session(31), { headers: { accept: 'application/xml' } });
  let text = '';
  let inName = false;
  const strict = new SaxesParser();
  strict.on('opentag', (t) => (inName = t.name === 'CustomerName'));
  strict.on('closetag', () => (inName = false));
  strict.on('text', (t) => (text += inName ? t : ''));
  strict.on('error', (err) => assert.fail(`a strict XML parser refuses the answer: ${err.message}`));
  strict.write(res.body).close();
  assert.equal(text, name);
});
