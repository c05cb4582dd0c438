/**
 * The four documented routes (and the read-back neighbours) over Node's fetch (undici). Credentials
 * come with the Api (the configured user's, or another user's); every other header is built by
 * lib/headers.ts, so a header is spelled in one place. Each call is logged (method, URL, status,
 * the start of the answer; never a request header) so a failed test can show what it saw.
 * Playwright's APIRequestContext did this job at a third of the speed: 30 ms a request against 9
 * ms for fetch on the 2-core machine, which decided whether the deviation proof fits in npm test.
 */
import { buildHeaders, mediaTypes, type HeaderOptions } from '../../lib/headers.ts';
import { fromXml, toXml } from '../../lib/xml.ts';
import type { ChatSessionEntity, JsonPatchDocument, MergePatchDocument, SchemaName } from '../../schemas/index.ts';
import { withRetryAfter } from '../../lib/retry.ts';

export type Entity = ChatSessionEntity;

export interface Call extends Partial<Omit<HeaderOptions, 'auth'>> {
  /** `$select` as a list (joined with commas) or exactly as it should appear in the query. */
  select?: readonly string[] | string;
  /** How to write the request body: JSON (default), XML (CT-XML) or a form (CT-FORM). */
  encoding?: 'json' | 'xml' | 'form';
  /** Raw headers added after the built ones (e.g. a deliberately wrong credential). */
  headers?: Record<string, string>;
}

export interface Reply<T = unknown> {
  status: number;
  /** Lower-cased response headers. */
  headers: Record<string, string>;
  contentType: string;
  text: string;
  /** The body parsed by its Content-Type (JSON, or XML through lib/xml.ts); the text otherwise. */
  body: T;
}

/** The `$select` query string; names keep their case, the separator `/` stays readable. */
export function selectQuery(select: Call['select']): string {
  if (select === undefined) return '';
  const raw = typeof select === 'string' ? select : select.join(',');
  return `?$select=${encodeURIComponent(raw).replace(/%2C/gi, ',').replace(/%2F/gi, '/')}`;
}

/** One call as a failed test's attachment shows it. */
export interface LoggedCall {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface ApiOptions {
  baseURL: string;
  /** Sent with every call: credentials, SO-AppToken. */
  headers: Record<string, string>;
  /** Where each call is recorded (shared by every Api of a test). */
  log?: LoggedCall[];
  timeoutMs?: number;
}

export class Api {
  constructor(private readonly options: ApiOptions) {}

  get(id: number, call: Call = {}): Promise<Reply<Entity>> {
    return this.send('GET', `/api/v1/ChatSession/${id}`, undefined, call, 'ChatSessionEntityWithLinks');
  }

  /** POST /api/v1/ChatSession (FACTS: answers 200). Used to create sessions on a live tenant. */
  create(entity: Partial<Entity>, call: Call = {}): Promise<Reply<Entity>> {
    return this.send('POST', '/api/v1/ChatSession', entity, call, 'ChatSessionEntityWithLinks');
  }

  delete(id: number, call: Call = {}): Promise<Reply> {
    return this.send('DELETE', `/api/v1/ChatSession/${id}`, undefined, call, undefined);
  }

  /** PUT; `undefined` sends no body at all (PUT-400). */
  put(id: number | string, entity: Partial<Entity> | undefined, call: Call = {}): Promise<Reply<Entity>> {
    return this.send(
      'PUT',
      `/api/v1/ChatSession/${id}`,
      entity,
      call,
      'ChatSessionEntityWithLinks',
      'ChatSessionEntity',
    );
  }

  /** PATCH with a JSON Patch array (json-patch+json) or a merge-patch object (merge-patch+json). */
  patch(
    id: number,
    changes: JsonPatchDocument | MergePatchDocument | unknown[],
    call: Call = {},
  ): Promise<Reply<Entity>> {
    const contentType =
      call.contentType ??
      (call.encoding === 'xml'
        ? mediaTypes.xml
        : Array.isArray(changes)
          ? mediaTypes.jsonPatch
          : mediaTypes.mergePatch);
    return this.send(
      'PATCH',
      `/api/v1/ChatSession/${id}`,
      changes,
      { ...call, contentType },
      'ChatSessionEntityWithLinks',
      Array.isArray(changes) ? 'JsonPatchDocument' : 'MergePatchDocument',
    );
  }

  pickUp(chatSessionId: number, call: Call = {}): Promise<Reply<Entity | null>> {
    return this.send(
      'POST',
      '/api/v1/Agents/Chat/PickUpChatSession',
      { ChatSessionId: chatSessionId },
      call,
      'ChatSessionEntity',
      'PickUpChatSessionRequest',
    );
  }

  transferTo(chatSessionId: number, toAssociate: string | number, call: Call = {}): Promise<Reply<Entity>> {
    return this.send(
      'POST',
      `/api/v1/ChatSession/${chatSessionId}/TransferTo/${encodeURIComponent(String(toAssociate))}`,
      undefined,
      call,
      'ChatSessionEntity',
    );
  }

  /** Any request, for the cases the typed calls do not cover (a non-integer id, a raw body). */
  async send<T>(
    method: string,
    path: string,
    body: unknown,
    call: Call,
    responseSchema: SchemaName | undefined,
    requestSchema?: SchemaName,
  ): Promise<Reply<T>> {
    const { select, encoding = 'json', headers: extra, ...options } = call;
    const hasBody = body !== undefined;
    const contentType = hasBody ? (options.contentType ?? defaultContentType[encoding]) : options.contentType;
    const headers = { ...this.options.headers, ...buildHeaders({ ...options, contentType, auth: null }), ...extra };
    const url = `${this.options.baseURL}${path}${selectQuery(select)}`;
    const data = hasBody ? encode(body, encoding, requestSchema) : undefined;
    // A throttled tenant (429/503 + Retry-After) is waited for, then its answer is reported.
    const res = await withRetryAfter(
      url,
      () =>
        fetch(url, {
          method,
          headers,
          body: data,
          redirect: 'follow',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        }),
      (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), discard: () => r.arrayBuffer() }),
    );
    const text = await res.text();
    const resHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => (resHeaders[name] = value));
    // fetch joins repeated headers with ", "; Set-Cookie is kept one per line, as a cookie may hold a comma
    if (res.headers.getSetCookie().length) resHeaders['set-cookie'] = res.headers.getSetCookie().join('\n');
    const ct = resHeaders['content-type'] ?? '';
    this.options.log?.push({ method, url, status: res.status, contentType: ct, body: text.slice(0, 2000) });
    return {
      status: res.status,
      headers: resHeaders,
      contentType: ct,
      text,
      body: parse(text, ct, res.status >= 400 ? 'ErrorBody' : responseSchema) as T,
    };
  }
}

const defaultContentType = { json: mediaTypes.json, xml: mediaTypes.xml, form: mediaTypes.form } as const;

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
