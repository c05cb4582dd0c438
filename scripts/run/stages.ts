/**
 * The main job's stages, in order, and how each one's outcome is read: the stage's exit code,
 * its JUnit file (checks named with clause IDs) and its own summary line. A stage that could not
 * run is `error`, never `passed`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { removeOutputs } from '../../lib/outputs.ts';
import { join } from 'node:path';
import type { Config } from '../../lib/config.ts';
import { validate } from '../../schemas/index.ts';
import { loadSample, referenceSamples } from '../../schemas/samples.ts';
import { parseJUnit, type Check } from '../../lib/junit-checks.ts';
import { ENGINE_NODE_OPTIONS } from '../../load/engine/node-options.ts';

export const stageIds = ['config', 'tenant', 'contracts', 'verify', 'api', 'load'] as const;
export type StageId = (typeof stageIds)[number];
/** The stages that check the tenant: a run must select one of them. */
export const testStageIds: readonly StageId[] = ['contracts', 'verify', 'api', 'load'];
export type StageStatus = 'passed' | 'failed' | 'error' | 'not-run';

export interface StageResult {
  id: StageId;
  title: string;
  status: StageStatus;
  /** One line: what happened (counts, or why it could not run). */
  detail: string;
  /** When failed or error: what to do. */
  hint?: string;
  checks: Check[];
  seconds: number;
  /** Paths relative to the reports dir, for the report's links. */
  links: Array<{ label: string; href: string }>;
}

export interface ProcessStage {
  id: StageId;
  title: string;
  what: string;
  /** The entry point and its arguments (the Run, with the profile, is handed down). */
  args: string[];
  /** A stage whose output this one reads: it starts when that one has ended. */
  after?: StageId;
  /** JUnit files relative to the reports dir, removed before the stage runs so none is stale. */
  junit: string[];
  links: Array<{ label: string; href: string }>;
  /** Other outputs to remove before the run (relative to the reports dir). */
  clean: string[];
  hint: string;
}

export type ProcessStageId = Exclude<StageId, 'config' | 'tenant'>;
/** A stage as the table below writes it: one script, one JUnit file, and the stage's own report link. */
type StageEntry = Omit<ProcessStage, 'id' | 'args' | 'junit' | 'links'> & {
  script: string;
  /** Node options before the script. */
  nodeOptions?: readonly string[];
  junit: string;
  report: ProcessStage['links'][number];
};

/** The stage runs its script; the report links the stage's own output, then its JUnit file. */
function processStage(
  id: ProcessStageId,
  { script, nodeOptions = [], junit, report, ...rest }: StageEntry,
): ProcessStage {
  const links = [report, { label: 'JUnit', href: junit }];
  return { id, ...rest, args: [...nodeOptions, script], junit: [junit], links };
}

export const processStages: Record<ProcessStageId, ProcessStage> = {
  contracts: processStage('contracts', {
    title: 'Pact consumer tests',
    what: 'define the ChatSession interactions a chat console expects and write the pact file',
    script: 'scripts/contracts.ts',
    junit: 'contracts/junit.xml',
    clean: ['pacts'],
    report: { label: 'pact files', href: 'pacts/' },
    hint: 'see reports/logs/contracts.log; a failing consumer test is a harness bug, not a tenant one',
  }),
  verify: processStage('verify', {
    title: 'Pact provider verification',
    what: 'replay the pact against the tenant under test',
    script: 'scripts/verify-provider.ts',
    after: 'contracts',
    junit: 'pact-verification/junit.xml',
    clean: ['pact-verification'],
    report: { label: 'verification results', href: 'pact-verification/results.json' },
    hint: 'each failed interaction names the clause the tenant broke; see reports/pact-verification/results.json',
  }),
  api: processStage('api', {
    title: 'Playwright API suite',
    what: 'check headers, auth, $select, patch codes, XML and the four endpoints clause by clause',
    script: 'scripts/api.ts',
    junit: 'playwright/junit.xml',
    clean: ['playwright'],
    report: { label: 'Playwright report', href: 'playwright/html/index.html' },
    hint: 'open reports/playwright/html/index.html for each failed check and its request/response',
  }),
  load: processStage('load', {
    title: 'PUT load vs NsApiSlow',
    what: 'load PUT ChatSession and hold it against the NsApiSlow threshold',
    script: 'scripts/load.ts',
    nodeOptions: ENGINE_NODE_OPTIONS,
    junit: 'load/latest/junit.xml',
    clean: ['load/latest'],
    report: { label: 'load summary', href: 'load/latest/summary.html' },
    hint:
      'see reports/load/latest/summary.html (it names the engine); ' +
      'LOAD_ENGINE=k6 without a k6: install k6 from Grafana or set K6_BIN, or use the embedded engine',
  }),
};

/** A test stage that was not run, and why (`not run: interrupted`); the report lists it under Not run. */
export function notRun(id: ProcessStageId, why: string): StageResult {
  return {
    id,
    title: processStages[id].title,
    status: 'not-run',
    detail: `not run: ${why}`,
    checks: [],
    seconds: 0,
    links: [],
  };
}

/** Removes a stage's previous outputs so a stage that dies cannot be read as the last run's pass. */
export function cleanStageOutputs(stage: ProcessStage, reportsDir: string): void {
  removeOutputs(reportsDir, [...stage.junit, ...stage.clean]);
}

/** The checks a stage left in its JUnit files (empty when it wrote none). */
export function readStageChecks(stage: ProcessStage, reportsDir: string): { checks: Check[]; missing: string[] } {
  const checks: Check[] = [];
  const missing: string[] = [];
  for (const file of stage.junit) {
    const path = join(reportsDir, file);
    if (!existsSync(path)) missing.push(file);
    else checks.push(...parseJUnit(readFileSync(path, 'utf8')));
  }
  return { checks, missing };
}

/** passed / failed / error from the exit code and the checks read. */
export function judge(
  code: number,
  checks: readonly Check[],
  missing: readonly string[],
  interrupted: boolean,
): { status: StageStatus; detail: string } {
  const failed = checks.filter((c) => c.status === 'failed').length;
  const passed = checks.filter((c) => c.status === 'passed').length;
  const skipped = checks.filter((c) => c.status === 'skipped').length;
  // A skipped check is one that was not run (the report's word: it neither passed nor failed).
  const counts = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''}`;
  if (interrupted) return { status: 'error', detail: `interrupted (${counts} before it stopped)` };
  if (failed > 0) return { status: 'failed', detail: counts };
  if (code === 0 && missing.length === 0 && passed > 0) return { status: 'passed', detail: counts };
  if (code === 0 && passed === 0) return { status: 'error', detail: 'exited 0 but reported no check' };
  if (missing.length) return { status: 'error', detail: `exited ${code} without writing ${missing.join(', ')}` };
  return { status: code === 1 ? 'failed' : 'error', detail: `exited ${code}: ${counts}` };
}

/** ENTITY-SAMPLES in-process: the reference pages' samples against the schemas (part of "config"). */
export function sampleChecks(): Check[] {
  return referenceSamples.map(({ file, schema, page }) => {
    const result = validate(schema, loadSample(file));
    return {
      name: `ENTITY-SAMPLES ${page} sample ${file} validates against ${schema}`,
      suite: 'config',
      status: result.ok ? 'passed' : 'failed',
      ...(result.ok ? {} : { message: result.errors.join('; ') }),
    };
  });
}

/** Where the run points, without credentials: for reports and logs. */
export function targetLabel(config: Config): string {
  if (config.target === 'embedded') return 'embedded reference tenant (127.0.0.1)';
  const url = new URL(config.tenantUrl);
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
