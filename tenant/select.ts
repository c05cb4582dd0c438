/**
 * `$select` (SELECT-FIELDS, SELECT-CASE, SELECT-NESTED): the named properties keep their values,
 * every other top-level property is written as null. A nested path (`User/AssociateId`) keeps the
 * carrier with just those properties; its other properties get their type's empty value (null,
 * 0 or false), as a .NET carrier does, so the carrier still matches its schema.
 */

/** The `$select` query value (any case of the parameter name), split and trimmed. */
export function selectFromQuery(query: unknown): string[] | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const entry = Object.entries(query).find(([k]) => k.toLowerCase() === '$select');
  if (!entry) return undefined;
  const raw = Array.isArray(entry[1]) ? entry[1].join(',') : String(entry[1]);
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

const emptyOf = (v: unknown): unknown => (typeof v === 'number' ? 0 : typeof v === 'boolean' ? false : null);

function findKey(obj: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

function pick(value: unknown, paths: string[][]): unknown {
  if (paths.some((p) => p.length === 0) || value === null || typeof value !== 'object' || Array.isArray(value))
    return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = emptyOf(v);
  for (const path of paths) {
    const key = findKey(obj, path[0] as string);
    if (key === undefined) continue;
    const sub = paths.filter((p) => p[0]?.toLowerCase() === key.toLowerCase()).map((p) => p.slice(1));
    out[key] = pick(obj[key], sub);
  }
  return out;
}

/** The entity with only the selected properties kept; unknown names are ignored. */
export function applySelect<T extends object>(entity: T, select: readonly string[]): T {
  const paths = select
    .map((s) =>
      s
        .split('/')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length > 0);
  const obj = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) out[k] = null;
  for (const path of paths) {
    const key = findKey(obj, path[0] as string);
    if (key === undefined) continue;
    const sub = paths.filter((p) => p[0]?.toLowerCase() === key.toLowerCase()).map((p) => p.slice(1));
    out[key] = pick(obj[key], sub);
  }
  return out as T;
}
