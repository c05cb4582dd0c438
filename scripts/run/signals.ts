/**
 * The main job's Ctrl-C: SIGINT and SIGTERM are taken from the first moment (this module is the
 * entry point's first import, so it is evaluated before the heavy ones), recorded once, and told
 * to whoever listens; a signal that came before a listener is told to it when it subscribes. The
 * process never dies of the signal: the run stops its stages, restores a live tenant, writes the
 * report and exits 2, as the README promises.
 */
type Listener = (signal: NodeJS.Signals) => void;

let received: NodeJS.Signals | undefined;
const listeners = new Set<Listener>();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (received) return; // npm forwards the terminal's SIGINT too: one stop is enough
    received = signal;
    for (const listener of listeners) listener(signal);
  });
}

/** Calls `listener` on the first SIGINT/SIGTERM, at once if one has already arrived. */
export function onInterrupt(listener: Listener): void {
  listeners.add(listener);
  if (received) listener(received);
}

/** The signal that stopped the run, if one did. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return received;
}
