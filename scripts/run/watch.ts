/**
 * Watches a live tenant while a stage runs: when it stops answering (two probes in a row fail
 * to connect), the stage is stopped and the run reports that the tenant went away, instead of
 * grinding through every remaining check against a dead host.
 */
export interface TenantWatch {
  stop(): void;
  /** Why the tenant was declared gone, or undefined while it answers. */
  lost(): string | undefined;
}

export function watchTenant(baseUrl: string, onLost: (reason: string) => void, everyMs = 3000): TenantWatch {
  let failures = 0;
  let reason: string | undefined;
  const url = `${baseUrl}/api/v1/ChatSession/default`;
  const timer = setInterval(() => {
    fetch(url, { method: 'GET', signal: AbortSignal.timeout(everyMs) })
      .then(async (res) => {
        await res.arrayBuffer();
        failures = 0; // any HTTP answer, even 401, means the tenant is there
      })
      .catch((err: Error & { cause?: { code?: string } }) => {
        failures += 1;
        if (failures >= 2 && reason === undefined) {
          reason = `the tenant stopped answering (${err.cause?.code ?? err.name})`;
          onLost(reason);
        }
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), lost: () => reason };
}
