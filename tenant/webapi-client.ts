/**
 * The official @superoffice/webapi client, loaded from its CommonJS build: that is the build plain
 * Node can load (its ESM build imports files without extensions and fails with
 * ERR_MODULE_NOT_FOUND for dist/esm/WebApiBase; only a lenient resolver such as tsx's hides that).
 */
import { createRequire } from 'node:module';

type WebApi = typeof import('@superoffice/webapi');

export const { ChatAgent } = createRequire(import.meta.url)('@superoffice/webapi') as WebApi;
export type ChatAgent = InstanceType<WebApi['ChatAgent']>;
