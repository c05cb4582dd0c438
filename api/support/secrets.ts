/**
 * The secret scan behind `npm run api`: every file under a folder, including the zip archives
 * Playwright writes (traces) and the zip the HTML report embeds as base64, searched for known
 * credential values. Hits name the file and which secret, never the value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Config } from '../../lib/config.ts';
import { embeddedUsers } from '../../lib/embedded-users.ts';

export interface Secret {
  /** What it is, e.g. `tje0 password`; safe to print. */
  label: string;
  value: string;
}

export interface Hit {
  file: string;
  /** The archive entry the secret was found in, for zips. */
  entry?: string;
  label: string;
}

/** The seed users' passwords, tickets, tokens, XSRF values and Basic header values, plus the config's secrets. */
export function knownSecrets(config: Config): Secret[] {
  const secrets: Secret[] = [];
  for (const u of embeddedUsers) {
    secrets.push(
      { label: `${u.username} password`, value: u.password },
      { label: `${u.username} ticket`, value: u.ticket },
      { label: `${u.username} bearer token`, value: u.token },
      { label: `${u.username} xsrf token`, value: u.xsrfToken },
      {
        label: `${u.username} Basic header value`,
        value: Buffer.from(`${u.username}:${u.password}`).toString('base64'),
      },
    );
  }
  config.secrets.forEach((value, i) => secrets.push({ label: `configured secret #${i + 1}`, value }));
  secrets.push({ label: 'embedded tenant admin token', value: config.embedded.adminToken });
  const forms: Secret[] = [];
  for (const s of secrets) {
    if (s.value.length < 4) continue;
    forms.push(s);
    const encoded = encodeURIComponent(s.value);
    if (encoded !== s.value) forms.push({ label: `${s.label} (URL-encoded)`, value: encoded });
  }
  return forms;
}

/** Every hit of a secret in the files under `dir`. */
export function scanDir(dir: string, secrets: readonly Secret[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of walk(dir)) {
    const name = relative(dir, file);
    const data = readFileSync(file);
    if (isZip(data)) {
      for (const entry of unzip(data))
        hits.push(
          ...find(entry.data.toString('utf8'), secrets).map((label) => ({ file: name, entry: entry.name, label })),
        );
      continue;
    }
    let text = data.toString('utf8');
    for (const blob of text.match(/data:application\/zip;base64,[A-Za-z0-9+/=]+/g) ?? []) {
      const zip = Buffer.from(blob.slice(blob.indexOf(',') + 1), 'base64');
      for (const entry of unzip(zip))
        hits.push(
          ...find(entry.data.toString('utf8'), secrets).map((label) => ({ file: name, entry: entry.name, label })),
        );
      text = text.replace(blob, '');
    }
    hits.push(...find(text, secrets).map((label) => ({ file: name, label })));
  }
  return hits;
}

function find(text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((s) => text.includes(s.value)).map((s) => s.label);
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const isZip = (data: Buffer) => data.length > 4 && data.readUInt32LE(0) === 0x04034b50;

/** The entries of a zip archive (stored or deflated), from its central directory. */
export function unzip(zip: Buffer): Array<{ name: string; data: Buffer }> {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return [{ name: '(not a readable zip)', data: zip }];
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Array<{ name: string; data: Buffer }> = [];
  for (let n = 0; n < count && zip.readUInt32LE(at) === 0x02014b50; n++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + skip;
  }
  return entries;
}
