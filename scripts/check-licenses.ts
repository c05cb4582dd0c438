/** Part of `npm run lint`: fails when package-lock.json holds a dependency under AGPL, GPL, SSPL or BUSL. */
import { readFileSync } from 'node:fs';
import { licenceProblems } from '../lib/licenses.ts';

const problems = licenceProblems(JSON.parse(readFileSync('package-lock.json', 'utf8')));
for (const p of problems) console.error(`licences: ${p.name}@${p.version} (${p.license}): ${p.why}`);
if (problems.length) process.exit(1);
console.log('licences: every package in package-lock.json is under a licence this MIT project can ship with');
