/** Versions of the harness and its tools, for the report's footer. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'not installed';
  }
}

export function toolVersions(): Record<string, string> {
  const stamp = join(root, '.tools', 'k6.stamp');
  const k6 = existsSync(stamp)
    ? (/^K6_VERSION=(.+)$/m.exec(readFileSync(stamp, 'utf8'))?.[1] ?? 'unknown')
    : process.env.K6_BIN
      ? `K6_BIN (${process.env.K6_BIN})`
      : 'not built';
  return {
    harness: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    node: process.version,
    k6,
    '@pact-foundation/pact': packageVersion('@pact-foundation/pact'),
    '@playwright/test': packageVersion('@playwright/test'),
    fastify: packageVersion('fastify'),
    ajv: packageVersion('ajv'),
  };
}
