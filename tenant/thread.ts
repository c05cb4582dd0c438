/**
 * The embedded tenant on a thread of its own (worker_threads): the main job starts it once, on
 * 127.0.0.1 and a port the system chooses, and hands its URL to every stage. Its own event loop
 * keeps the tenant's work off the main job's (the in-process load engine's timing), and a worker
 * dies with its process, so not even a SIGKILL leaves a tenant behind. Controlled over its admin
 * API (`X-Admin-Token`), like any tenant the harness did not start in-process.
 */
import { Worker } from 'node:worker_threads';
import type { StartOptions } from './start.ts';

export interface TenantThread {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly adminToken: string;
  /** Stops the tenant and its thread. */
  close(): Promise<void>;
}

type Reply = { url: string; adminToken: string } | { error: string; name: string };

/** Starts the tenant on a worker thread; rejects with the tenant's own error (a bad TENANT_* value). */
export function startTenantThread(options: Omit<StartOptions, 'port'> = {}): Promise<TenantThread> {
  const entry = new URL('./thread-worker.ts', import.meta.url).href;
  // A worker's entry module is loaded before any --import hook runs in it, so it registers tsx itself.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { ...options, port: 0 } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the tenant thread exited (${code}) before it listened`)));
    worker.once('message', (reply: Reply) => {
      worker.removeAllListeners('exit');
      if ('error' in reply) {
        const err = new Error(reply.error);
        err.name = reply.name;
        void worker.terminate();
        return reject(err);
      }
      resolve({
        ...reply,
        close: async () => {
          const exited = new Promise<void>((done) => worker.once('exit', () => done()));
          worker.postMessage('close');
          await Promise.race([exited, new Promise<void>((done) => setTimeout(done, 5000).unref())]);
          await worker.terminate();
        },
      });
    });
  });
}
