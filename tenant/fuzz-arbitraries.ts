/**
 * fast-check arbitraries for the tenant fuzz test (issue 8, "the tenant under hostile input"):
 * requests built from the reference samples and mutated, plus the hostile shapes a client can
 * send (deep nesting, bodies at and over the 1 MiB limit, DTDs, invalid UTF-8). Every request
 * carries a short description for fast-check's counterexample report, never a 1 MiB dump.
 */
import fc from 'fast-check';
import type { HTTPMethods } from 'fastify';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { toXml } from '../lib/xml.ts';
import { loadSample } from '../schemas/samples.ts';
import { BODY_LIMIT } from './app.ts';
import { authenticate } from './auth.ts';

export interface FuzzRequest {
  method: HTTPMethods;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

type Headers = Record<string, string>;
type Json = fc.JsonValue;

const sample = loadSample<Record<string, Json>>('put-request.json');
const names = Object.keys(sample);
const statuses = [
  'Invalid',
  'PreChatForm',
  'Faq',
  'OfflineForm',
  'InQueue',
  'CustomerLast',
  'UserLast',
  'Finished',
  'Deleted',
  'Closed',
  'RequestPosted',
  'ClosedFromQueue',
];
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const encode = (text: string) => encodeURIComponent(text);

/** A short, printable description (fast-check prints it for a counterexample). */
function described(req: FuzzRequest): FuzzRequest {
  const size = req.payload === undefined ? 0 : Buffer.byteLength(req.payload);
  const head =
    req.payload === undefined
      ? ''
      : (typeof req.payload === 'string' ? req.payload : req.payload.toString('latin1')).slice(0, 300);
  const headers = JSON.stringify(req.headers).slice(0, 600);
  const text = `${req.method} ${req.url.slice(0, 300)} ${headers} body(${size} bytes)=${JSON.stringify(head)}`;
  return Object.defineProperty(req, fc.toStringMethod, { value: () => text, enumerable: false });
}

// ---- headers -------------------------------------------------------------------------------

/** Header values a real HTTP client could send (tab, printable ASCII, Latin-1). */
const validHeader = (v: string) => !/[^\t\x20-\x7e\x80-\xff]/.test(v);
const latin1 = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((c) => c !== 0x7f)
  .map((c) => String.fromCharCode(c));
export const headerText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: latin1, maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 20 }).filter(validHeader),
);

export const goodAuth: fc.Arbitrary<Headers> = fc.constantFrom<Headers>(
  ...embeddedUsers.flatMap((u): Headers[] => [
    { authorization: `Basic ${b64(`${u.username}:${u.password}`)}` },
    { authorization: `Basic ${b64(`${u.username.toUpperCase()}:${u.password}`)}` },
    { authorization: `SoTicket ${u.ticket}` },
    { authorization: `Bearer ${u.token}` },
    { 'x-xsrf-token': u.xsrfToken, cookie: `XSRF-TOKEN=${u.xsrfToken}` },
  ]),
);

/** Credentials that never authenticate (checked with the tenant's own authenticate()). */
export const badAuth: fc.Arbitrary<Headers> = fc
  .oneof(
    headerText.map((v) => ({ authorization: v })),
    fc
      .tuple(fc.constantFrom('Basic', 'basic', 'SoTicket', 'Bearer', 'Digest', 'Negotiate', ''), headerText)
      .map(([s, v]) => ({ authorization: `${s} ${v}` })),
    fc
      .tuple(fc.constantFrom(...embeddedUsers), headerText)
      .map(([u, extra]) => ({ authorization: `Basic ${b64(`${u.username}:${u.password}${extra}!`)}` })),
    fc
      .tuple(fc.constantFrom(...embeddedUsers), headerText)
      .map(([u, extra]) => ({ authorization: `Bearer ${u.token}${extra}!` })),
    fc.constantFrom(...embeddedUsers).map((u) => ({ 'x-xsrf-token': u.xsrfToken, cookie: 'XSRF-TOKEN=someone-else' })),
    fc.constant({}),
  )
  .filter((h) => {
    try {
      authenticate(h);
      return false;
    } catch {
      return true;
    }
  });

/** Mostly seed users' credentials, so requests reach the parsers and handlers. */
export const auth = fc.oneof({ weight: 8, arbitrary: goodAuth }, { weight: 1, arbitrary: badAuth });

const mediaTypes = [
  'application/json',
  'text/json',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/xml',
  'text/xml',
  'application/x-www-form-urlencoded',
];
const mediaType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...mediaTypes) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.mixedCase(fc.constantFrom(...mediaTypes)),
        fc.constantFrom('', '; charset=utf-8', '; charset=utf-16', '; charset=latin1', ';', '; boundary=x', ' ;q=0'),
      )
      .map(([t, p]) => t + p),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/octet-stream',
      'multipart/form-data; boundary=x',
      '*/*',
      'application/',
      '/',
      'json',
      'constructor',
      '__proto__',
    ),
  },
  { weight: 1, arbitrary: headerText },
);
const accept = fc.oneof(
  fc.constantFrom(
    ...mediaTypes,
    '*/*',
    'application/*',
    'text/*',
    'text/html',
    'constructor',
    '__proto__',
    'toString',
    '',
  ),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...mediaTypes, '*/*', 'image/png', 'hasOwnProperty'),
        fc.constantFrom('', ';q=0', ';q=0.5', ';q=1', ';q=x', ';q=-1', ';q=1e9', ';Q=0.9'),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((xs) => xs.map(([t, q]) => t + q).join(', ')),
  headerText,
);
const language = fc.oneof(
  fc.constantFrom(
    'en',
    'no',
    'nb',
    'sv',
    'da',
    'de',
    'fr',
    '*',
    'x',
    'X',
    'en-US,no;q=0.5',
    'no;q=x',
    ';q=1',
    ',,',
    '__proto__',
    'constructor',
  ),
  headerText,
);
const timeZone = fc.oneof(
  fc.mixedCase(fc.constantFrom('Europe/Oslo', 'America/Argentina/ComodRivadavia', 'utc', 'us-ny')),
  fc.constantFrom(
    'UTC',
    'GMT',
    'Z',
    '+02:00',
    '-03:30',
    'UTC-3',
    'UTC+14',
    '+14:01',
    '-99',
    '+2',
    'Europe/Oslo',
    'europe/oslo',
    'America/New_York',
    'NO',
    'US-NY',
    'Mars/Olympus',
    'Etc/GMT+12',
    'UTC, includeTZOffset',
    'NO,includeTZOffset',
    ',',
    'constructor',
    '__proto__',
  ),
  headerText,
);
const httpDate = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.constantFrom(
    'Sat, 01 Jun 2024 00:00:00 GMT',
    'Fri, 31 May 2024 23:59:59 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    '0',
    '-1',
    'yesterday',
    '2024-06-01',
    '9999-12-31T23:59:59Z',
  ),
  headerText,
);

/** A value one time in `oneIn`, else undefined. */
const sometimes = <T>(value: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

/** Any of the documented request headers, valid or not; each present about one time in three. */
export const extraHeaders: fc.Arbitrary<Headers> = fc
  .record({
    'content-type': sometimes(mediaType, 3),
    accept: sometimes(accept, 3),
    'accept-language': sometimes(language, 3),
    'so-language': sometimes(language, 3),
    'so-culture': sometimes(language, 4),
    'so-timezone': sometimes(timeZone, 3),
    'if-unmodified-since': sometimes(httpDate, 3),
    'so-apptoken': sometimes(headerText, 4),
    host: sometimes(fc.constantFrom('127.0.0.1', 'example.com:8080', '[::1]', 'a b', ''), 4),
  })
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Headers);

// ---- paths, ids, $select -------------------------------------------------------------------

export const pathId = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 1, max: 520 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31) - 10, max: 0 }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2147483647',
      '2147483648',
      '-2147483648',
      '-2147483649',
      '9007199254740993',
      '1e3',
      '0x10',
      '1.0',
      '+1',
      '%201',
      '00001',
      encode('١٢٣'),
      'NaN',
      'Infinity',
      '%2F',
      '%00',
      '%E0%A4%A',
      '%25',
      '%',
      '..',
      '%2e%2e',
      encode('𝟙'),
      '1;2',
      '1%3F',
      '1'.repeat(250),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map(encode) },
);

const nestedPaths = [
  'User/AssociateId',
  'user/fullname',
  'Person/PersonId',
  'TransferTo/AssociateId',
  'Contact/Name',
  'User/-',
  'User/0',
  'Person/-',
];
export const select = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.mixedCase(fc.constantFrom(...names, ...nestedPaths, 'TableRight', '_Links', 'FieldProperties/Rating')),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 6 },
    )
    .chain((xs) => fc.constantFrom(xs.join(','), xs.join(' , '), xs.join(',,'))),
  fc.constantFrom('', ',', '/', '//', '__proto__', 'constructor/prototype', 'User/__proto__/x', 'toString', '*'),
);

const pickup = '/api/v1/Agents/Chat/PickUpChatSession';
/** The tenant's routes (random case, optional trailing slash) with a method that may not fit them. */
export const route: fc.Arbitrary<{ method: HTTPMethods; url: string }> = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: pathId.map((id) => `/api/v1/ChatSession/${id}`) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            pathId,
            fc.oneof(
              fc.constantFrom('ola', 'kari', 'tje0', 'OLA', '6', '7', '0', '-1', '99999999999', 'nobody'),
              fc.string({ maxLength: 8 }).map(encode),
            ),
          )
          .map(([id, to]) => `/api/v1/ChatSession/${id}/TransferTo/${to}`),
      },
      { weight: 2, arbitrary: fc.constant(pickup) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '/api/v1/ChatSession',
          '/api/v1/ChatSession/default',
          '/api/v1/Agents/Chat/CreateDefaultChatSessionEntity',
          '/api/v1/Agents/Chat/SaveChatSessionEntity',
          '/api/v1/Agents/Chat/TransferChatSession',
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('GetChatSessionEntity', 'DeleteChatSessionEntity'), pathId)
          .map(([m, id]) => `/api/v1/Agents/Chat/${m}?chatSessionEntityId=${id}`),
      },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
          fc.constantFrom(
            '/_admin/reset',
            '/_admin/state',
            '/_admin/sessions',
            '/',
            '//',
            '/api',
            '/api/v1/ChatSession/1/2/3',
          ),
        ),
      },
    ),
    fc.boolean(),
    fc.boolean(),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant<HTTPMethods | undefined>(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<HTTPMethods>(
          'GET',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
          'HEAD',
          'OPTIONS',
          'TRACE',
          'PROPFIND',
          'SEARCH',
        ),
      },
    ),
  )
  .map(([url, upper, slash, forced]) => {
    const [path = '', query] = url.split('?');
    const cased = upper ? path.replace(/ChatSession|Agents/g, (m) => m.toUpperCase()) : path;
    const method =
      forced ??
      (url.includes('/TransferTo/') || url.startsWith('/api/v1/Agents') || url === '/api/v1/ChatSession'
        ? 'POST'
        : 'GET');
    return {
      method,
      url: `${cased}${slash && !cased.endsWith('/') ? '/' : ''}${query === undefined ? '' : `?${query}`}`,
    };
  });

/** A route plus, sometimes, a $select query (raw or encoded). */
export const routeWithSelect = fc.tuple(route, fc.option(select, { freq: 3 }), fc.boolean()).map(([r, sel, raw]) => {
  if (sel === null) return r;
  const value = raw && /^[\w,/ ]*$/.test(sel) ? sel : encode(sel);
  return { ...r, url: `${r.url}${r.url.includes('?') ? '&' : '?'}${raw ? '$select' : '%24select'}=${value}` };
});

// ---- values and bodies ---------------------------------------------------------------------

const anyValue: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 });
const int = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 1.5, 1e300, -0));
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom(
    '',
    '[SR_ACCESS_CHATSESSION_NOT_OWNER]',
    'NO:"Leverandør";US:"Supplier"',
    '<x>&amp;</x>',
    ']]>',
    '\u0000',
  ),
);
const date = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
    .map((d) => d.toISOString()),
  fc
    .date({ noInvalidDate: true, min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
    .map((d) => d.toISOString().slice(0, 19)),
  fc.constantFrom(
    '0001-01-01T00:00:00',
    '2024-02-30T25:61:61',
    '9999-99-99T99:99:99',
    '2024-06-01T00:00:00+14:00',
    '2024-06-01T00:00:00-9999',
    '2024-06-01T00:00:00.1234567Z',
    'yesterday',
    '',
  ),
);
const associate = fc.oneof(
  fc.constant(null),
  fc.record({ AssociateId: fc.oneof(fc.constantFrom(5, 6, 7), int) }),
  fc.dictionary(
    fc.mixedCase(fc.constantFrom('AssociateId', 'Name', 'PersonId', 'FullName', 'Type', 'tableRight', 'extraFields')),
    anyValue,
    { maxKeys: 5 },
  ),
);
function valueFor(name: string): fc.Arbitrary<Json> {
  if (name.startsWith('When')) return date;
  if (name === 'Status')
    return fc.oneof(fc.constantFrom(...statuses), fc.mixedCase(fc.constantFrom(...statuses)), text, int);
  if (name === 'Flags') return fc.oneof(fc.constantFrom('CustomerIsTyping', 'UserIsTyping', 0, 1, 2, -1), text);
  if (['User', 'TransferTo', 'Person', 'Contact', 'Project', 'Sale', 'Ticket'].includes(name))
    return fc.oneof(associate, anyValue);
  const current = sample[name];
  if (typeof current === 'number') return fc.oneof({ weight: 4, arbitrary: int }, { weight: 1, arbitrary: anyValue });
  if (typeof current === 'boolean')
    return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyValue });
  return fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: anyValue });
}
const fieldPair = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(...names.map((n) => fc.tuple(fc.constant(n), valueFor(n)))) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), anyValue) },
);

/** The PUT sample with properties dropped, retyped, re-cased and added. */
export const entityValue = fc
  .record({
    drop: fc.subarray(names, { maxLength: 31 }),
    set: fc.array(fieldPair, { maxLength: 6 }),
    lower: fc.boolean(),
    empty: fc.boolean(),
  })
  .map(({ drop, set, lower, empty }) => {
    const out: Record<string, Json> = empty ? {} : { ...sample };
    for (const d of drop) delete out[d];
    for (const [k, v] of set) out[lower ? k.toLowerCase() : k] = v;
    return out;
  });

const patchPath = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.mixedCase(fc.constantFrom(...names)), fc.boolean())
      .map(([n, slash]) => (slash ? `/${n}` : n)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...nestedPaths) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '/',
      '//',
      '/-',
      '~',
      '/~0',
      '/~1',
      '/__proto__',
      '/constructor/prototype',
      '/ChatSessionId',
      'User/__proto__/x',
      '/User/AssociateId/x',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 15 }) },
);
const patchOp = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('add', 'replace', 'test'), fieldPair, fc.boolean())
      .map(([op, [n, v], slash]) => ({ op, path: slash ? `/${n}` : n.toLowerCase(), value: v })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constantFrom('remove', 'move', 'copy'), path: patchPath, from: patchPath }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        op: fc.oneof(
          fc.constantFrom(
            'add',
            'replace',
            'remove',
            'test',
            'move',
            'copy',
            'ADD',
            'Replace',
            'increment',
            '',
            '_get',
          ),
          fc.string({ maxLength: 8 }),
          anyValue,
        ),
        path: fc.oneof(patchPath, anyValue),
        from: patchPath,
        value: anyValue,
      },
      { requiredKeys: [] },
    ),
  },
);
export const jsonPatch = fc.array(patchOp, { maxLength: 6 });
export const mergePatch = fc
  .array(fieldPair, { maxLength: 5 })
  .map((pairs) => Object.fromEntries(pairs.map(([k, v], i) => [k, i % 3 === 2 ? null : v])));

/** Text mutations: cut it short, insert a few characters, or leave it alone. */
const garble = (arb: fc.Arbitrary<string>) =>
  fc
    .tuple(
      arb,
      fc.nat(),
      fc.constantFrom('none', 'none', 'none', 'cut', 'insert'),
      fc.oneof(
        fc.constantFrom('<', '>', '&', '"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '&#0;', ']]>', '<!--', '&lt'),
        fc.string({ maxLength: 3 }),
      ),
    )
    .map(([s, at, how, ins]) => {
      const i = s.length === 0 ? 0 : at % s.length;
      return how === 'cut' ? s.slice(0, i) : how === 'insert' ? s.slice(0, i) + ins + s.slice(i) : s;
    });

function safeXml(value: unknown, root: string, schema?: Parameters<typeof toXml>[2]): string {
  try {
    return toXml(value, root, schema);
  } catch {
    return toXml({ Bad: JSON.stringify(value) }, root); // a property name that is no XML name
  }
}

const xmlName = fc.oneof(
  fc.constantFrom(
    ...names,
    'ChatSessionEntity',
    'JsonPatchOperation',
    'op',
    'path',
    'value',
    'Item',
    'xsi:nil',
    'a:b',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
  fc.stringMatching(/^[A-Za-z_][\w.-]{0,8}$/),
);
const xmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ maxLength: 12 }), tie('element')),
  element: fc
    .tuple(
      xmlName,
      fc.constantFrom(
        '',
        ' xsi:nil="true"',
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        ' a="1"',
        ' a="1" a="2"',
      ),
      fc.array(tie('node'), { maxLength: 4 }),
    )
    .map(([n, attrs, kids]) => `<${n}${attrs}>${kids.join('')}</${n}>`),
})).element;

/** XML bodies: mutated sample entities and patches through lib/xml.ts, random trees, all sometimes garbled. */
export const xmlBody = garble(
  fc.oneof(
    entityValue.map((e) => safeXml(e, 'ChatSessionEntity', 'ChatSessionEntity')),
    jsonPatch.map((p) => safeXml(p, 'JsonPatchDocument', 'JsonPatchDocument')),
    fc
      .oneof(fc.integer({ min: 90, max: 210 }), int, text)
      .map((id) => safeXml({ ChatSessionId: id }, 'PickUpChatSessionRequest')),
    xmlTree,
  ),
);

const badUtf8 = fc.oneof(
  fc.constantFrom(
    [0xff],
    [0xfe, 0xff],
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0x80],
    [0xe2, 0x82],
    [0xef, 0xbb, 0xbf],
  ),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => [...a]),
);
/** A text body with invalid UTF-8 sequences spliced in. */
export const withBadUtf8 = (arb: fc.Arbitrary<string>) =>
  fc.tuple(arb, fc.array(fc.tuple(fc.nat(), badUtf8), { minLength: 1, maxLength: 3 })).map(([s, cuts]) => {
    let buf = Buffer.from(s, 'utf8');
    for (const [at, bytes] of cuts) {
      const i = buf.length === 0 ? 0 : at % buf.length;
      buf = Buffer.concat([buf.subarray(0, i), Buffer.from(bytes), buf.subarray(i)]);
    }
    return buf;
  });

/** Bodies a well-meaning parser can choke on: deep nesting, sizes at and over the limit, DTDs. */
export const hostileBody: fc.Arbitrary<{ payload: string; type: string }> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 30, max: 100_000 }),
      fc.constantFrom('[', '{"a":', '{"User":'),
      fc.constantFrom('application/json', 'application/json-patch+json', 'application/merge-patch+json'),
    )
    .map(([depth, open, type]) => {
      const close = open === '[' ? ']' : '}';
      return { payload: `${open.repeat(depth)}1${close.repeat(depth)}`, type };
    }),
  fc
    .tuple(
      fc.integer({ min: 50, max: 10_000 }),
      fc.constantFrom('a', 'User', 'value'),
      fc.constantFrom('application/xml', 'text/xml'),
    )
    .map(([depth, n, type]) => ({
      payload: `<ChatSessionEntity>${`<${n}>`.repeat(depth)}x${`</${n}>`.repeat(depth)}</ChatSessionEntity>`,
      type,
    })),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(BODY_LIMIT - 64, BODY_LIMIT - 30, BODY_LIMIT - 20, BODY_LIMIT + 1, 2 * BODY_LIMIT),
        fc.integer({ min: 1_000, max: BODY_LIMIT + 4_096 }),
      ),
      fc.constantFrom('x', 'é', '€', '😀', '<', '\\u0041'),
      fc.constantFrom('json', 'xml', 'form', 'merge'),
    )
    .map(([bytes, ch, kind]) => {
      const s = ch.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(ch))));
      if (kind === 'json') return { payload: `{"CustomerName":"${s}"}`, type: 'application/json' };
      if (kind === 'merge') return { payload: `{"FirstMessage":"${s}"}`, type: 'application/merge-patch+json' };
      if (kind === 'form') return { payload: `CustomerName=${encode(s)}`, type: 'application/x-www-form-urlencoded' };
      return {
        payload: `<ChatSessionEntity><CustomerName>${s.replace(/</g, '&lt;')}</CustomerName></ChatSessionEntity>`,
        type: 'application/xml',
      };
    }),
  fc.integer({ min: 1, max: 10 }).map((levels) => {
    const decls = Array.from({ length: levels }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    return {
      payload:
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">${decls}]>` +
        `<ChatSessionEntity><CustomerName>&l${levels};</CustomerName></ChatSessionEntity>`,
      type: 'application/xml',
    };
  }),
  fc
    .constantFrom(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' +
        '<ChatSessionEntity><CustomerName>&e;</CustomerName></ChatSessionEntity>',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>' +
        '<ChatSessionEntity><CustomerName>&e;</CustomerName></ChatSessionEntity>',
      '<!DOCTYPE x PUBLIC "-//x" "http://127.0.0.1:9/x.dtd"><ChatSessionEntity/>',
      '<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><ChatSessionEntity/>',
      '<!doctype x><ChatSessionEntity/>',
      '<! DOCTYPE x><ChatSessionEntity/>',
      '<ChatSessionEntity><!ENTITY e "x"><CustomerName>&e;</CustomerName></ChatSessionEntity>',
      '<ChatSessionEntity><CustomerName>&e;&#0;&#xD800;&#1114112;</CustomerName></ChatSessionEntity>',
      '<ChatSessionEntity><CustomerName><![CDATA[<!DOCTYPE x>]]></CustomerName></ChatSessionEntity>',
      '<?xml-stylesheet href="http://127.0.0.1:9/x"?>' +
        '<ChatSessionEntity><CustomerName>x</CustomerName></ChatSessionEntity>',
    )
    .map((payload) => ({ payload, type: 'application/xml' })),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => ({
    payload: JSON.stringify(Array.from({ length: n }, (_, i) => ({ op: 'replace', path: '/Rating', value: i }))),
    type: 'application/json-patch+json',
  })),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => ({
    payload: `<ChatSessionEntity>${'<CustomerName>x</CustomerName>'.repeat(n)}</ChatSessionEntity>`,
    type: 'text/xml',
  })),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => ({
    payload: Array.from({ length: n }, (_, i) => `User[${'a'.repeat(i % 50)}]=${i}`).join('&'),
    type: 'application/x-www-form-urlencoded',
  })),
  fc
    .integer({ min: 100, max: 50_000 })
    .map((n) => ({ payload: `${'User['.repeat(n)}x=1`, type: 'application/x-www-form-urlencoded' })),
);

export function request(method: HTTPMethods, url: string, headers: Headers, payload?: string | Buffer): FuzzRequest {
  return described(payload === undefined ? { method, url, headers } : { method, url, headers, payload });
}
