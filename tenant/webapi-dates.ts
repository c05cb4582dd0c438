/**
 * A child process for tenant/webapi.test.ts: the official client reads and saves sessions under the
 * host time zone it is started with (TZ), once plainly and once with the documented work-around of
 * asking for offsets (SO-TimeZone `UTC, includeTZOffset`), and prints what the tenant stored as JSON.
 * The client reads offset-less date-times as host-local time, so only a separate process can show
 * what it does under another TZ. Not a test file itself.
 */
import { ChatAgent } from './webapi-client.ts';
import { dateFields } from './timezone.ts';
import { startTenant } from './start.ts';

const auth = { username: 'tje0', password: 'Tje0' };
const running = await startTenant({ seedSessions: 20 });
const whenOf = (id: number) =>
  Object.fromEntries(dateFields.map((f) => [f, running.control.getSession(id)?.[f]])) as Record<string, string>;

try {
  const plain = new ChatAgent(running.url, { auth });
  const withOffsets = new ChatAgent({
    baseUrl: running.url,
    timezone: 'UTC',
    timezoneInclude: true,
    axiosConfig: { auth },
  });
  const result: Record<string, unknown> = { tz: process.env.TZ, offset: new Date(2024, 2, 1).getTimezoneOffset() };
  for (const [name, agent, id] of [
    ['plain', plain, 1],
    ['offsets', withOffsets, 2],
  ] as const) {
    const before = whenOf(id);
    const entity = await agent.getChatSessionEntityAsync(id);
    await agent.saveChatSessionEntityAsync(entity);
    result[name] = { before, after: whenOf(id) };
  }
  console.log(JSON.stringify(result));
} finally {
  await running.close();
}
