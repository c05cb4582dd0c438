/**
 * Provider verification: replays the pact files against the tenant under test with pact-js's
 * Verifier, arranging provider states through contracts/state-handlers.ts and adding the
 * configured credentials in a request filter (so they are never in a pact, and with the log level
 * at `error` never in a log). Returns one outcome per interaction for reports and tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { ChatSessionClient } from '../lib/client.ts';
import type { AuthConfig, Config } from '../lib/config.ts';
import { authHeaders } from '../lib/headers.ts';
import type { Observation } from '../lib/observed.ts';
import { pactDir } from './consumer.ts';
import { judgeOutcomes } from './judge.ts';
import { embeddedBackend, liveBackend, stateHandlers, type StateBackend } from './state-handlers.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';

/** The tenant to verify against: the embedded one (with its admin API) or a live one. */
export type VerifyTarget =
  { kind: 'embedded'; baseUrl: string; adminToken: string } | { kind: 'live'; baseUrl: string };

export interface VerifyOptions {
  config: Config;
  target: VerifyTarget;
  /** Folder with the pact files; default `<REPORTS_DIR>/pacts`. Ignored when pacts come from a broker. */
  pactDir?: string;
  /** Extra Verifier options (broker selectors, publishing), see contracts/broker.ts. */
  broker?: Partial<VerifierOptions>;
}

export interface InteractionOutcome {
  description: string;
  passed: boolean;
  /** One line per mismatch (`$.Rating -> Expected '3' (String) to be an integer`). */
  mismatches: string[];
  /** When a failure is another clause's than the description names (contracts/judge.ts). */
  failedClauses?: string[];
  /** A live tenant's behaviour where the pages are silent, instead of a failure (contracts/judge.ts). */
  observed?: Observation[];
}

export interface VerificationReport {
  provider: string;
  target: VerifyTarget['kind'];
  passed: number;
  failed: number;
  interactions: InteractionOutcome[];
  /** Problems that belong to no interaction (no pacts, a state handler that threw, ...). */
  problems: string[];
  /** The verifier's own text output, colour codes removed. */
  output: string[];
  /** Ids of sessions created on a live tenant that could not be deleted. */
  leftBehind: number[];
}

interface VerifierJson {
  result?: boolean;
  errors?: Array<{
    interaction?: string;
    mismatch?: { mismatches?: Array<{ mismatch?: string; path?: string }>; message?: string; type?: string };
  }>;
  interactionResults?: Array<{ description?: string; result?: string }>;
  output?: string[];
}

/** The interaction descriptions in these pact files. */
export function interactionsIn(files: readonly string[]): string[] {
  return files.flatMap((f) =>
    ((JSON.parse(readFileSync(f, 'utf8')) as { interactions?: Array<{ description: string }> }).interactions ?? []).map(
      (i) => i.description,
    ),
  );
}

export function pactFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => resolve(dir, f));
  } catch {
    return [];
  }
}

/** Puts the configured credentials on every replayed request, replacing the pact's placeholder. */
export function credentialsFilter(auth: AuthConfig) {
  const headers = Object.entries(authHeaders(auth)).map(([k, v]) => [k.toLowerCase(), v] as const);
  return (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
    delete req.headers.authorization;
    for (const [name, value] of headers) req.headers[name] = value;
    next();
  };
}

/** Runs the verification once. Never throws for a failed interaction; throws when it cannot run. */
export async function verifyPacts(options: VerifyOptions): Promise<VerificationReport> {
  const { config, target } = options;
  const dir = options.pactDir ?? pactDir(config);
  const fromBroker = options.broker?.pactBrokerUrl !== undefined;
  const files = pactFiles(dir);
  if (!fromBroker && files.length === 0) throw new Error(`no pact files in ${dir}: run \`npm run contracts\` first`);

  const backend = backendFor(config, target);
  const verifier = new Verifier({
    provider: config.pact.provider,
    providerBaseUrl: target.baseUrl,
    ...(fromBroker ? {} : { pactUrls: files }),
    stateHandlers: stateHandlers(backend),
    requestFilter: credentialsFilter(config.auth),
    logLevel: 'error',
    timeout: 60_000,
    ...options.broker,
  });
  // The verifier resolves with its JSON result on success and rejects with it as the message on failure.
  const raw = await verifier
    .verifyProvider()
    .catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
  const leftBehind = await backend.cleanup();
  const report = toReport(raw, fromBroker ? [] : interactionsIn(files), config.pact.provider, target.kind, leftBehind);
  const interactions = judgeOutcomes(report.interactions, { target: target.kind, strict: config.strict });
  const failed = interactions.filter((i) => !i.passed).length;
  return { ...report, interactions, failed, passed: interactions.length - failed };
}

function backendFor(config: Config, target: VerifyTarget): StateBackend {
  if (target.kind === 'embedded') return embeddedBackend(target.baseUrl, target.adminToken, config);
  const client = new ChatSessionClient({ baseUrl: target.baseUrl, auth: config.auth, appToken: config.appToken });
  const second = config.secondUser
    ? new ChatSessionClient({ baseUrl: target.baseUrl, auth: config.secondUser, appToken: config.appToken })
    : undefined;
  return liveBackend(client, config, second);
}

// eslint-disable-next-line no-control-regex -- the verifier colours its output with ANSI escapes
const ansi = /\u001b\[[0-9;]*m/g;

/** Turns the verifier's JSON (or a crash message) into one outcome per interaction. */
export function toReport(
  raw: string,
  expected: string[],
  provider: string,
  target: VerifyTarget['kind'],
  leftBehind: number[] = [],
): VerificationReport {
  let json: VerifierJson;
  try {
    json = JSON.parse(raw) as VerifierJson;
  } catch {
    return {
      provider,
      target,
      passed: 0,
      failed: Math.max(expected.length, 1),
      interactions: expected.map((d) => ({ description: d, passed: false, mismatches: ['verification did not run'] })),
      problems: [raw],
      output: [],
      leftBehind,
    };
  }
  const descriptions = [
    ...new Set([...(json.interactionResults ?? []).map((r) => r.description ?? ''), ...expected].filter(Boolean)),
  ];
  const problems: string[] = [];
  const byInteraction = new Map<string, string[]>(descriptions.map((d) => [d, []]));
  for (const error of json.errors ?? []) {
    const name = error.interaction ?? '';
    // the verifier names a failure "Verifying a pact between C and P - <description>", sometimes with "Given <state>"
    const owner = descriptions.filter((d) => name.includes(d)).sort((a, b) => b.length - a.length)[0];
    const lines = error.mismatch?.mismatches?.map((m) =>
      m.path ? `${m.path} -> ${m.mismatch ?? ''}` : (m.mismatch ?? ''),
    ) ?? [error.mismatch?.message ?? JSON.stringify(error.mismatch)];
    if (owner) byInteraction.get(owner)!.push(...lines);
    else problems.push(`${name}: ${lines.join('; ')}`);
  }
  for (const r of json.interactionResults ?? []) {
    if (r.description && r.result && !/^(ok|success)/i.test(r.result) && byInteraction.get(r.description)?.length === 0)
      byInteraction.get(r.description)!.push(`verifier result: ${r.result}`);
  }
  const interactions = descriptions.map((d) => ({
    description: d,
    passed: byInteraction.get(d)!.length === 0,
    mismatches: byInteraction.get(d)!,
  }));
  if (json.result === false && interactions.every((i) => i.passed) && problems.length === 0)
    problems.push('the verifier reported a failure outside any interaction');
  const failed = interactions.filter((i) => !i.passed).length;
  return {
    provider,
    target,
    passed: interactions.length - failed,
    failed,
    interactions,
    problems,
    output: (json.output ?? []).map((l) => l.replace(ansi, '')),
    leftBehind,
  };
}
