/**
 * Pact Broker publishing, active only when PACT_BROKER_BASE_URL is set: pacts are published with
 * the Pact Foundation's CLI (`pact-broker publish`, package @pact-foundation/pact-cli) and
 * verification results by the Verifier itself, both with the git sha as version and the branch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifierOptions } from '@pact-foundation/pact';
import type { Config } from '../lib/config.ts';

const root = join(import.meta.dirname, '..');

/** The version (git sha) and branch a publication carries; CI variables win over git for the branch. */
export function gitVersion(): { version: string; branch: string } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const version = process.env.GIT_COMMIT ?? git('rev-parse', 'HEAD');
  const branch =
    process.env.GITHUB_HEAD_REF ||
    process.env.GITHUB_REF_NAME ||
    process.env.CI_COMMIT_REF_NAME ||
    process.env.BRANCH_NAME ||
    git('rev-parse', '--abbrev-ref', 'HEAD');
  return { version, branch };
}

/**
 * Verifier options that fetch the pacts from the broker and publish the results there; undefined
 * without PACT_BROKER_BASE_URL. (Results can only be published for pacts that came from a broker.)
 */
export function brokerVerifierOptions(config: Config): Partial<VerifierOptions> | undefined {
  if (!config.pact.brokerUrl) return undefined;
  const { version, branch } = gitVersion();
  return {
    pactBrokerUrl: config.pact.brokerUrl,
    pactBrokerToken: config.pact.brokerToken,
    consumerVersionSelectors: [{ mainBranch: true }, { matchingBranch: true }, { deployedOrReleased: true }],
    enablePending: true,
    publishVerificationResult: true,
    providerVersion: version,
    providerVersionBranch: branch,
  };
}

/** Path of the `pact-broker` CLI when @pact-foundation/pact-cli is installed. */
export function brokerCli(): string | undefined {
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'pact-broker.cmd' : 'pact-broker');
  return existsSync(bin) ? bin : undefined;
}

/**
 * Publishes every pact in `dir`; returns the exit status (0 when published). The token travels in
 * the environment (PACT_BROKER_TOKEN), never on the command line.
 */
export function publishPacts(config: Config, dir: string): number {
  if (!config.pact.brokerUrl) return 0;
  const cli = brokerCli();
  if (!cli) {
    console.error(
      'error: PACT_BROKER_BASE_URL is set but the pact-broker CLI is not installed. ' +
        'Add the devDependency @pact-foundation/pact-cli (npm i -D @pact-foundation/pact-cli), then run again.',
    );
    return 1;
  }
  const { version, branch } = gitVersion();
  console.log(
    `publishing pacts in ${dir} to ${config.pact.brokerUrl} as ${config.pact.consumer} ${version} (branch ${branch})`,
  );
  const run = spawnSync(
    cli,
    ['publish', dir, '--consumer-app-version', version, '--branch', branch, '--broker-base-url', config.pact.brokerUrl],
    {
      stdio: 'inherit',
      env: { ...process.env, ...(config.pact.brokerToken ? { PACT_BROKER_TOKEN: config.pact.brokerToken } : {}) },
    },
  );
  return run.status ?? 1;
}
