/**
 * Masks credentials in anything the harness prints or writes: known secret values (and the
 * encodings they travel in), and the credential part of auth headers whatever their value.
 */
export const MASK = '***';

const headerPatterns: RegExp[] = [
  // Token-shaped values only (base64, JWT, tickets like 7T:abc==), so prose such as
  // "Basic <base64 user:pass>" in the clause list stays readable.
  /\b(Authorization"?\s*[:=]\s*"?(?:Basic|SoTicket|Bearer)\s+)[A-Za-z0-9._~+/=:-]+/gi,
  /\b((?:X-XSRF-TOKEN|SO-AppToken|XSRF-TOKEN|X-Admin-Token)"?\s*[:=]\s*"?)[A-Za-z0-9._~+/=:%-]+/gi,
  // The password of any URL with user info (a broker URL, a pasted TENANT_URL), known or not.
  /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+(?=@)/gi,
];

export type Redactor = (text: string) => string;

/** A redactor for these secret values; values shorter than 3 characters are ignored as too common. */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 3) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s, 'utf8').toString('base64'));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const pattern of headerPatterns) out = out.replace(pattern, `$1${MASK}`);
    for (const form of sorted) out = out.split(form).join(MASK);
    return out;
  };
}

/** Headers with credential values masked, for logs and reports. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
  redact: Redactor = createRedactor([]),
): Record<string, string> {
  const sensitive = /^(authorization|x-xsrf-token|so-apptoken|cookie|set-cookie|x-admin-token|proxy-authorization)$/i;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = sensitive.test(name) ? MASK : redact(text);
  }
  return out;
}

/** A redactor for text that arrives in chunks: see createStreamRedactor. */
export interface StreamRedactor {
  /** Takes the next chunk; returns the redacted text of the lines it completed. */
  push(chunk: string): string;
  /** The redacted rest (a last line without a newline). */
  end(): string;
}

/** A partial line longer than this is passed on in pieces cut at white space (output never stalls). */
const MAX_HELD = 64 * 1024;

/**
 * Redacts output that arrives in chunks (a child's stdout) on whole lines, so a secret split
 * across two chunks is still masked: complete lines are redacted and passed on, the partial one
 * waits for its end. A line longer than 64 KiB is cut at its last white space, which no secret or
 * token form contains.
 */
export function createStreamRedactor(redact: Redactor): StreamRedactor {
  let held = '';
  return {
    push(chunk) {
      held += chunk;
      let cut = held.lastIndexOf('\n') + 1;
      if (cut === 0 && held.length > MAX_HELD) cut = Math.max(held.search(/\s\S*$/) + 1, 0);
      if (cut === 0) return '';
      const ready = held.slice(0, cut);
      held = held.slice(cut);
      return redact(ready);
    },
    end() {
      const rest = held;
      held = '';
      return rest ? redact(rest) : '';
    },
  };
}
