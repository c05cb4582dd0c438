/** The sample bodies copied verbatim from the four reference pages, with the schema each page names. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir, type SchemaName } from './index.ts';

export const referenceSamples: ReadonlyArray<{ file: string; schema: SchemaName; page: string }> = [
  { file: 'put-request.json', schema: 'ChatSessionEntity', page: 'PUT ChatSession/{id}' },
  { file: 'put-response.json', schema: 'ChatSessionEntityWithLinks', page: 'PUT ChatSession/{id}' },
  { file: 'patch-request.json', schema: 'JsonPatchDocument', page: 'PATCH ChatSession/{id}' },
  { file: 'patch-response.json', schema: 'ChatSessionEntityWithLinks', page: 'PATCH ChatSession/{id}' },
  { file: 'pickup-request.json', schema: 'PickUpChatSessionRequest', page: 'POST Agents/Chat/PickUpChatSession' },
  { file: 'pickup-response.json', schema: 'ChatSessionEntity', page: 'POST Agents/Chat/PickUpChatSession' },
  {
    file: 'transfer-response.json',
    schema: 'ChatSessionEntity',
    page: 'POST ChatSession/{id}/TransferTo/{toAssociate}',
  },
];

/** A fresh parsed copy of one sample file (callers may change it). */
export function loadSample<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(join(schemasDir, 'samples', file), 'utf8')) as T;
}
