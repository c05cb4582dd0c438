import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { coverage, parseClauses, readClauses } from './clauses.ts';
import { testRows, type JsonReport } from './results.ts';
import { scanDir, unzip } from './secrets.ts';

/** A little-endian record of `size` bytes with each field, `[offset, 2 or 4 bytes, value]`, set. */
function record(size: number, fields: Array<[offset: number, bytes: 2 | 4, value: number]>): Buffer {
  const out = Buffer.alloc(size);
  for (const [offset, bytes, value] of fields)
    if (bytes === 4) out.writeUInt32LE(value, offset);
    else out.writeUInt16LE(value, offset);
  return out;
}

/** A one-entry deflated zip, as Playwright writes traces and the HTML report's data. */
function zipOf(name: string, text: string): Buffer {
  const data = deflateRawSync(Buffer.from(text));
  const n = Buffer.from(name);
  // local file header, central directory entry, end of central directory (deflate = method 8)
  const local = record(30, [
    [0, 4, 0x04034b50],
    [8, 2, 8],
    [18, 4, data.length],
    [22, 4, text.length],
    [26, 2, n.length],
  ]);
  const central = record(46, [
    [0, 4, 0x02014b50],
    [10, 2, 8],
    [20, 4, data.length],
    [24, 4, text.length],
    [28, 2, n.length],
    [42, 4, 0],
  ]);
  const end = record(22, [
    [0, 4, 0x06054b50],
    [8, 2, 1],
    [10, 2, 1],
    [12, 4, 46 + n.length],
    [16, 4, 30 + n.length + data.length],
  ]);
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
