/**
 * 405 Method Not Allowed, with `Allow`, for a method a known path does not serve (RFC 9110
 * 15.5.6): Fastify alone answers 404 there, as if the path did not exist. Found by Schemathesis's
 * `unsupported_method` check (TRACE on PickUpChatSession answered 404).
 */
import type { FastifyInstance } from 'fastify';

/**
 * Records every route as it is added (call before adding them) and returns a lookup: the methods
 * served at a concrete path, or undefined when no route has that path. Matching follows the
 * tenant's router options: case-insensitive, a trailing slash ignored.
 */
export function routeMethods(app: FastifyInstance): (url: string) => string[] | undefined {
  const routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  app.addHook('onRoute', (route) => {
    const source = route.url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const pattern = new RegExp(`^${source}/?$`, 'i');
    const existing = routes.find((r) => r.pattern.source === pattern.source);
    const methods = existing?.methods ?? new Set<string>();
    for (const m of [route.method].flat()) methods.add(m.toUpperCase());
    if (!existing) routes.push({ pattern, methods });
  });
  return (url) => {
    const path = url.split('?')[0] ?? '';
    const found = routes.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]);
    return found.length ? [...new Set(found)].sort() : undefined;
  };
}
