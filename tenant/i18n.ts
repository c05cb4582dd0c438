/**
 * Languages (LANG-ACCEPT, LANG-SO): without a language, texts stay raw, resource ids like
 * `[SR_...]` and multi-language values like `NO:"Leverandør";US:"Supplier"`. With one, both are
 * translated. SO-Language wins over Accept-Language; `SO-Language: *` (or `x`) turns translation
 * off. SO-Culture only formats numbers and dates inside strings, so JSON is unaffected.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Resource ids the tenant writes, with their texts. Unknown languages fall back to English. */
const resources: Record<string, Record<string, string>> = {
  '[SR_FIELD_READONLY_PRIMARY_KEY]': {
    en: 'The primary key cannot be changed',
    no: 'Primærnøkkelen kan ikke endres',
    sv: 'Primärnyckeln kan inte ändras',
    da: 'Primærnøglen kan ikke ændres',
    de: 'Der Primärschlüssel kann nicht geändert werden',
  },
  '[SR_ACCESS_CHATSESSION_NOT_OWNER]': {
    en: 'The chat session belongs to another user',
    no: 'Chatteøkten tilhører en annen bruker',
    sv: 'Chattsessionen tillhör en annan användare',
    da: 'Chatsessionen tilhører en anden bruger',
    de: 'Die Chatsitzung gehört einem anderen Benutzer',
  },
};
/** iso2 language -> the country code multi-language values use. */
const multiCodes: Record<string, string[]> = {
  en: ['US', 'GB', 'EN'],
  no: ['NO'],
  nb: ['NO'],
  nn: ['NO'],
  sv: ['SE', 'SV'],
  da: ['DK', 'DA'],
  de: ['GE', 'DE'],
};

function firstLanguage(acceptLanguage: string): string | undefined {
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .map((p) => p.trim())
          .find((p) => p.startsWith('q='))
          ?.slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const tag = ranked[0]?.tag;
  return tag === undefined || tag === '*' ? undefined : tag.slice(0, 2).toLowerCase();
}

/** The language to translate into, or undefined for raw texts. */
export function resolveLanguage(headers: IncomingHttpHeaders): string | undefined {
  const so = headers['so-language'];
  if (typeof so === 'string' && so.trim() !== '') {
    const value = so.trim();
    return value === '*' || value.toLowerCase() === 'x' ? undefined : value.slice(0, 2).toLowerCase();
  }
  const accept = headers['accept-language'];
  return typeof accept === 'string' ? firstLanguage(accept) : undefined;
}

const multiValue = /^([A-Z]{2}):"[^"]*"(;[A-Z]{2}:"[^"]*")*;?$/;

/** One text in the language: a resource id or a multi-language value; other texts unchanged. */
export function translate(text: string, language: string): string {
  const resource = resources[text];
  if (resource) return resource[language] ?? resource.en ?? text;
  if (multiValue.test(text)) {
    const values = new Map([...text.matchAll(/([A-Z]{2}):"([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));
    for (const code of multiCodes[language] ?? [language.toUpperCase()]) {
      const v = values.get(code);
      if (v !== undefined) return v;
    }
    return values.get('US') ?? [...values.values()][0] ?? text;
  }
  return text;
}

/** Translates every string inside a JSON value (returns a new value). */
export function translateDeep<T>(value: T, language: string): T {
  if (typeof value === 'string') return translate(value, language) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => translateDeep(v, language)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translateDeep(v, language)])) as T;
  return value;
}
