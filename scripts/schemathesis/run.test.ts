import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { embeddedUsers } from '../../lib/embedded-users.ts';
import { configToml, documentedOperations, junitOutcomes } from './run.ts';

describe('the schemathesis stage', () => {
  test('runs the four documented operations', () => {
    assert.deepEqual(documentedOperations, [
      'v1ChatSessionEntity_PutChatSessionEntity',
      'v1ChatSessionEntity_PatchChatSessionEntity',
      'v1ChatAgent_PickUpChatSession',
      'v1ChatSessionEntity_TransferChatSession',
    ]);
  });

  test('reads a failed and a passed operation from the JUnit report', () => {
    const xml = `<testsuite><testcase name="PUT /a" time="1" /><testcase name="POST /b" time="2">
      <failure type="failure" message="ST202">x</failure></testcase></testsuite>`;
    assert.deepEqual(junitOutcomes(xml), [
      { name: 'PUT /a', failed: false },
      { name: 'POST /b', failed: true },
    ]);
  });

  test('takes the password from the environment, never the command line, and knows every seed user', () => {
    const toml = configToml();
    assert.match(toml, /password = "\$\{SCHEMATHESIS_PASSWORD\}"/);
    for (const u of embeddedUsers) {
      assert.ok(!toml.includes(u.password), `${u.username}'s password is in the config`);
      assert.ok(toml.includes(`"${u.username}"`), u.username);
    }
  });
});
