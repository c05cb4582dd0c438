/**
 * SO-TimeZone (TZ-CONVERT). The tenant stores date-times as UTC without an offset, as the real
 * API writes them. A response is converted to the requested zone and written without an offset,
 * unless `, includeTZOffset` is appended; a request's date-time without an offset is read in the
 * requested zone (UTC when none), one with `Z` or an offset is taken as it says.
 */
import { badRequest } from './errors.ts';

export interface Zone {
  readonly name: string;
  readonly includeOffset: boolean;
  /** Minutes ahead of UTC at the given instant. */
  offsetAt(utcMs: number): number;
}

export const dateFields = ['WhenRequested', 'WhenStarted', 'WhenEnded', 'WhenIdle', 'WhenFetched'] as const;

/** SuperOffice's zone codes the tenant knows, mapped to IANA names. */
const codes: Record<string, string> = {
  NO: 'Europe/Oslo',
  SE: 'Europe/Stockholm',
  DK: 'Europe/Copenhagen',
  UK: 'Europe/London',
  GB: 'Europe/London',
  DE: 'Europe/Berlin',
  NL: 'Europe/Amsterdam',
  'US-NY': 'America/New_York',
  'US-CA': 'America/Los_Angeles',
};
/**
 * One formatter per zone, keyed by the lower-cased name: IANA names are case-insensitive, and a
 * key per spelling let a client grow the cache (and the process, by ~28 kB of ICU memory each)
 * without bound, one `eUrOpE/oSlO` at a time. Capped as well, for spellings Intl accepts otherwise.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 1000;

/** How many zone formatters are cached (bounded; for tests). */
export const cachedFormatters = () => formats.size;

function ianaOffset(zone: string, utcMs: number): number {
  const key = zone.toLowerCase();
  let dtf = formats.get(key);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, dtf);
  }
  const p = Object.fromEntries(dtf.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The zone an SO-TimeZone header asks for; undefined when absent; 400 when unknown. */
export function resolveZone(header: string | undefined): Zone | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const [rawName = '', ...flags] = header.split(',').map((s) => s.trim());
  const includeOffset = flags.some((f) => f.toLowerCase() === 'includetzoffset');
  const name = rawName.toUpperCase();
  if (['UTC', 'GMT', 'Z'].includes(name)) return { name: 'UTC', includeOffset, offsetAt: () => 0 };
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (fixed) {
    const minutes = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
    if (Math.abs(minutes) > 14 * 60) throw badRequest(`SO-TimeZone "${header}": offset out of range`);
    return { name: rawName, includeOffset, offsetAt: () => minutes };
  }
  const iana = codes[name] ?? rawName;
  try {
    ianaOffset(iana, 0);
  } catch {
    throw badRequest(
      `SO-TimeZone "${header}" is not a time zone this tenant knows: use UTC, an offset like +02:00, ` +
        `an IANA name like Europe/Oslo, or a code (${Object.keys(codes).join(', ')})`,
    );
  }
  return { name: iana, includeOffset, offsetAt: (ms) => ianaOffset(iana, ms) };
}

/** Any date before year 1000 is the .NET "unset" value (DateTime.MinValue, however a client wrote it). */
const UNSET = '0001-01-01T00:00:00';
const pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

function parts(value: string) {
  const m = pattern.exec(value);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const tz = m[8];
  const offset =
    tz === undefined
      ? undefined
      : tz === 'Z'
        ? 0
        : (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(-2)));
  return { year: Number(m[1]), wall, fraction: m[7] ?? '', offset };
}

const naive = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const twoDigits = (n: number) => String(n).padStart(2, '0');
const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${twoDigits(Math.floor(Math.abs(minutes) / 60))}:${twoDigits(Math.abs(minutes) % 60)}`;

const UNSET_MS = Date.parse(`${UNSET}Z`);
/** The zone's offset without daylight saving time: the smaller of a January and a July one. */
const standardOffset = (zone: Zone) =>
  Math.min(zone.offsetAt(Date.UTC(2001, 0, 1)), zone.offsetAt(Date.UTC(2001, 6, 1)));

/**
 * The unset date in a zone, as a real tenant converts it (FACTS.md: `0001-01-01T01:00:00+01:00` under
 * a +01:00 zone): shifted by the zone's standard offset, and never before the earliest date-time
 * .NET has, so in a zone behind UTC it stays `0001-01-01T00:00:00`.
 */
function unsetIn(zone: Zone, fraction: string): string {
  const offset = standardOffset(zone);
  const suffix = zone.includeOffset ? offsetText(offset) : '';
  return `${naive(Math.max(UNSET_MS, UNSET_MS + offset * 60_000))}${fraction}${suffix}`;
}

/**
 * A stored (UTC, no offset) date-time as the zone's wall time; the unset date converted too. Odd
 * values pass through.
 */
export function toZone(stored: string, zone: Zone): string {
  const p = parts(stored);
  if (!p) return stored;
  if (p.year < 1000) return unsetIn(zone, p.fraction);
  const utc = p.offset === undefined ? p.wall : p.wall - p.offset * 60_000;
  const offset = zone.offsetAt(utc);
  return `${naive(utc + offset * 60_000)}${p.fraction}${zone.includeOffset ? offsetText(offset) : ''}`;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SEPARATORS: ReadonlyArray<readonly [number, string]> = [
  [4, '-'],
  [7, '-'],
  [10, 'T'],
  [13, ':'],
  [16, ':'],
];

/**
 * Whether `value` is already in the stored form (`2024-03-03T00:00:00`, a real date and time, year
 * 1000 on), which fromRequest() without a zone writes back unchanged: checked by character, so the
 * common case of a PUT skips the regex and two Date conversions per date-time. No closures inside:
 * tsx names each one as it is created, a cost per call.
 */
export function isStoredForm(value: string): boolean {
  if (value.length !== 19) return false;
  for (const [at, char] of SEPARATORS) if (value[at] !== char) return false;
  for (const at of DIGITS) {
    const c = value.charCodeAt(at);
    if (c < 48 || c > 57) return false;
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  if (Number(value.slice(11, 13)) > 23 || Number(value.slice(14, 16)) > 59 || Number(value.slice(17, 19)) > 59)
    return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (monthDays[month - 1] as number));
}

/** A request's date-time as stored: UTC without offset. Naive input is read in `zone` (UTC if none). */
export function fromRequest(value: string, zone: Zone | undefined): string {
  if (value === UNSET || (zone === undefined && isStoredForm(value))) return value;
  const p = parts(value);
  if (!p) return value;
  if (p.year < 1000) return UNSET;
  let utc: number;
  if (p.offset !== undefined) utc = p.wall - p.offset * 60_000;
  else if (!zone) utc = p.wall;
  else {
    const guess = p.wall - zone.offsetAt(p.wall) * 60_000;
    utc = p.wall - zone.offsetAt(guess) * 60_000;
  }
  return `${naive(utc)}${p.fraction}`;
}

/** Applies `convert` to every When* value of an entity-like object, in place. */
export function mapDates(entity: Record<string, unknown>, convert: (value: string) => string): void {
  for (const field of dateFields) {
    const v = entity[field];
    if (typeof v === 'string') entity[field] = convert(v);
  }
}
