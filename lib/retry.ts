/**
 * Polite waiting on 429 and 503 with Retry-After (FACTS: apps "may be throttled"): at most
 * `maxRetries` waits and `retryBudgetMs` of waiting in all, then the last answer is returned for
 * the caller to report. One policy for every HTTP path of the harness (client, API suite).
 */
export interface RetryPolicy {
  /** Default 3. */
  maxRetries?: number;
  /** Default 30 s. */
  retryBudgetMs?: number;
  /** Told of each wait, e.g. to print it. */
  onRetry?: (info: { status: number; waitMs: number; attempt: number; url: string }) => void;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP-date), or undefined. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** One answer as the retry loop needs to see it. */
export interface Answer {
  status: number;
  retryAfter: string | null | undefined;
  /** Frees the connection before waiting. */
  discard: () => Promise<unknown>;
}

/** Sends, and re-sends while the answer is a 429/503 with a Retry-After that fits the budget. */
export async function withRetryAfter<R>(
  url: string,
  send: () => Promise<R>,
  view: (r: R) => Answer,
  policy: RetryPolicy = {},
): Promise<R> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let budget = policy.retryBudgetMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    const { status, retryAfter, discard } = view(answer);
    const wait = status === 429 || status === 503 ? retryAfterMs(retryAfter) : undefined;
    if (wait === undefined || attempt > (policy.maxRetries ?? 3) || wait > budget) return answer;
    await discard();
    policy.onRetry?.({ status, waitMs: wait, attempt, url });
    budget -= wait;
    await sleep(wait);
  }
}
