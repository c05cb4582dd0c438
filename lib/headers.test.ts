import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authHeaders, buildHeaders, mediaTypes } from './headers.ts';

describe('authHeaders', () => {
  test('Basic encodes user:password as the docs sample does @AUTH-BASIC', () => {
    assert.deepEqual(authHeaders({ scheme: 'basic', username: 'tje0', password: 'Tje0' }), {
      Authorization: 'Basic dGplMDpUamUw',
    });
  });

  test('SoTicket sends the ticket @AUTH-SOTICKET', () => {
    assert.deepEqual(authHeaders({ scheme: 'soticket', ticket: '7T:abc' }), { Authorization: 'SoTicket 7T:abc' });
  });

  test('Bearer sends the token @AUTH-BEARER', () => {
    assert.deepEqual(authHeaders({ scheme: 'bearer', token: 'tok' }), { Authorization: 'Bearer tok' });
  });

  test('XSRF sends the header and the same value as cookie @AUTH-XSRF', () => {
    assert.deepEqual(authHeaders({ scheme: 'xsrf', xsrfToken: 'a b' }), {
      'X-XSRF-TOKEN': 'a b',
      Cookie: 'XSRF-TOKEN=a%20b',
    });
  });

  test('null sends no credentials @AUTH-NONE', () => {
    assert.deepEqual(authHeaders(null), {});
  });
});

describe('buildHeaders', () => {
  test('sends every documented header that is given', () => {
    const headers = buildHeaders({
      auth: { scheme: 'bearer', token: 't' },
      accept: mediaTypes.xml,
      contentType: mediaTypes.jsonPatch,
      acceptLanguage: 'sv',
      soLanguage: 'en',
      soCulture: 'nb',
      soTimeZone: 'UTC',
      appToken: 'app',
      ifUnmodifiedSince: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    });
    assert.deepEqual(headers, {
      Authorization: 'Bearer t',
      Accept: 'application/xml',
      'Content-Type': 'application/json-patch+json',
      'Accept-Language': 'sv',
      'SO-Language': 'en',
      'SO-Culture': 'nb',
      'SO-TimeZone': 'UTC',
      'SO-AppToken': 'app',
      'If-Unmodified-Since': 'Tue, 02 Jan 2024 03:04:05 GMT',
    });
  });

  test('defaults Accept to JSON and leaves the rest out', () => {
    assert.deepEqual(buildHeaders({ auth: null }), { Accept: 'application/json' });
  });
});
