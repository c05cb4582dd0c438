/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: self time per function
 * and per area (a project file, an npm package, Node internals, GC), as shares of the busy time
 * (idle left out). Pure functions plus one file reader; the bench puts the result in bench.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  /** `functionName (file:line)`. */
  name: string;
  area: string;
  selfMs: number;
  /** Share of busy time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  functions: Hotspot[];
  areas: Array<{ area: string; selfMs: number; share: number }>;
}

/** Which part of the stack a frame belongs to: `tenant/x.ts`, `fastify`, `node internals`, `(garbage collector)`. */
export function areaOf(url: string, functionName: string, root: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] as string;
  return path.startsWith('/') ? relative(root, path) : path;
}

export interface SummaryOptions {
  /** How many functions to list (default 15). */
  top?: number;
  /** Only the last this-many ms of the profile (the measured load, not start-up). */
  lastMs?: number;
}

export function summarizeProfile(profile: CpuProfile, root: string, options: SummaryOptions = {}): ProfileSummary {
  const top = options.top ?? 15;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const from = options.lastMs === undefined ? -Infinity : total - options.lastMs * 1000;
  let clock = 0;
  const selfByName = new Map<string, { area: string; ms: number }>();
  const selfByArea = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    clock += profile.timeDeltas[i] ?? 0;
    if (!node || ms <= 0 || clock <= from) return;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    const area = areaOf(url, functionName, root);
    // tsx serves project files as one transformed line: a line number there says nothing.
    const where = url === '' ? '' : area.endsWith('.ts') ? ` (${area})` : ` (${area}:${lineNumber + 1})`;
    const name = `${functionName || '(anonymous)'}${where}`;
    const entry = selfByName.get(name) ?? { area, ms: 0 };
    entry.ms += ms;
    selfByName.set(name, entry);
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + ms);
  });
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : 0);
  const functions = [...selfByName.entries()]
    .map(([name, { area, ms }]) => ({ name, area, selfMs: ms, share: share(ms) }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  const areas = [...selfByArea.entries()]
    .map(([area, ms]) => ({ area, selfMs: ms, share: share(ms) }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return { busyMs, idleMs, functions, areas };
}

/** The main thread's profile in `dir` (the biggest file: tsx's loader thread writes a small one too). */
export function readMainProfile(dir: string): CpuProfile | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
  const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return main ? (JSON.parse(readFileSync(main, 'utf8')) as CpuProfile) : undefined;
}
