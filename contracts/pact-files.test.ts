import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { arrangeablePacts, interactionsIn, pactFiles } from './pact-files.ts';
import { toReport } from './verify.ts';

const dir = mkdtempSync(join(tmpdir(), 'pact-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const other = 'chat session {id} belongs to another user';
const target = 'associate {toAssociate} can take transfers';
const v4 = {
  consumer: { name: 'C' },
  provider: { name: 'P' },
  interactions: [
    { description: 'PUT-200 saves', providerStates: [{ name: 'chat session {id} exists' }] },
    { description: 'XFER-NOTOWNER changes nothing', providerStates: [{ name: other }, { name: target }] },
  ],
};
const v2 = { interactions: [{ description: 'XFER-200 old format', providerState: target }] };
writeFileSync(join(dir, 'a.json'), JSON.stringify(v4));
writeFileSync(join(dir, 'b.json'), JSON.stringify(v2));
const files = pactFiles(dir);

describe('the pacts a verification replays', () => {
  test('are the originals when every state can be arranged', () => {
    const replay = arrangeablePacts(files, new Map());
    assert.deepEqual(replay.files, files);
    assert.deepEqual(replay.notRun, []);
  });

  test('leave out each interaction whose state cannot be arranged, with the reason, in V4 and V2 pacts', () => {
    const cannot = new Map([
      [other, 'needs a second user'],
      [target, 'needs TRANSFER_TO_ASSOCIATE'],
    ]);
    const replay = arrangeablePacts(files, cannot);
    try {
      assert.deepEqual(interactionsIn(replay.files), ['PUT-200 saves']);
      assert.equal(replay.files.length, 1, 'a pact left with no interaction is not replayed');
      assert.deepEqual(replay.notRun, [
        {
          description: 'XFER-NOTOWNER changes nothing',
          reason: [`provider state "${other}" needs a second user`, `"${target}" needs TRANSFER_TO_ASSOCIATE`].join(
            '; provider state ',
          ),
        },
        { description: 'XFER-200 old format', reason: `provider state "${target}" needs TRANSFER_TO_ASSOCIATE` },
      ]);
      assert.deepEqual(JSON.parse(readFileSync(replay.files[0]!, 'utf8')).consumer, { name: 'C' });
    } finally {
      replay.dispose();
    }
    assert.ok(!existsSync(dirname(replay.files[0]!)), 'the copies are removed');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')), v4, 'the original is unchanged');
  });
});

describe('a verification whose handler could not arrange a state (broker pacts, not filtered beforehand)', () => {
  const failure = (given: string, description: string) => ({
    interaction: `Verifying a pact between C and P Given ${given} - ${description}`,
    mismatch: { mismatches: [{ mismatch: 'expected 200 but was 404' }] },
  });
  const raw = JSON.stringify({
    result: false,
    errors: [
      failure(`${other} And ${target}`, 'XFER-NOTOWNER changes nothing'),
      failure('chat session {id} exists', 'PUT-200 saves'),
    ],
  });

  test('reports a failure under that state as not run, with the reason, and any other failure as failed', () => {
    const report = toReport(raw, {
      expected: ['PUT-200 saves', 'XFER-NOTOWNER changes nothing'],
      provider: 'P',
      target: 'live',
      notArranged: new Map([[other, 'needs a second user']]),
    });
    assert.deepEqual(report.notRun, [
      { description: 'XFER-NOTOWNER changes nothing', reason: `provider state "${other}" needs a second user` },
    ]);
    assert.deepEqual(
      report.interactions.map((i) => [i.description, i.passed]),
      [['PUT-200 saves', false]],
    );
    assert.equal(report.failed, 1);
  });
});
