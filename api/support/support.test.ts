import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { coverage, parseClauses, readClauses } from './clauses.ts';
import { testRows, type JsonReport } from './results.ts';
import { scanDir, unzip } from './secrets.ts';

/** A one-entry deflated zip, as Playwright writes traces and the HTML report's data. */
function zipOf(name: string, text: string): Buffer {
  const data = deflateRawSync(Buffer.from(text));
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(text.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(text.length, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

describe('api clause coverage', () => {
  test('reads every clause ID of the reference list', () => {
    const clauses = readClauses(join(import.meta.dirname, '..', '..', 'reference', 'CLAUSES.md'));
    assert.ok(clauses.length >= 40);
    assert.ok(clauses.some((c) => c.id === 'PATCH-409' && c.section.startsWith('PATCH')));
    assert.ok(clauses.some((c) => c.id === 'ENTITY-SAMPLES'));
  });

  test('fails on a clause no test tags unless it is listed as not observable', () => {
    const clauses = parseClauses(
      '## X\n| ID | Clause | Source |\n|---|---|---|\n| A-ONE | one | p |\n| B-TWO | two | p |\n',
    );
    const rows = [{ title: 't', file: 'f', tags: ['A-ONE'], outcome: 'passed' as const }];
    assert.equal(coverage(clauses, rows, {}).ok, false);
    const listed = coverage(clauses, rows, { 'B-TWO': 'measured elsewhere' });
    assert.equal(listed.ok, true);
    assert.deepEqual(
      listed.clauses.map((c) => c.status),
      ['passed', 'not observable here'],
    );
  });

  test('fails on a tag that names no clause', () => {
    const clauses = parseClauses('| A-ONE | one | p |');
    const cov = coverage(clauses, [{ title: 't', file: 'f', tags: ['A-ONE', 'A-0NE'], outcome: 'passed' }], {});
    assert.equal(cov.ok, false);
    assert.deepEqual(cov.unknownTags, [{ tag: 'A-0NE', test: 't' }]);
  });

  test('flattens the JSON report with tags and outcomes', () => {
    const report: JsonReport = {
      suites: [
        {
          title: 'a.spec.ts',
          file: 'a.spec.ts',
          suites: [
            {
              title: 'PUT x',
              specs: [
                { title: 'does it @PUT-200', file: 'a.spec.ts', tags: ['PUT-200'], tests: [{ status: 'unexpected' }] },
              ],
            },
          ],
        },
      ],
    };
    assert.deepEqual(testRows(report), [
      { title: 'a.spec.ts › PUT x › does it @PUT-200', file: 'a.spec.ts', tags: ['PUT-200'], outcome: 'failed' },
    ]);
  });
});

describe('api secret scan', () => {
  const secrets = [{ label: 'tje0 Basic header value', value: 'dGplMDpUamUw' }];

  test("finds a secret in plain files, in zips and in the HTML report's embedded zip", () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-scan-'));
    mkdirSync(join(dir, 'html'));
    writeFileSync(join(dir, 'junit.xml'), '<x>Authorization: Basic dGplMDpUamUw</x>');
    writeFileSync(
      join(dir, 'trace.zip'),
      zipOf('trace.network', '{"headers":[{"name":"Authorization","value":"Basic dGplMDpUamUw"}]}'),
    );
    writeFileSync(
      join(dir, 'html', 'index.html'),
      '<script>window.playwrightReportBase64 = "data:application/zip;base64,' +
        `${zipOf('report.json', 'dGplMDpUamUw').toString('base64')}";</script>`,
    );
    const hits = scanDir(dir, secrets)
      .map((h) => `${h.file}${h.entry ? `:${h.entry}` : ''}`)
      .sort();
    assert.deepEqual(hits, ['html/index.html:report.json', 'junit.xml', 'trace.zip:trace.network']);
  });

  test('reports nothing for clean files and reads zip entries back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-scan-'));
    writeFileSync(join(dir, 'results.json'), '{"ok":true}');
    assert.deepEqual(scanDir(dir, secrets), []);
    assert.equal(unzip(zipOf('a.txt', 'hello'))[0]?.data.toString(), 'hello');
  });
});
