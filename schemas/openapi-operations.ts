/**
 * The operations the OpenAPI document describes: the four documented endpoints and the
 * neighbours the harness uses, as the reference pages (and, for neighbours, FACTS.md and
 * SuperOffice's published definitions) give them. Only paths, parameters, media types and status
 * codes live here; every body shape is a component built from `schemas/*.json`.
 */
import { mediaTypes, type MediaType } from '../lib/headers.ts';

/** Where a status code comes from: a reference page, FACTS.md, or only the reference tenant's choice. */
export type StatusSource = 'page' | 'facts' | 'reference-tenant';

/** What a response carries; `Links`/`Entity` follow `$select` when the operation takes it. */
export type BodyKind = 'Links' | 'Entity' | 'EntityOrNull' | 'Error' | 'None';

export interface ResponseSpec {
  description: string;
  body: BodyKind;
  source: StatusSource;
  /** Clause IDs from reference/CLAUSES.md this answer belongs to. */
  clauses?: string[];
}

export type ParameterName =
  | 'id'
  | 'chatSessionId'
  | 'toAssociate'
  | 'chatSessionEntityId'
  | 'select'
  | 'AcceptLanguage'
  | 'SoLanguage'
  | 'SoCulture'
  | 'SoTimeZone'
  | 'SoAppToken'
  | 'IfUnmodifiedSince';

export interface OperationSpec {
  method: 'get' | 'put' | 'patch' | 'post' | 'delete';
  path: string;
  /** SuperOffice's own operationId where its published definitions have one. */
  operationId: string;
  summary: string;
  /** `page`: one of the four reference pages; `facts`: a neighbour documented in FACTS.md. */
  documentedBy: string;
  tag: 'ChatSession' | 'Agents';
  parameters: ParameterName[];
  body?: {
    /** Component name of the body; `perMedia` overrides it for some media types. */
    schema: string;
    perMedia?: Partial<Record<MediaType, string>>;
    media: readonly MediaType[];
    description: string;
    required: boolean;
  };
  responses: Record<string, ResponseSpec>;
}

const all = Object.values(mediaTypes);
/** The request body types every page lists in its Content-Type row (CT-JSON, CT-XML, CT-FORM). */
const entityMedia = all;
/** PATCH reads JSON Patch or merge patch, as JSON, JSON Patch, merge patch or XML; never a form (CT-FORM). */
const patchMedia = all.filter((m) => m !== mediaTypes.form);
const headers: ParameterName[] = ['AcceptLanguage', 'SoLanguage', 'SoCulture', 'SoTimeZone', 'SoAppToken'];

/** A required request body in every type the pages list (CT-JSON, CT-XML, CT-FORM). */
const requiredBody = (schema: string, description: string): OperationSpec['body'] => ({
  schema,
  media: entityMedia,
  description,
  required: true,
});

const unauthorized: ResponseSpec = {
  description: 'No credentials, or bad ones: refused with a WWW-Authenticate challenge (FACTS.md).',
  body: 'Error',
  source: 'facts',
  clauses: ['AUTH-NONE'],
};
const badInput = (what: string): ResponseSpec => ({
  description: `The reference tenant's answer to ${what}; the pages do not say which code a real tenant gives.`,
  body: 'Error',
  source: 'reference-tenant',
});

const REST = '/api/v1/ChatSession';
const AGENTS = '/api/v1/Agents/Chat';

/** An operation on one ChatSessionEntity by its id: `${REST}/{id}`, under the ChatSession tag. */
const onEntity = (
  method: OperationSpec['method'],
  { operationId, summary, documentedBy, ...rest }: Omit<OperationSpec, 'method' | 'path' | 'tag'>,
): OperationSpec => ({ method, path: `${REST}/{id}`, operationId, summary, documentedBy, tag: 'ChatSession', ...rest });

export const operations: readonly OperationSpec[] = [
  onEntity('put', {
    operationId: 'v1ChatSessionEntity_PutChatSessionEntity',
    summary: 'Updates the existing ChatSessionEntity. NsApiSlow threshold: 5000 ms.',
    documentedBy: 'PUT ChatSession/{id} page',
    parameters: ['id', 'select', ...headers],
    body: requiredBody('ChatSessionEntity_Body', 'The ChatSessionEntity to be saved.'),
    responses: {
      200: { description: 'ChatSessionEntity updated.', body: 'Links', source: 'page', clauses: ['PUT-200'] },
      400: {
        description:
          'Bad request. Entity to save is not in request body ' +
          '(the reference tenant also answers 400 for a body or id it cannot read).',
        body: 'Error',
        source: 'page',
        clauses: ['PUT-400', 'PUT-ID'],
      },
      401: unauthorized,
      404: {
        description:
          'The reference tenant answers 404 for an id that does not exist, as PATCH documents; the PUT page is silent.',
        body: 'Error',
        source: 'reference-tenant',
        clauses: ['PUT-404'],
      },
    },
  }),
  onEntity('patch', {
    operationId: 'v1ChatSessionEntity_PatchChatSessionEntity',
    summary: 'Update a ChatSessionEntity with changes, as described in a JSON Patch or a JSON Merge Patch document.',
    documentedBy: 'PATCH ChatSession/{id} page',
    parameters: ['id', 'select', ...headers, 'IfUnmodifiedSince'],
    body: {
      schema: 'ChatSessionEntity_Patch',
      // XML carries the JSON Patch list: an XML document cannot tell a merge-patch object from it.
      perMedia: {
        [mediaTypes.jsonPatch]: 'ChatSessionEntity_JsonPatch',
        [mediaTypes.mergePatch]: 'ChatSessionEntity_MergePatch',
        [mediaTypes.xml]: 'ChatSessionEntity_JsonPatch_Xml',
        [mediaTypes.textXml]: 'ChatSessionEntity_JsonPatch_Xml',
      },
      media: patchMedia,
      description:
        'JSON-Patch array of operations+path+value, ' +
        'or a MERGE-PATCH object (which will be converted to a list of JSON-PATCH operations).',
      required: true,
    },
    responses: {
      200: { description: 'ChatSessionEntity updated.', body: 'Links', source: 'page', clauses: ['PATCH-200'] },
      400: badInput('a patch it cannot apply (move, copy, a path to no property, a value of the wrong type)'),
      401: unauthorized,
      404: {
        description: 'ChatSessionEntity with given id does not exist in the db.',
        body: 'Error',
        source: 'page',
        clauses: ['PATCH-404'],
      },
      409: {
        description: "Update blocked because a 'test' operation has detected a conflict with the entity value.",
        body: 'Error',
        source: 'page',
        clauses: ['PATCH-409'],
      },
      412: {
        description:
          'Update aborted because ChatSessionEntity has changed since the requested If-Unmodified-Since timestamp.',
        body: 'Error',
        source: 'page',
        clauses: ['PATCH-412'],
      },
    },
  }),
  {
    method: 'post',
    path: `${AGENTS}/PickUpChatSession`,
    operationId: 'v1ChatAgent_PickUpChatSession',
    summary: "'answer' the session: assign the session to the user. The welcome message is sent to the customer.",
    documentedBy: 'POST Agents/Chat/PickUpChatSession page',
    tag: 'Agents',
    parameters: ['select', ...headers],
    body: requiredBody('PickUpChatSessionRequest', 'ChatSessionId'),
    responses: {
      200: {
        description: "OK: the session, now the caller's; NULL (a body of `null`) if the session was not in the queue.",
        body: 'EntityOrNull',
        source: 'page',
        clauses: ['PICK-200', 'PICK-NULL'],
      },
      400: badInput('a body without a readable ChatSessionId'),
      401: unauthorized,
    },
  },
  {
    method: 'post',
    path: `${REST}/{chatSessionId}/TransferTo/{toAssociate}`,
    operationId: 'v1ChatSessionEntity_TransferChatSession',
    summary:
      'Request to send the session to another user. If the session does not belong to the user, nothing happens.',
    documentedBy: 'POST ChatSession/{chatSessionId}/TransferTo/{toAssociate} page',
    tag: 'ChatSession',
    parameters: ['chatSessionId', 'toAssociate', ...headers],
    responses: {
      200: { description: 'OK', body: 'Entity', source: 'page', clauses: ['XFER-200', 'XFER-NOTOWNER'] },
      400: badInput('an associate it does not know, on a session the caller owns'),
      401: unauthorized,
      404: badInput('a session id that does not exist'),
    },
  },
  onEntity('get', {
    operationId: 'v1ChatSessionEntity_GetChatSessionEntity',
    summary: 'Gets a ChatSessionEntity object.',
    documentedBy: 'FACTS.md (neighbour)',
    parameters: ['id', 'select', ...headers],
    responses: {
      200: { description: 'ChatSessionEntity found.', body: 'Links', source: 'facts' },
      400: badInput('an id that is not an int32'),
      401: unauthorized,
      404: { description: 'Not Found.', body: 'Error', source: 'facts' },
    },
  }),
  onEntity('delete', {
    operationId: 'v1ChatSessionEntity_DeleteChatSessionEntity',
    summary: 'Deletes the ChatSessionEntity.',
    documentedBy: 'FACTS.md (neighbour)',
    parameters: ['id', 'SoAppToken'],
    responses: {
      204: { description: 'ChatSessionEntity deleted.', body: 'None', source: 'facts' },
      400: badInput('an id that is not an int32'),
      401: unauthorized,
      404: badInput('an id that does not exist'),
    },
  }),
  {
    method: 'get',
    path: `${REST}/default`,
    operationId: 'v1ChatSessionEntity_DefaultChatSessionEntity',
    summary: 'Set default values into a new ChatSessionEntity.',
    documentedBy: 'FACTS.md (neighbour)',
    tag: 'ChatSession',
    parameters: headers,
    responses: {
      200: { description: 'OK: a blank entity, without _Links.', body: 'Entity', source: 'facts' },
      401: unauthorized,
    },
  },
  {
    method: 'post',
    path: REST,
    operationId: 'v1ChatSessionEntity_PostChatSessionEntity',
    summary: 'Creates a new ChatSessionEntity (200, not 201).',
    documentedBy: 'FACTS.md (neighbour)',
    tag: 'ChatSession',
    parameters: ['select', ...headers],
    body: requiredBody('ChatSessionEntity_Body', 'The ChatSessionEntity to be saved.'),
    responses: {
      200: { description: 'ChatSessionEntity created.', body: 'Links', source: 'facts' },
      400: badInput('no entity, or one it cannot read'),
      401: unauthorized,
    },
  },
  ...agentNeighbours(),
];

function agentNeighbours(): OperationSpec[] {
  const agent = (
    name: string,
    summary: string,
    rest: Pick<OperationSpec, 'parameters' | 'body' | 'responses'>,
  ): OperationSpec => ({
    method: 'post',
    path: `${AGENTS}/${name}`,
    operationId: `v1ChatAgent_${name}`,
    summary,
    documentedBy: 'FACTS.md (neighbour, Agents)',
    tag: 'Agents',
    ...rest,
  });
  const orNull = (what: string): ResponseSpec => ({
    description: `OK: ${what}; Agents answer \`null\` for "not found" (FACTS.md).`,
    body: 'EntityOrNull',
    source: 'facts',
  });
  return [
    agent('CreateDefaultChatSessionEntity', 'Set default values into a new ChatSessionEntity.', {
      parameters: headers,
      responses: { 200: { description: 'OK: a blank entity.', body: 'Entity', source: 'facts' }, 401: unauthorized },
    }),
    agent('SaveChatSessionEntity', 'Updates the existing ChatSessionEntity or creates a new one (id 0).', {
      parameters: headers,
      body: requiredBody('ChatSessionEntity_Body', 'The ChatSessionEntity to save.'),
      responses: {
        200: orNull('the saved entity'),
        400: badInput('no entity, or one it cannot read'),
        401: unauthorized,
      },
    }),
    agent('GetChatSessionEntity', 'Gets a ChatSessionEntity object.', {
      parameters: ['chatSessionEntityId', 'select', ...headers],
      responses: { 200: orNull('the entity'), 400: badInput('an id that is not an int32'), 401: unauthorized },
    }),
    agent('DeleteChatSessionEntity', 'Deletes the ChatSessionEntity.', {
      parameters: ['chatSessionEntityId', 'SoAppToken'],
      responses: {
        204: { description: 'No Content', body: 'None', source: 'facts' },
        400: badInput('an id that is not an int32'),
        401: unauthorized,
      },
    }),
    agent('TransferChatSession', 'Request to send the session to another user.', {
      parameters: ['select', ...headers],
      body: requiredBody('TransferChatSessionRequest', 'ChatSessionId, ToAssociate'),
      responses: {
        200: orNull('the session'),
        400: badInput('a body it cannot read, or an associate it does not know'),
        401: unauthorized,
      },
    }),
  ];
}
