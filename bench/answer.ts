/**
 * The answer the two ceiling servers send: the embedded tenant's own ~4.8 KB
 * ChatSessionEntityWithLinks for the bench's PUT, got once through the tenant's inject(), so a
 * generator that validates every answer does the same work against a ceiling as against the tenant.
 */
import { authHeaders } from '../lib/headers.ts';
import { embeddedUsers } from '../lib/embedded-users.ts';
import { buildPutBody } from '../load/scenario/put-body.ts';
import { buildTenant } from '../tenant/app.ts';
import { seedSession } from '../tenant/seed.ts';

/** The tenant's answer to the bench's PUT of session 400, as UTF-8 bytes; throws unless it is a 200. */
export async function preparedAnswer(): Promise<Buffer> {
  const user = embeddedUsers[0]!;
  const tenant = await buildTenant({ latency: {}, faults: {}, deviations: [] });
  try {
    const answer = await tenant.inject({
      method: 'PUT',
      url: '/api/v1/ChatSession/400',
      headers: {
        ...authHeaders({ scheme: 'basic', username: user.username, password: user.password }),
        'content-type': 'application/json',
      },
      payload: JSON.stringify(buildPutBody(seedSession(400), 1, Date.UTC(2024, 5, 1, 8, 30))),
    });
    if (answer.statusCode !== 200) throw new Error(`the tenant answered ${answer.statusCode} to the prepared PUT`);
    return Buffer.from(answer.body);
  } finally {
    await tenant.close();
  }
}
