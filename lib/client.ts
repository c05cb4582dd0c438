/**
 * The one HTTP client for the ChatSession API: the four documented calls and the neighbours a harness
 * needs to arrange and read back state. Pact consumer tests, provider state handlers, the API suite
 * (api/support/api.ts), the load runner's setup and the live-tenant guard all call the API through
 * this, so a URL, a header and the `$select` encoding are spelled once. How the bytes travel is a
 * transport (lib/transports.ts): Node's fetch unless told otherwise, or Playwright's request context.
 */
import type { AuthConfig } from './auth.ts';
import { authHeaders, buildHeaders, mediaTypes, type HeaderOptions } from './headers.ts';
import { withRetryAfter, type RetryPolicy } from './retry.ts';
import { fetchTransport, type Transport, type WireRequest } from './transports.ts';
import { fromXml, toXml } from './xml.ts';
import type {
  ChatSessionEntity,
  ChatSessionEntityWithLinks,
  JsonPatchDocument,
  MergePatchDocument,
  SchemaName,
} from '../schemas/index.ts';

export { retryAfterMs } from './retry.ts';

export type Entity = ChatSessionEntity;
export type EntityWithLinks = ChatSessionEntityWithLinks;

/** One call as a failed test's attachment shows it: never a request header. */
export interface LoggedCall {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/**
 * 429 and 503 with Retry-After are waited out (lib/retry.ts: 3 retries, 30 s by default), then
 * the 429/503 is returned for the caller to report.
 */
export interface ClientOptions extends RetryPolicy {
  /** Tenant base URL, without /api/v1. */
  baseUrl: string;
  /** Credentials for every call (`null`: none; a call may override them). */
  auth: AuthConfig | null;
  appToken?: string;
  /** Raw headers sent with every call, after the built ones (e.g. credentials already as headers). */
  headers?: Record<string, string>;
  /** Per-request timeout in ms (the official .NET client uses 30 s). */
  timeoutMs?: number;
  /** How requests travel (lib/transports.ts); default fetchTransport(fetch). */
  transport?: Transport;
  /** The default transport's fetch (not with `transport`). */
  fetch?: typeof fetch;
  /** Where each answer is recorded (method, URL, status, the start of the body). */
  log?: LoggedCall[];
}

export interface CallOptions extends Partial<Omit<HeaderOptions, 'auth'>> {
  /** `$select` as a list (joined with commas) or as one value (sent as given, e.g. in odd case). */
  select?: readonly string[] | string;
  /** Overrides the client's credentials for this call (`null`: none). */
  auth?: AuthConfig | null;
  /** How to write the request body: JSON (default), XML (CT-XML) or a form (CT-FORM); a string goes as it is. */
  encoding?: 'json' | 'xml' | 'form';
  /** Raw headers added last (e.g. a deliberately wrong credential). */
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  /** Lower-cased names; Set-Cookie one cookie per line. */
  headers: Record<string, string>;
  /** The Content-Type header, '' when there is none. */
  contentType: string;
  /**
   * The body parsed by its Content-Type (JSON, or XML through lib/xml.ts); the text when it is
   * neither or does not parse; `undefined` when empty.
   */
  body: T;
  text: string;
}

/**
 * `?$select=a,b/c`, or '' for no (or an empty) list. Each name is percent-encoded except `,` and
 * `/`, which stay as the pages write them (`$select=name,department,category/id`): RFC 3986 §3.4
 * allows `/` in a query, so `category/id` and `category%2Fid` mean the same to a server.
 */
export function selectQuery(select: CallOptions['select']): string {
  if (select === undefined || (typeof select !== 'string' && select.length === 0)) return '';
  const value = typeof select === 'string' ? select : select.join(',');
  return `?$select=${encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/')}`;
}

export class ChatSessionClient {
  private readonly transport: Transport;

  constructor(private readonly options: ClientOptions) {
    if (options.transport && options.fetch) throw new Error('ChatSessionClient: give `transport` or `fetch`, not both');
    this.transport = options.transport ?? fetchTransport(options.fetch);
  }

  get(id: number, call: CallOptions = {}): Promise<ApiResponse<EntityWithLinks>> {
    return this.send('GET', `/api/v1/ChatSession/${id}`, undefined, call, 'ChatSessionEntityWithLinks');
  }

  getDefault(call: CallOptions = {}): Promise<ApiResponse<Entity>> {
    return this.send('GET', '/api/v1/ChatSession/default', undefined, call, 'ChatSessionEntity');
  }

  /** POST /api/v1/ChatSession: creates (FACTS: the real API answers 200, not 201). */
  create(entity: Partial<Entity>, call: CallOptions = {}): Promise<ApiResponse<EntityWithLinks>> {
    const schema = 'ChatSessionEntityWithLinks';
    return this.send('POST', '/api/v1/ChatSession', entity, call, schema, 'ChatSessionEntity');
  }

  /** PUT /api/v1/ChatSession/{id} (PUT-200); `undefined` entity sends no body (PUT-400). */
  put(
    id: number | string,
    entity: Partial<Entity> | undefined,
    call: CallOptions = {},
  ): Promise<ApiResponse<EntityWithLinks>> {
    const path = `/api/v1/ChatSession/${id}`;
    return this.send('PUT', path, entity, call, 'ChatSessionEntityWithLinks', 'ChatSessionEntity');
  }

  /** PATCH with a JSON Patch array (CT-JSONPATCH) or a merge-patch object (CT-MERGEPATCH). */
  patch(
    id: number,
    changes: JsonPatchDocument | MergePatchDocument | unknown[],
    call: CallOptions = {},
  ): Promise<ApiResponse<EntityWithLinks>> {
    const isPatch = Array.isArray(changes);
    const byEncoding = call.encoding === 'xml' ? mediaTypes.xml : undefined;
    const contentType = call.contentType ?? byEncoding ?? (isPatch ? mediaTypes.jsonPatch : mediaTypes.mergePatch);
    const requestSchema = isPatch ? 'JsonPatchDocument' : 'MergePatchDocument';
    const path = `/api/v1/ChatSession/${id}`;
    return this.send('PATCH', path, changes, { ...call, contentType }, 'ChatSessionEntityWithLinks', requestSchema);
  }

  /** POST Agents/Chat/PickUpChatSession: the entity, or `null` when not in the queue (PICK-NULL). */
  pickUp(chatSessionId: number, call: CallOptions = {}): Promise<ApiResponse<Entity | null>> {
    const path = '/api/v1/Agents/Chat/PickUpChatSession';
    const body = { ChatSessionId: chatSessionId };
    return this.send('POST', path, body, call, 'ChatSessionEntity', 'PickUpChatSessionRequest');
  }

  /** POST ChatSession/{id}/TransferTo/{toAssociate}: username or associate id (XFER-TARGET). */
  transferTo(
    chatSessionId: number,
    toAssociate: string | number,
    call: CallOptions = {},
  ): Promise<ApiResponse<Entity>> {
    const path = `/api/v1/ChatSession/${chatSessionId}/TransferTo/${encodeURIComponent(String(toAssociate))}`;
    return this.send('POST', path, undefined, call, 'ChatSessionEntity');
  }

  delete(id: number, call: CallOptions = {}): Promise<ApiResponse<undefined>> {
    return this.send('DELETE', `/api/v1/ChatSession/${id}`, undefined, call, undefined);
  }

  /**
   * Any request, for what the typed calls do not cover (a non-integer id, a malformed body): a
   * string body goes as it is, with the Content-Type the call names.
   */
  async send<T>(
    method: string,
    path: string,
    body: unknown,
    call: CallOptions,
    responseSchema: SchemaName | undefined,
    requestSchema?: SchemaName,
  ): Promise<ApiResponse<T>> {
    const { select, encoding = 'json', auth, headers: extra, ...headerOptions } = call;
    const hasBody = body !== undefined;
    const contentType = hasBody ? (headerOptions.contentType ?? contentTypes[encoding]) : headerOptions.contentType;
    const headers = {
      ...authHeaders(auth === undefined ? this.options.auth : auth),
      ...this.options.headers,
      ...buildHeaders({
        ...headerOptions,
        auth: null,
        appToken: headerOptions.appToken ?? this.options.appToken,
        contentType,
      }),
      ...extra,
    };
    const request: WireRequest = {
      method,
      url: `${this.options.baseUrl}${path}${selectQuery(select)}`,
      headers,
      body: hasBody ? encode(body, encoding, requestSchema) : undefined,
      timeoutMs: this.options.timeoutMs ?? 30_000,
    };
    const res = await withRetryAfter(
      request.url,
      () => this.transport(request),
      (r) => ({ status: r.status, retryAfter: r.headers['retry-after'], discard: async () => undefined }),
      this.options,
    );
    const type = res.headers['content-type'] ?? '';
    this.options.log?.push({
      method,
      url: request.url,
      status: res.status,
      contentType: type,
      body: res.text.slice(0, 2000),
    });
    const schema = res.status >= 400 ? 'ErrorBody' : responseSchema;
    return {
      status: res.status,
      headers: res.headers,
      contentType: type,
      text: res.text,
      body: parse(res.text, type, schema) as T,
    };
  }
}

const contentTypes = { json: mediaTypes.json, xml: mediaTypes.xml, form: mediaTypes.form } as const;

function encode(body: unknown, encoding: 'json' | 'xml' | 'form', schema: SchemaName | undefined): string {
  if (typeof body === 'string') return body;
  if (encoding === 'xml') return toXml(body, schema ?? 'ChatSessionEntity', schema);
  if (encoding === 'form') {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (v !== null && typeof v !== 'object') form.set(k, String(v));
    }
    return form.toString();
  }
  return JSON.stringify(body);
}

/** JSON for any `json` media type, XML through the shared codec; a body that does not parse stays text. */
function parse(text: string, contentType: string, schema: SchemaName | undefined): unknown {
  if (text.trim() === '') return undefined;
  try {
    if (/xml/i.test(contentType)) return fromXml(text, schema);
    if (/json/i.test(contentType)) return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
  return text;
}
