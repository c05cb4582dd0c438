import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { licenceProblems } from './licenses.ts';

const lock = (license: unknown, name = 'left-pad') => ({
  packages: { '': { version: '0.1.0' }, [`node_modules/${name}`]: { version: '1.0.0', license } },
});

test('an AGPL, GPL, SSPL or BUSL dependency in the lock fails the licence check', () => {
  for (const license of ['AGPL-3.0', 'AGPL-3.0-only', 'GPL-2.0-or-later', 'SSPL-1.0', 'BUSL-1.1', '(GPL-3.0 AND MIT)'])
    assert.deepEqual(
      licenceProblems(lock(license)).map((p) => `${p.name} ${p.license}`),
      [`left-pad ${license}`],
      license,
    );
});

test('LGPL, permissive licences, a permissive OR choice pass; an unlabelled package fails unless vouched for', () => {
  for (const license of ['MIT', 'LGPL-3.0-or-later', 'Apache-2.0', 'BlueOak-1.0.0', '(MIT OR GPL-3.0)', 'MPL-2.0'])
    assert.deepEqual(licenceProblems(lock(license)), [], license);
  assert.equal(licenceProblems(lock(undefined)).length, 1);
  assert.deepEqual(licenceProblems(lock(undefined, '@pact-foundation/pact-cli-linux-x64')), []);
});

test("this project's own package-lock.json is clean", () => {
  assert.deepEqual(
    licenceProblems(JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'))),
    [],
  );
});
