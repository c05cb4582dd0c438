import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validate, type SchemaName } from '../schemas/index.ts';
import { body, call, PICKUP, session, useTenant, type Method } from './test-support.ts';

const tenant = useTenant();

type Case = [name: string, method: Method, url: string, payload: unknown, schema: SchemaName | 'null' | 'empty'];
const agents = (m: string) => `/api/v1/Agents/Chat/${m}`;
const cases: Case[] = [
  ['GET /{id}', 'GET', session(1), undefined, 'ChatSessionEntityWithLinks'],
  ['GET /default', 'GET', '/api/v1/ChatSession/default', undefined, 'ChatSessionEntity'],
  ['POST /', 'POST', '/api/v1/ChatSession', { CustomerName: 'n' }, 'ChatSessionEntityWithLinks'],
  ['PUT /{id}', 'PUT', session(2), { Rating: 1 }, 'ChatSessionEntityWithLinks'],
  ['PATCH /{id}', 'PATCH', session(3), [{ op: 'replace', path: 'rating', value: 2 }], 'ChatSessionEntityWithLinks'],
  ['TransferTo', 'POST', `${session(4)}/TransferTo/ola`, undefined, 'ChatSessionEntity'],
  ['PickUp', 'POST', PICKUP, { ChatSessionId: 140 }, 'ChatSessionEntity'],
  ['PickUp not queued', 'POST', PICKUP, { ChatSessionId: 5 }, 'null'],
  ['Agents Get', 'POST', `${agents('GetChatSessionEntity')}?chatSessionEntityId=6`, undefined, 'ChatSessionEntity'],
  ['Agents Save', 'POST', agents('SaveChatSessionEntity'), { ChatSessionId: 7, Rating: 3 }, 'ChatSessionEntity'],
  [
    'Agents Transfer',
    'POST',
    agents('TransferChatSession'),
    { ChatSessionId: 8, ToAssociate: '6' },
    'ChatSessionEntity',
  ],
  ['Agents CreateDefault', 'POST', agents('CreateDefaultChatSessionEntity'), undefined, 'ChatSessionEntity'],
  ['DELETE /{id}', 'DELETE', session(397), undefined, 'empty'],
  ['Agents Delete', 'POST', `${agents('DeleteChatSessionEntity')}?chatSessionEntityId=396`, undefined, 'empty'],
  ['GET unknown id', 'GET', session(99999), undefined, 'ErrorBody'],
  ['PATCH conflict', 'PATCH', session(9), [{ op: 'test', path: 'Rating', value: 99 }], 'ErrorBody'],
];
const variants: Array<[string, Record<string, string>]> = [
  ['JSON', {}],
  ['XML', { accept: 'text/xml' }],
  ['JSON in Oslo time, English', { 'SO-TimeZone': 'Europe/Oslo', 'Accept-Language': 'en' }],
  [
    'XML with offsets, Norwegian',
    { accept: 'application/xml', 'SO-TimeZone': 'NO, includeTZOffset', 'SO-Language': 'no' },
  ],
];

describe('every response body validates against schemas/', () => {
  for (const [variant, headers] of variants) {
    for (const [name, method, url, payload, schema] of cases) {
      test(`${name} (${variant}) answers a valid ${schema} @ENTITY-SHAPE @ENTITY-SAMPLES`, async () => {
        tenant().control.reset();
        const res = await call(tenant(), method, url, {
          body: payload,
          headers,
          contentType: Array.isArray(payload) ? 'application/json-patch+json' : undefined,
        });
        if (schema === 'empty') return assert.deepEqual([res.statusCode, res.body], [204, '']);
        if (schema === 'null') return assert.match(res.body, /^null$|xsi:nil="true"/);
        const parsed = body(res, schema);
        assert.equal(res.statusCode >= 400, schema === 'ErrorBody');
        assert.deepEqual(validate(schema, parsed).errors, []);
      });
    }
  }
});
