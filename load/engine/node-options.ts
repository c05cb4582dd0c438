/**
 * Node options for the process the embedded engine runs in (the main job's load stage, `npm run
 * load`, the load proofs): a young generation of up to 64 MB, so the short-lived objects of each
 * exchange (answer text, parsed entity, undici's buffers) die young instead of being promoted, and
 * the old-generation marking they caused stops pausing the loop while answers arrive. Measured in
 * the load stage of npm test, fidelity at 200 ms: p99 error 2.73 % and 3.49 % without, 1.25 % and
 * 1.32 % with. package.json's `npm run load` passes the same option to tsx (node-options.test.ts
 * holds the two equal).
 */
export const ENGINE_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];
