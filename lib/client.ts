/**
 * A typed client for the ChatSession API: the four documented calls and the neighbours a harness
 * needs to arrange and read back state. Pact consumer tests, provider state handlers and the
 * live-tenant guard all call the API through this, so a URL or header is spelled once.
 */
import type { AuthConfig } from './auth.ts';
import { buildHeaders, mediaTypes, selectQuery, type HeaderOptions } from './headers.ts';
import { withRetryAfter, type RetryPolicy } from './retry.ts';
import { fromXml, toXml } from './xml.ts';

export { retryAfterMs } from './retry.ts';
import type {
  ChatSessionEntity,
  ChatSessionEntityWithLinks,
  JsonPatchDocument,
  MergePatchDocument,
  SchemaName,
} from '../schemas/index.ts';

/**
 * 429 and 503 with Retry-After are waited out (lib/retry.ts: 3 retries, 30 s by default), then
 * the 429/503 is returned for the caller to report.
 */
export interface ClientOptions extends RetryPolicy {
  /** Tenant base URL, without /api/v1. */
  baseUrl: string;
  auth: AuthConfig | null;
  appToken?: string;
  /** Per-request timeout in ms (the official .NET client uses 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface CallOptions extends Partial<Omit<HeaderOptions, 'auth'>> {
  select?: readonly string[];
  /** Overrides the client's credentials for this call (`null`: none). */
  auth?: AuthConfig | null;
  /** Send the body as XML (CT-XML) instead of JSON. */
  xmlBody?: boolean;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON or XML body; `undefined` when the body is empty. */
  body: T;
  text: string;
}

export type Entity = ChatSessionEntity;
export type EntityWithLinks = ChatSessionEntityWithLinks;

export class ChatSessionClient {
  constructor(private readonly options: ClientOptions) {}

  get(id: number, call: CallOptions = {}): Promise<ApiResponse<EntityWithLinks>> {
    return this.send('GET', `/api/v1/ChatSession/${id}`, undefined, call, 'ChatSessionEntityWithLinks');
  }

  getDefault(call: CallOptions = {}): Promise<ApiResponse<Entity>> {
    return this.send('GET', '/api/v1/ChatSession/default', undefined, call, 'ChatSessionEntity');
  }

  /** POST /api/v1/ChatSession: creates (the real API answers 200, not 201). */
  create(entity: Partial<Entity>, call: CallOptions = {}): Promise<ApiResponse<EntityWithLinks>> {
    return this.send('POST', '/api/v1/ChatSession', entity, call, 'ChatSessionEntityWithLinks');
  }

  /** PUT /api/v1/ChatSession/{id} (PUT-200); `undefined` entity sends no body (PUT-400). */
  put(
    id: number | string,
    entity: Partial<Entity> | undefined,
    call: CallOptions = {},
  ): Promise<ApiResponse<EntityWithLinks>> {
    return this.send('PUT', `/api/v1/ChatSession/${id}`, entity, call, 'ChatSessionEntityWithLinks');
  }

  /** PATCH with a JSON Patch array (CT-JSONPATCH) or a merge-patch object (CT-MERGEPATCH). */
  patch(
    id: number,
    changes: JsonPatchDocument | MergePatchDocument,
    call: CallOptions = {},
  ): Promise<ApiResponse<EntityWithLinks>> {
    const contentType = call.contentType ?? (Array.isArray(changes) ? mediaTypes.jsonPatch : mediaTypes.mergePatch);
    return this.send(
      'PATCH',
      `/api/v1/ChatSession/${id}`,
      changes,
      { ...call, contentType },
      'ChatSessionEntityWithLinks',
      'JsonPatchDocument',
    );
  }

  /** POST Agents/Chat/PickUpChatSession: the entity, or `null` when not in the queue (PICK-NULL). */
  pickUp(chatSessionId: number, call: CallOptions = {}): Promise<ApiResponse<Entity | null>> {
    return this.send(
      'POST',
      '/api/v1/Agents/Chat/PickUpChatSession',
      { ChatSessionId: chatSessionId },
      call,
      'ChatSessionEntity',
      'PickUpChatSessionRequest',
    );
  }

  /** POST ChatSession/{id}/TransferTo/{toAssociate}: username or associate id (XFER-TARGET). */
  transferTo(
    chatSessionId: number,
    toAssociate: string | number,
    call: CallOptions = {},
  ): Promise<ApiResponse<Entity>> {
    return this.send(
      'POST',
      `/api/v1/ChatSession/${chatSessionId}/TransferTo/${encodeURIComponent(String(toAssociate))}`,
      undefined,
      call,
      'ChatSessionEntity',
    );
  }

  delete(id: number, call: CallOptions = {}): Promise<ApiResponse<undefined>> {
    return this.send('DELETE', `/api/v1/ChatSession/${id}`, undefined, call, undefined);
  }

  private async send<T>(
    method: string,
    path: string,
    body: unknown,
    call: CallOptions,
    responseSchema: SchemaName | undefined,
    requestSchema: SchemaName = 'ChatSessionEntity',
  ): Promise<ApiResponse<T>> {
    const { select, xmlBody, auth, ...headerOptions } = call;
    const hasBody = body !== undefined;
    const contentType = hasBody
      ? (headerOptions.contentType ?? (xmlBody ? mediaTypes.xml : mediaTypes.json))
      : undefined;
    const headers = buildHeaders({
      ...headerOptions,
      auth: auth === undefined ? this.options.auth : auth,
      appToken: headerOptions.appToken ?? this.options.appToken,
      contentType,
    });
    const payload = !hasBody ? undefined : xmlBody ? toXml(body, requestSchema, requestSchema) : JSON.stringify(body);
    const doFetch = this.options.fetch ?? fetch;
    const url = `${this.options.baseUrl}${path}${selectQuery(select)}`;
    const res = await withRetryAfter(
      url,
      () =>
        doFetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) }),
      (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), discard: () => r.arrayBuffer() }),
      this.options,
    );
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: parseBody(text, res.headers.get('content-type'), res.status >= 400 ? 'ErrorBody' : responseSchema) as T,
      text,
    };
  }
}

/** Parses a response body by its Content-Type: JSON, XML (through the codec) or nothing. */
export function parseBody(text: string, contentType: string | null, schema: SchemaName | undefined): unknown {
  if (text.trim() === '') return undefined;
  if (contentType && /xml/i.test(contentType)) return fromXml(text, schema);
  return JSON.parse(text) as unknown;
}
