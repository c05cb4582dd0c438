/**
 * Stage "tenant up": is the tenant under test there, and does it accept our credentials? For an
 * Online host, is the tenant Running? Each failure is a reason the run cannot be made (exit 2),
 * with what to do about it.
 */
import { ChatSessionClient } from '../../lib/client.ts';
import type { Config } from '../../lib/config.ts';
import type { Run } from '../../lib/run.ts';

export interface Preflight {
  ok: boolean;
  /** One line: what was found. */
  detail: string;
  /** When not ok: what to do. */
  hint?: string;
}

const onlineHost = /^(sod|qaonline|online)\.superoffice\.com$/i;

/** The Online tenant status URL for `https://{env}.superoffice.com/CustNNNN`, or undefined. */
export function tenantStatusUrl(tenantUrl: string): string | undefined {
  const url = new URL(tenantUrl);
  const cust = /^\/(Cust\d+)/i.exec(url.pathname)?.[1];
  return onlineHost.test(url.hostname) && cust ? `${url.origin}/api/state/${cust}` : undefined;
}

/** Probes the Run's tenant (the embedded one the run started, or the live one) with the run's credentials. */
export async function checkTenant(run: Run, fetchFn: typeof fetch = fetch): Promise<Preflight> {
  const { config, tenant } = run;
  if (tenant.kind === 'embedded') return probe(tenant.baseUrl, config, fetchFn, 'embedded tenant');
  const url = tenant.baseUrl;
  const statusUrl = tenantStatusUrl(url);
  if (statusUrl) {
    const state = await fetchFn(statusUrl, { signal: AbortSignal.timeout(15_000) })
      .then(async (r) => ((await r.json()) as { State?: string }).State)
      .catch((err: Error) => `unknown (${err.message})`);
    if (state !== 'Running')
      return {
        ok: false,
        detail: `tenant status at ${statusUrl} is ${state}, not Running`,
        hint: 'wait until the tenant is Running (maintenance, suspended?) and run again',
      };
  }
  return probe(url, config, fetchFn, new URL(url).host);
}

async function probe(baseUrl: string, config: Config, fetchFn: typeof fetch, name: string): Promise<Preflight> {
  const client = new ChatSessionClient({
    baseUrl,
    auth: config.auth,
    appToken: config.appToken,
    timeoutMs: 15_000,
    fetch: fetchFn,
  });
  let status: number;
  try {
    status = (await client.getDefault()).status;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return {
      ok: false,
      detail: `${name} is unreachable: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
      hint: 'check TENANT_URL (base URL, no /api/v1) and that the tenant is up and reachable from here',
    };
  }
  if (status === 401 || status === 403)
    return {
      ok: false,
      detail: `${name} refused the credentials (${status}) for AUTH_SCHEME=${config.auth.scheme}`,
      hint: 'check the credentials for that scheme in .env or the environment (see .env.example)',
    };
  if (status === 421)
    return {
      ok: false,
      detail: `${name} answered 421: this host does not serve that tenant`,
      hint: "use the tenant's own numbered host from its tenant status Endpoint",
    };
  if (status >= 500)
    return {
      ok: false,
      detail: `${name} answered ${status} to GET /api/v1/ChatSession/default`,
      hint: 'the tenant is failing; try again later or ask its operator',
    };
  const scheme = config.auth.scheme;
  return {
    ok: true,
    detail: `${name} is up and accepts ${scheme} credentials (GET /api/v1/ChatSession/default -> ${status})`,
  };
}
