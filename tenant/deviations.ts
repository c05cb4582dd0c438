/**
 * The one registry of deviation modes. A `breaking` mode breaks exactly one clause, so the suites
 * can prove they notice; a `benign` mode does what a correct tenant may do where the pages, HTTP,
 * JSON or XML leave room, so the suites can prove they do not cry wolf. Each mode is an object with
 * its kind, its clause (breaking) or what it varies and why that is allowed (benign), and the hooks
 * it implements at the pipeline points of hooks.ts. `deviationTable` is the same list as data.
 */
import { ActiveHooks, type Hooks, type RequestView } from './hooks.ts';
import { XML_FORMAT } from './negotiate.ts';
import { embeddedUsers } from './users.ts';
import * as vary from './variations.ts';

interface Mode {
  readonly name: string;
  /** One line: what the tenant then does. */
  readonly description: string;
  readonly hooks: Hooks;
}
export interface BreakingMode extends Mode {
  readonly kind: 'breaking';
  /** The clause (reference/CLAUSES.md) the mode breaks, and the one a suite must name. */
  readonly clause: string;
}
export interface BenignMode extends Mode {
  readonly kind: 'benign';
  /** What the tenant varies, and what allows it. */
  readonly varies: string;
  /** Where that allowance is written (FACTS.md, the published definitions, an RFC). */
  readonly source: string;
}
export type DeviationMode = BreakingMode | BenignMode;

const withoutHeader = (name: string) => (view: RequestView) => {
  const { [name]: _dropped, ...headers } = view.headers;
  return { ...view, headers };
};

const breakingModes = [
  {
    name: 'ignore-select',
    clause: 'SELECT-FIELDS',
    description: 'ignores $select, writes every property',
    hooks: {
      request: (view) => ({
        ...view,
        query: Object.fromEntries(Object.entries(view.query).filter(([k]) => k.toLowerCase() !== '$select')),
      }),
    },
  },
  {
    name: 'test-op-200',
    clause: 'PATCH-409',
    description: 'a failed `test` op is skipped: 200 and the other ops applied',
    hooks: { rules: { skipFailedTests: true } },
  },
  {
    name: 'ignore-if-unmodified-since',
    clause: 'PATCH-412',
    description: 'ignores If-Unmodified-Since (PATCH and PUT)',
    hooks: { rules: { ifUnmodifiedSinceOnPatch: false, ifUnmodifiedSinceOnPut: false } },
  },
  {
    name: 'drop-property',
    clause: 'ENTITY-SHAPE',
    description: '`CustomerEmail` missing from every entity response',
    hooks: {
      body: ({ CustomerEmail: _dropped, ...body }) => body,
    },
  },
  {
    name: 'wrong-type',
    clause: 'ENTITY-SHAPE',
    description: '`Rating` written as a string',
    hooks: { body: (body) => (body.Rating === null ? body : { ...body, Rating: String(body.Rating) }) },
  },
  {
    name: 'xml-when-json',
    clause: 'ACCEPT-JSON',
    description: 'answers XML when JSON was asked (entity responses)',
    hooks: { format: (format) => (format.kind === 'json' ? XML_FORMAT : format) },
  },
  {
    name: 'no-links',
    clause: 'ENTITY-LINKS',
    description: '`_Links` missing',
    hooks: { body: ({ _Links: _dropped, ...body }) => body },
  },
  {
    name: 'put-no-body-200',
    clause: 'PUT-400',
    description: 'PUT without a body answers 200 with the unchanged entity',
    hooks: { rules: { answerPutWithoutBody: true } },
  },
  {
    name: 'pickup-not-queued-returns-entity',
    clause: 'PICK-NULL',
    description: 'PickUp of a session not in the queue returns it instead of null',
    hooks: { rules: { pickUpReturnsNotQueued: true } },
  },
  {
    name: 'transfer-not-owner-changes',
    clause: 'XFER-NOTOWNER',
    description: "TransferTo changes other users' sessions too",
    hooks: { rules: { transferChangesOthersSessions: true } },
  },
  {
    name: 'accept-anonymous',
    clause: 'AUTH-NONE',
    description: 'requests without (valid) credentials are served as tje0',
    hooks: { refused: () => embeddedUsers[0] },
  },
  {
    name: 'patch-path-case-sensitive',
    clause: 'PATCH-PATH',
    description: "PATCH paths must match the property names' case exactly (else 400)",
    hooks: { rules: { patchPathsCaseSensitive: true } },
  },
  {
    name: 'move-accepted',
    clause: 'PATCH-NOMOVE',
    description: '`move` and `copy` are applied instead of refused',
    hooks: { rules: { applyMoveAndCopy: true } },
  },
  {
    name: 'ignore-timezone',
    clause: 'TZ-CONVERT',
    description: '`SO-TimeZone` ignored (UTC always, in requests and responses)',
    hooks: { request: withoutHeader('so-timezone') },
  },
  {
    name: 'ignore-so-language',
    clause: 'LANG-SO',
    description: '`SO-Language` ignored; `Accept-Language` decides',
    hooks: { request: withoutHeader('so-language') },
  },
  {
    name: 'patch-404-as-200',
    clause: 'PATCH-404',
    description: 'PATCH of an unknown id creates the session from the seed template and answers 200',
    hooks: { rules: { createOnPatchOfUnknownId: true } },
  },
] as const satisfies ReadonlyArray<Omit<BreakingMode, 'kind'>>;

const FACTS = 'FACTS.md, "Checked against the published definitions"';

const benignModes = [
  {
    name: 'newer-version-properties',
    description: 'entities carry ExtraFields and CustomFields, at the top and in User/TransferTo',
    varies: 'more properties than the 31, as a newer API version writes',
    source: `${FACTS}: "more properties (newer versions)"; the published Associate has ExtraFields, CustomFields`,
    hooks: { body: vary.withNewerProperties },
  },
  {
    name: 'reordered-properties',
    description: 'every object in an entity answer has its properties in reverse order',
    varies: 'property order',
    source: `${FACTS}: "other property order"; RFC 8259: an object is an unordered collection`,
    hooks: { body: (body) => vary.reversed(body) as Record<string, unknown> },
  },
  {
    name: 'more-links',
    description: '`_Links` also has Messages and Transcript',
    varies: 'more named links',
    source: `${FACTS}: "more _Links"; the published _Links is a map of strings`,
    hooks: { body: vary.withMoreLinks },
  },
  {
    name: 'masks-as-lists',
    description:
      "rights masks as lists: 'Select, Update, Insert, Delete' for FULL, 'Update, UIHintMandatory' for Update",
    varies: 'masks as lists of ETableRight / EFieldRight names rather than one name',
    source: `${FACTS}: captured answers show both single names and lists`,
    hooks: { body: vary.withMaskLists },
  },
  {
    name: 'dates-with-offset',
    description: 'date-times written with their offset (`+00:00` without SO-TimeZone), the unset date too',
    varies: 'date-times with an offset',
    source: 'FACTS.md: the doc samples carry offsets, real answers none; SO-TimeZone ", includeTZOffset"',
    hooks: {
      request: (view) => ({
        ...view,
        headers: { ...view.headers, 'so-timezone': vary.askingForOffsets(view.headers['so-timezone']) },
      }),
    },
  },
  {
    name: 'other-error-texts',
    description: 'other ErrorType names (404 keeps SoNotFoundException), other ErrorMessage texts and ErrorSource',
    varies: 'error texts and ErrorType names',
    source: `${FACTS}: only the 404 body is documented; "check Error: true and a message, never a type name"`,
    hooks: { error: vary.withOtherErrorTexts },
  },
  {
    name: 'pretty-json',
    description: 'JSON bodies indented with two spaces',
    varies: 'insignificant whitespace in JSON',
    source: 'RFC 8259 section 2: whitespace is allowed before or after any structural character',
    hooks: { text: (text, format) => (format.kind === 'json' && text !== '' ? vary.indentedJson(text) : text) },
  },
  {
    name: 'xml-datacontract',
    description: 'XML with a default namespace, `xmlns:i` for nil, indented, as .NET DataContractSerializer writes',
    varies: 'namespace declarations, prefixes and indentation in XML',
    source: 'Namespaces in XML 1.0 (a prefix is a local alias); FACTS.md: the only XML sample is a bare element',
    hooks: { text: (text, format) => (format.kind === 'xml' ? vary.asDataContractXml(text) : text) },
  },
  {
    name: 'xml-root-entity',
    description: 'a ChatSessionEntityWithLinks answer in XML has the root element <ChatSessionEntity>',
    varies: 'the XML root element name',
    source: 'FACTS.md: "a ChatSession is inferred to be <ChatSessionEntity> (or <ChatSessionEntityWithLinks>)"',
    hooks: { rules: { withLinksXmlRoot: 'ChatSessionEntity' } },
  },
  {
    name: 'extra-headers',
    description: 'Server, X-Powered-By, X-Request-Id, Cache-Control and two Set-Cookie headers on every answer',
    varies: 'extra headers and cookies',
    source: `${FACTS}: "extra headers (Server, Set-Cookie)"; RFC 9110: unknown fields are ignored`,
    hooks: { send: vary.withExtraHeaders },
  },
  {
    name: 'content-type-parameters',
    description: "Content-Type with other parameters: 'application/json; odata.metadata=minimal; charset=UTF-8'",
    varies: 'media type parameters and their case',
    source: 'RFC 9110 section 8.3.1: parameters, and the case-insensitive charset value',
    hooks: { send: vary.withContentTypeParameters },
  },
  {
    name: 'no-last-modified',
    description: 'no Last-Modified header (If-Unmodified-Since is still honoured)',
    varies: 'no Last-Modified',
    source: `${FACTS}: "no Last-Modified"; ChatSessionEntity has no last-modified property`,
    hooks: { send: vary.withoutLastModified },
  },
  {
    name: 'gzip',
    description: 'bodies gzip-compressed (Content-Encoding: gzip) when Accept-Encoding allows gzip',
    varies: 'content coding',
    source: `${FACTS}: "gzip-compressed bodies"; RFC 9110 section 8.4 and 12.5.3`,
    hooks: { send: vary.gzipped },
  },
  {
    name: 'chunked',
    description: 'bodies streamed in chunks: Transfer-Encoding: chunked, no Content-Length',
    varies: 'message framing',
    source: `${FACTS}: "chunked ... bodies"; RFC 9112 section 7.1`,
    hooks: { send: vary.chunked },
  },
  {
    name: 'put-ignores-if-unmodified-since',
    description: 'PUT ignores If-Unmodified-Since (PATCH still answers 412)',
    varies: "the tenant's choice on PUT with If-Unmodified-Since (default: 412, as PATCH)",
    source: `${FACTS}: "a real tenant may ignore it on PUT"; the published PUT lists 200 and 400 only`,
    hooks: { rules: { ifUnmodifiedSinceOnPut: false } },
  },
  {
    name: 'put-unknown-id-400',
    description: 'PUT to an id that does not exist answers 400 (default: 404)',
    varies: "the tenant's choice on PUT to an unknown id",
    source: `${FACTS}: "PUT 200 and 400 only ... PUT-404 ... a guess"`,
    hooks: { rules: { putUnknownIdStatus: 400 } },
  },
  {
    name: 'transfer-unknown-associate-unchanged',
    description: 'TransferTo an unknown associate answers 200 with the session unchanged (default: 400)',
    varies: "the tenant's choice on TransferTo an unknown associate",
    source: `${FACTS}: "REST TransferTo 200 only"; the TransferTo page: it "asks to send" the session`,
    hooks: { rules: { unknownAssociate: 'ignore' } },
  },
] as const satisfies ReadonlyArray<Omit<BenignMode, 'kind'>>;

/** The breaking modes' names: each makes a suite fail, naming its clause. */
export type DeviationName = (typeof breakingModes)[number]['name'];
export type BenignDeviationName = (typeof benignModes)[number]['name'];
/** Any mode's name, as TENANT_DEVIATIONS and the admin API take it. */
export type ModeName = DeviationName | BenignDeviationName;

/** Every mode, breaking first, in the order their hooks run. */
export const deviationModes: readonly DeviationMode[] = [
  ...breakingModes.map((m): BreakingMode => ({ ...m, kind: 'breaking' })),
  ...benignModes.map((m): BenignMode => ({ ...m, kind: 'benign' })),
];
export const deviationNames: readonly DeviationName[] = breakingModes.map((m) => m.name);
export const benignDeviationNames: readonly BenignDeviationName[] = benignModes.map((m) => m.name);
export const modeNames: readonly ModeName[] = [...deviationNames, ...benignDeviationNames];

/** The clause each breaking mode breaks (for READMEs, reports and the admin state). */
export const deviationClauses: Readonly<Record<DeviationName, string>> = Object.fromEntries(
  breakingModes.map((m) => [m.name, m.clause]),
) as Record<DeviationName, string>;

/** Every mode as plain data (no hooks): what a test, a report or a README table needs. */
export const deviationTable: ReadonlyArray<Omit<BreakingMode, 'hooks'> | Omit<BenignMode, 'hooks'>> =
  deviationModes.map(({ hooks: _hooks, ...info }) => info);

export function isModeName(name: unknown): name is ModeName {
  return typeof name === 'string' && (modeNames as readonly string[]).includes(name);
}

/** Checks a list of names; throws naming the unknown ones and the known ones. */
export function parseDeviations(names: unknown, source = 'deviations'): ModeName[] {
  if (!Array.isArray(names)) throw new Error(`${source} must be a list of deviation names`);
  const unknown = names.filter((n) => !isModeName(n));
  if (unknown.length)
    throw new Error(
      `${source}: unknown deviation(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')}; ` +
        `known: ${modeNames.join(', ')}`,
    );
  return [...new Set(names as ModeName[])];
}

/** The hooks of the named modes, composed in the registry's order. */
export function activate(names: readonly ModeName[]): ActiveHooks {
  const on = deviationModes.filter((m) => names.includes(m.name as ModeName));
  return new ActiveHooks(
    on.map((m) => m.name),
    on.map((m) => m.hooks),
  );
}
