/**
 * Deviation modes: switches that make the tenant break exactly one clause each, so the suites can
 * prove they notice (their self-tests). The clause each one breaks is in tenant/README.md.
 */
export const deviationNames = [
  'ignore-select',
  'test-op-200',
  'ignore-if-unmodified-since',
  'drop-property',
  'wrong-type',
  'xml-when-json',
  'no-links',
  'put-no-body-200',
  'pickup-not-queued-returns-entity',
  'transfer-not-owner-changes',
  'accept-anonymous',
  'patch-path-case-sensitive',
  'move-accepted',
  'ignore-timezone',
  'ignore-so-language',
  'patch-404-as-200',
] as const;
export type DeviationName = (typeof deviationNames)[number];

/** The clause each deviation breaks (for READMEs, reports and the admin state). */
export const deviationClauses: Readonly<Record<DeviationName, string>> = {
  'ignore-select': 'SELECT-FIELDS',
  'test-op-200': 'PATCH-409',
  'ignore-if-unmodified-since': 'PATCH-412',
  'drop-property': 'ENTITY-SHAPE',
  'wrong-type': 'ENTITY-SHAPE',
  'xml-when-json': 'ACCEPT-JSON',
  'no-links': 'ENTITY-LINKS',
  'put-no-body-200': 'PUT-400',
  'pickup-not-queued-returns-entity': 'PICK-NULL',
  'transfer-not-owner-changes': 'XFER-NOTOWNER',
  'accept-anonymous': 'AUTH-NONE',
  'patch-path-case-sensitive': 'PATCH-PATH',
  'move-accepted': 'PATCH-NOMOVE',
  'ignore-timezone': 'TZ-CONVERT',
  'ignore-so-language': 'LANG-SO',
  'patch-404-as-200': 'PATCH-404',
};

export function isDeviationName(name: unknown): name is DeviationName {
  return typeof name === 'string' && (deviationNames as readonly string[]).includes(name);
}

/** Checks a list of names; throws naming the unknown ones and the known ones. */
export function parseDeviations(names: unknown, source = 'deviations'): DeviationName[] {
  if (!Array.isArray(names)) throw new Error(`${source} must be a list of deviation names`);
  const unknown = names.filter((n) => !isDeviationName(n));
  if (unknown.length)
    throw new Error(
      `${source}: unknown deviation(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known: ${deviationNames.join(', ')}`,
    );
  return [...new Set(names as DeviationName[])];
}
