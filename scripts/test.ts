/**
 * `npm test`: every test stage in turn, each with its own runner and summary, then one closing
 * line `N passed, N failed` over all stages. Exit 0 only when every stage ran and nothing failed.
 * `npm test -- unit` (or any stage names) runs just those stages.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Stage {
  name: string;
  /** Why the stage exists, printed before it runs. */
  what: string;
  command: () => string[];
  /** Extracts passed/failed counts from the runner's own output. */
  count: (output: string) => { passed: number; failed: number } | undefined;
}

const root = join(import.meta.dirname, '..');
const skipDirs = new Set(['node_modules', 'reports', '.tools', '.git', 'test-results']);

/**
 * Every `*.test.ts` under the given folders (unit and integration tests beside their code);
 * `*.e2e.test.ts` (whole main-job runs) only when `e2e` is true.
 */
export function findTests(dirs: readonly string[], e2e = false): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!skipDirs.has(entry)) walk(path);
      } else if (entry.endsWith('.test.ts') && entry.endsWith('.e2e.test.ts') === e2e) {
        found.push(relative(root, path));
      }
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return found;
}

const nodeTestCounts = (output: string) => {
  const pass = /^ℹ pass (\d+)$/m.exec(output);
  const fail = /^ℹ fail (\d+)$/m.exec(output);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
};

/** The plain closing line `N passed, N failed` (the last one in the output). */
const plainCounts = (output: string) => {
  const all = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
};

const stages: Stage[] = [
  {
    name: 'unit',
    what: 'unit and integration tests beside the code (node:test through tsx)',
    command: () => {
      mkdirSync(join(root, 'reports', 'unit'), { recursive: true });
      return [
        process.execPath,
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=junit',
        '--test-reporter-destination=reports/unit/junit.xml',
        ...findTests(['lib', 'schemas', 'scripts', 'tenant', 'contracts']),
      ];
    },
    count: nodeTestCounts,
  },
  {
    name: 'contracts',
    what: 'Pact consumer tests: write reports/pacts/*.json',
    command: () => [process.execPath, '--import', 'tsx', 'scripts/contracts.ts'],
    count: nodeTestCounts,
  },
  {
    name: 'verify',
    what: 'Pact provider verification against the embedded tenant',
    command: () => [process.execPath, '--import', 'tsx', 'scripts/verify-provider.ts'],
    count: plainCounts,
  },
  {
    name: 'api',
    what: 'Playwright API suite against the embedded tenant, clause coverage, secret scan',
    command: () => [process.execPath, '--import', 'tsx', 'scripts/api.ts'],
    count: (output) => {
      const m = /^api: (\d+) passed, (\d+) failed/m.exec(output);
      return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
    },
  },
  {
    name: 'schemathesis',
    what: 'Schemathesis (PyPI, into .tools/) against the embedded tenant from its /openapi.json: default checks',
    command: () => [process.execPath, '--import', 'tsx', 'scripts/schemathesis/run.ts'],
    count: plainCounts,
  },
  {
    name: 'load',
    what: 'load proofs on the embedded engine (slow count exact, PUT-200 on 2 % 500s, fidelity, held response, cap), k6 adapter bundle, bench parsers',
    command: () => {
      mkdirSync(join(root, 'reports', 'unit'), { recursive: true });
      return [
        process.execPath,
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=junit',
        '--test-reporter-destination=reports/unit/load-junit.xml',
        ...findTests(['load', 'bench']),
      ];
    },
    count: nodeTestCounts,
  },
  {
    name: 'e2e',
    what: 'npm start end to end: exit codes, Ctrl-C restore on a live tenant, sentinel-credential scan of every stage',
    command: () => [
      process.execPath,
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      ...findTests(['scripts'], true),
    ],
    count: nodeTestCounts,
  },
  {
    name: 'api-deviations',
    what: 'the API suite against each tenant deviation mode: every mode must make a test fail',
    command: () => [process.execPath, '--import', 'tsx', 'scripts/api-deviations.ts'],
    count: plainCounts,
  },
];

function run(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [cmd, ...args] = stage.command();
    const child = spawn(cmd as string, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('error', (err) => resolve({ code: 127, output: `${output}\n${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !stages.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown test stage(s): ${unknown.join(', ')}; stages are ${stages.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
const broken: string[] = [];
const times: Array<{ name: string; seconds: number; passed: number | null; failed: number | null; exit: number }> = [];
for (const stage of stages.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  const started = Date.now();
  console.log(`\n=== test stage: ${stage.name} — ${stage.what}`);
  const { code, output } = await run(stage);
  const counts = stage.count(output);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!counts) {
    broken.push(`${stage.name} (exit ${code}, no summary found)`);
    failed += 1;
  } else {
    passed += counts.passed;
    failed += counts.failed;
    if (code !== 0 && counts.failed === 0) {
      broken.push(`${stage.name} (exit ${code} with no failed test)`);
      failed += 1;
    }
  }
  console.log(
    `=== ${stage.name}: ${counts ? `${counts.passed} passed, ${counts.failed} failed` : 'did not report'} in ${seconds}s (exit ${code})`,
  );
  times.push({
    name: stage.name,
    seconds: Number(seconds),
    passed: counts?.passed ?? null,
    failed: counts?.failed ?? null,
    exit: code,
  });
}
// Wall time per stage, for `npm run bench` (suite time) and anyone chasing a slow stage.
mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(
  join(root, 'reports', 'test-times.json'),
  `${JSON.stringify({ finishedAt: new Date().toISOString(), stages: times }, null, 2)}\n`,
);
if (broken.length) console.log(`stages that did not finish cleanly: ${broken.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && broken.length === 0 ? 0 : 1);
