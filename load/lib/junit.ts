/** JUnit XML for a load run: one testcase per k6 threshold, named with its clause, for CI servers. */
import type { RunFigures } from './figures.ts';

export function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

function format(value: number | undefined): string {
  if (value === undefined) return 'n/a';
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

export function renderJunit(f: RunFigures): string {
  const failures = f.thresholds.filter((t) => !t.ok).length;
  const cases = f.thresholds.map((t) => {
    const name = xmlEscape(`${t.clause ? `${t.clause} ` : ''}${t.metric} ${t.expression}`);
    const body = t.ok
      ? ''
      : `\n      <failure message="${xmlEscape(`threshold ${t.metric} ${t.expression} failed: observed ${format(t.observed)}`)}" type="threshold">${xmlEscape(
          `${t.metric} ${t.expression} observed ${format(t.observed)} over ${f.requests} PUTs (slow: ${f.slowCount}, p95 ${f.p95.toFixed(1)} ms, NsApiSlow ${f.nsApiSlowMs} ms)`,
        )}</failure>\n    `;
    return `    <testcase classname="load.put-chatsession.${xmlEscape(f.profile)}" name="${name}" time="0">${body}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="k6 load" tests="${f.thresholds.length}" failures="${failures}" time="${f.durationSeconds.toFixed(3)}">`,
    `  <testsuite name="PUT ChatSession ${xmlEscape(f.profile)} (${xmlEscape(f.runId)})" tests="${f.thresholds.length}" failures="${failures}" errors="0" time="${f.durationSeconds.toFixed(3)}" timestamp="${xmlEscape(f.time)}">`,
    '    <properties>',
    ...(['target', 'k6Version', 'gitRevision', 'profile'] as const).map(
      (k) => `      <property name="${k}" value="${xmlEscape(String(f[k]))}"/>`,
    ),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
