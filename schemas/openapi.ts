/**
 * The OpenAPI 3.1 document of the ChatSession API as this harness checks it: the operations table
 * (openapi-operations.ts) over components translated from `schemas/*.json` (openapi-components.ts).
 * The embedded tenant serves it at `GET /openapi.json`; `writeOpenApiDocument()` puts it in the
 * reports folder. Extensions: `x-source` on each response says whether a reference page, FACTS.md
 * or only the reference tenant stands behind the status code; `x-clauses` names clause IDs.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mediaTypes, type MediaType } from '../lib/headers.ts';
import {
  bodyVariant,
  jsonPatchVariant,
  mergePatchVariant,
  ref,
  schemaComponents,
  selectedVariant,
  textSafe,
  type JsonSchema,
} from './openapi-components.ts';
import { operations, type BodyKind, type OperationSpec, type ParameterName } from './openapi-operations.ts';

export { operations } from './openapi-operations.ts';

const text = { type: 'string' };
const headerParam = (name: string, description: string) => ({ name, in: 'header', description, schema: text });
const convertLanguage = 'Convert string references and multi-language values into a specified language (iso2) code.';

/**
 * Parameters as the pages word them. `int32` is the common.json schema inlined with OpenAPI's
 * `format: int32`, so tools that read parameter schemas without resolving `$ref`s still see an integer.
 */
const parametersFor = (int32: JsonSchema): Record<ParameterName, JsonSchema> => ({
  id: { name: 'id', in: 'path', required: true, description: 'The ChatSessionEntity id.', schema: int32 },
  chatSessionId: {
    name: 'chatSessionId',
    in: 'path',
    required: true,
    description: 'id of the chat session to send',
    schema: int32,
  },
  toAssociate: {
    name: 'toAssociate',
    in: 'path',
    required: true,
    description: 'Associate username or associate id to send session to.',
    schema: { type: 'string', minLength: 1 },
  },
  chatSessionEntityId: {
    name: 'chatSessionEntityId',
    in: 'query',
    required: true,
    description: 'Id of the ChatSessionEntity.',
    schema: int32,
  },
  select: {
    name: '$select',
    in: 'query',
    description:
      'Optional comma separated list of properties to include in the result. ' +
      'Other fields are then nulled out to reduce payload size: "Name,department,category". Default = show all fields.',
    schema: text,
  },
  AcceptLanguage: headerParam('Accept-Language', convertLanguage),
  SoLanguage: headerParam('SO-Language', `${convertLanguage} Overrides Accept-Language value.`),
  SoCulture: headerParam(
    'SO-Culture',
    'Number, date formatting in a specified culture (iso2 language) code. ' +
      'Partially overrides SO-Language/Accept-Language value. Ignored if no Language set.',
  ),
  SoTimeZone: headerParam(
    'SO-TimeZone',
    'Specify the timezone code that you would like date/time responses converted to.',
  ),
  SoAppToken: headerParam(
    'SO-AppToken',
    'The application token that identifies the partner app. Used when calling Online WebAPI from a server.',
  ),
  IfUnmodifiedSince: headerParam(
    'If-Unmodified-Since',
    'An HTTP-date: the update is aborted with 412 when the entity changed after it (PATCH-412).',
  ),
});

const securitySchemes = {
  Basic: { type: 'http', scheme: 'basic', description: 'SuperOffice user name and password (AUTH-BASIC).' },
  SoTicket: {
    type: 'http',
    scheme: 'SoTicket',
    description: 'A SuperOffice ticket: `SoTicket 7T:...` (AUTH-SOTICKET).',
  },
  Bearer: { type: 'http', scheme: 'bearer', description: 'An OAuth access token (AUTH-BEARER).' },
  XsrfToken: { type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN', description: 'Without Authorization (AUTH-XSRF).' },
  XsrfCookie: { type: 'apiKey', in: 'cookie', name: 'XSRF-TOKEN', description: 'Must equal X-XSRF-TOKEN (AUTH-XSRF).' },
};
const security = [{ Basic: [] }, { SoTicket: [] }, { Bearer: [] }, { XsrfToken: [], XsrfCookie: [] }];

/** Every answer type the pages list under Accept (ACCEPT-JSON, ACCEPT-XML, ACCEPT-PATCHTYPES). */
const answerMedia = Object.values(mediaTypes).filter((m) => m !== mediaTypes.form);
const errorMedia = [mediaTypes.json, mediaTypes.textJson, mediaTypes.xml, mediaTypes.textXml];

function bodySchema(kind: BodyKind, selectable: boolean): JsonSchema | undefined {
  const entity = (name: string) => (selectable ? { anyOf: [ref(name), ref(`${name}_Selected`)] } : ref(name));
  switch (kind) {
    case 'Links':
      return entity('ChatSessionEntityWithLinks');
    case 'Entity':
      return entity('ChatSessionEntity');
    case 'EntityOrNull': {
      const e = entity('ChatSessionEntity');
      return { anyOf: [...('anyOf' in e ? (e.anyOf as JsonSchema[]) : [e]), { type: 'null' }] };
    }
    case 'Error':
      return ref('ErrorBody');
    case 'None':
      return undefined;
  }
}

/**
 * A request body per media type: `perMedia` first, then the `_Xml` or `_Form` variant where one
 * exists; form bodies nest carriers as `User[AssociateId]` (deepObject), as the tenant reads them.
 */
function requestBody(body: NonNullable<OperationSpec['body']>, schemas: Record<string, JsonSchema>): JsonSchema {
  const suffix = (m: MediaType) =>
    m === mediaTypes.form ? '_Form' : m === mediaTypes.xml || m === mediaTypes.textXml ? '_Xml' : '';
  const nameFor = (m: MediaType) =>
    body.perMedia?.[m] ?? (`${body.schema}${suffix(m)}` in schemas ? `${body.schema}${suffix(m)}` : body.schema);
  const media = body.media.map((m) => {
    const name = nameFor(m);
    const props = Object.entries((schemas[name]?.properties ?? {}) as Record<string, JsonSchema>);
    const nested = props.filter(([, s]) => s.type === 'object');
    const encoding =
      m === mediaTypes.form && nested.length
        ? { encoding: Object.fromEntries(nested.map(([k]) => [k, { style: 'deepObject', explode: true }])) }
        : {};
    return [m, { schema: ref(name), ...encoding }];
  });
  return { description: body.description, required: body.required, content: Object.fromEntries(media) };
}

const content = (media: readonly MediaType[], schema: (m: MediaType) => JsonSchema) =>
  Object.fromEntries(media.map((m) => [m, { schema: schema(m) }]));

function operationObject(op: OperationSpec, schemas: Record<string, JsonSchema>): JsonSchema {
  const selectable = op.parameters.includes('select');
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, r]) => {
      const schema = bodySchema(r.body, selectable);
      const media = r.body === 'Error' ? errorMedia : answerMedia;
      return [
        status,
        {
          description: r.description,
          'x-source': r.source,
          ...(r.clauses ? { 'x-clauses': r.clauses } : {}),
          ...(status === '401' ? { headers: { 'WWW-Authenticate': { required: true, schema: text } } } : {}),
          ...(schema ? { content: content(media, () => schema) } : {}),
        },
      ];
    }),
  );
  const body = op.body;
  return {
    tags: [op.tag],
    operationId: op.operationId,
    summary: op.summary,
    'x-documented-by': op.documentedBy,
    parameters: op.parameters.map((p) => ({ $ref: `#/components/parameters/${p}` })),
    ...(body ? { requestBody: requestBody(body, schemas) } : {}),
    responses,
  };
}

/**
 * A form body: a form carries name=value pairs only, at least one (an empty form is no body at all,
 * which PUT answers 400: no entity to save), so a field the schema does not name is a name with a
 * scalar value. Without this, a generator may send `{}` or `{"extra": []}`, which a form encoder
 * writes as an empty body: a PUT without an entity, not the valid request it meant to send.
 */
function formBody(body: JsonSchema): JsonSchema {
  const scalar = ['string', 'number', 'boolean'].map((type) => ({ type }));
  return { ...body, minProperties: 1, additionalProperties: { anyOf: scalar } };
}

export interface OpenApiOptions {
  /** The base URL to list under `servers` (a tenant's URL without /api/v1); a templated one when absent. */
  serverUrl?: string;
}

/**
 * The whole document, built fresh from the schema files on each call (callers may change it).
 * Throws when a schema file cannot be translated or an operation names a component that does not exist.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): JsonSchema {
  const schemas = schemaComponents();
  for (const name of ['ChatSessionEntity', 'ChatSessionEntityWithLinks'])
    schemas[`${name}_Selected`] = selectedVariant(name, schemas);
  schemas.ChatSessionEntity_Body = bodyVariant('ChatSessionEntity', schemas);
  const textBody = bodyVariant('ChatSessionEntity', schemas, true);
  schemas.ChatSessionEntity_Body_Form = formBody(textBody);
  schemas.ChatSessionEntity_Body_Xml = textSafe(textBody, schemas);
  // The primary key: the path names it, and the reference tenant refuses a patch that changes it.
  const readOnly = ['ChatSessionId'];
  schemas.ChatSessionEntity_JsonPatch = jsonPatchVariant('ChatSessionEntity', schemas, readOnly);
  schemas.ChatSessionEntity_JsonPatch_Xml = textSafe(
    jsonPatchVariant('ChatSessionEntity', schemas, readOnly, { scalarValues: true }),
    schemas,
  );
  for (const name of ['PickUpChatSessionRequest', 'TransferChatSessionRequest'])
    schemas[`${name}_Xml`] = textSafe(ref(name), schemas);
  schemas.ChatSessionEntity_MergePatch = mergePatchVariant('ChatSessionEntity', schemas, readOnly);
  schemas.ChatSessionEntity_Patch = {
    title: 'Patch of ChatSessionEntity',
    description: 'A JSON Patch (RFC 6902) array or a JSON Merge Patch (RFC 7396) object.',
    oneOf: [ref('ChatSessionEntity_JsonPatch'), ref('ChatSessionEntity_MergePatch')],
  };
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, schemas);
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'SuperOffice ChatSession API, as the harness checks it',
      version: 'v1',
      description:
        'Generated from the JSON Schemas in schemas/ and the four reference pages. On each response, `x-source` says ' +
        'who stands behind the status code: `page` (a reference page), `facts` (reference/FACTS.md) or ' +
        "`reference-tenant` (only the embedded reference tenant's choice where the pages are silent; a real tenant " +
        'may answer otherwise). `x-clauses` names clause IDs from reference/CLAUSES.md.',
    },
    servers: [
      options.serverUrl
        ? { url: options.serverUrl }
        : {
            url: '{tenantUrl}',
            description: 'TENANT_URL: the tenant base URL, without /api/v1',
            variables: { tenantUrl: { default: 'https://sod.superoffice.com/Cust12345' } },
          },
    ],
    security,
    tags: [
      { name: 'ChatSession', description: 'REST: /api/v1/ChatSession' },
      { name: 'Agents', description: 'Agents: POST /api/v1/Agents/Chat/<Method>' },
    ],
    paths,
    components: { schemas, parameters: parametersFor({ ...schemas.int32, format: 'int32' }), securitySchemes },
  };
  assertRefsResolve(document);
  return document;
}

/** Every `$ref` in the document points at something in it (a typo in the table fails here, not in a tool). */
function assertRefsResolve(document: JsonSchema): void {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') seen.add(v);
        else walk(v);
      }
    }
  };
  walk(document);
  for (const target of seen) {
    let cur: unknown = document;
    for (const part of target.replace(/^#\//, '').split('/'))
      cur = (cur as Record<string, unknown> | undefined)?.[part];
    if (cur === undefined) throw new Error(`OpenAPI document: $ref "${target}" points at nothing`);
  }
}

/**
 * Writes the document to `<dir>/openapi.json`, whole or not at all (temp file, then rename), and
 * returns the path. For the main job: `writeOpenApiDocument('reports')`.
 */
export function writeOpenApiDocument(dir: string, options: OpenApiOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'openapi.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(buildOpenApiDocument(options), null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  return path;
}
