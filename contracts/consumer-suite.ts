/**
 * The consumer tests in one node:test process, one file after another (each file's tests in
 * order, as in a process of its own): they all add to one pact file, and a process per file cost
 * each file a tsx start and a load of Pact's core. run-consumer.ts runs this file.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumerTestFiles } from './run-consumer.ts';

const root = join(import.meta.dirname, '..');
for (const file of consumerTestFiles()) await import(pathToFileURL(join(root, file)).href);
