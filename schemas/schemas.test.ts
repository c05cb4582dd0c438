import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rawSchema, validate, validateSelected } from './index.ts';
import { loadSample, referenceSamples } from './samples.ts';

const sample = (file: string) => loadSample(file);

describe('reference samples @ENTITY-SAMPLES', () => {
  for (const { file, schema, page } of referenceSamples) {
    test(`${page}: ${file} validates against ${schema}`, () => {
      assert.deepEqual(validate(schema, sample(file)), { ok: true, errors: [] });
    });
  }
});

describe('ChatSessionEntity @ENTITY-SHAPE', () => {
  const good = () => sample('put-request.json');

  test('rejects a wrong type with the path of the value', () => {
    const result = validate('ChatSessionEntity', { ...good(), Rating: 'high' });
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors, ['/Rating must be integer (got "high")']);
  });

  test('rejects a missing required property by name', () => {
    const { CustomerEmail: _dropped, ...rest } = good();
    assert.deepEqual(validate('ChatSessionEntity', rest).errors, ['(root) must have property "CustomerEmail"']);
  });

  test('rejects a wrong type inside a nested carrier', () => {
    const result = validate('ChatSessionEntity', { ...good(), User: { AssociateId: 'five' } });
    assert.deepEqual(result.errors, ['/User/AssociateId must be integer (got "five")']);
  });

  test('accepts carriers as null or as objects with their key field', () => {
    const withCarriers = {
      ...good(),
      User: { AssociateId: 5, Name: 'tje0', UserName: 'tje0' },
      Contact: { ContactId: 2, Name: 'SuperOffice ASA' },
    };
    assert.equal(validate('ChatSessionEntity', withCarriers).ok, true);
  });

  test('rejects an int32 out of range', () => {
    assert.equal(validate('ChatSessionEntity', { ...good(), ChatSessionId: 2 ** 31 }).ok, false);
  });

  for (const when of [
    '2020-02-18T02:30:52',
    '2020-02-18T02:30:52.3661722+01:00',
    '0001-01-01T00:00:00',
    '2020-02-18T02:30:52Z',
  ] as const) {
    test(`accepts the date-time form ${when}`, () => {
      assert.equal(validate('ChatSessionEntity', { ...good(), WhenIdle: when }).ok, true);
    });
  }

  for (const when of ['2020-02-18', 'yesterday', '18.02.2020 02:30'] as const) {
    test(`rejects the date-time ${JSON.stringify(when)}`, () => {
      assert.deepEqual(validate('ChatSessionEntity', { ...good(), WhenIdle: when }).errors, [
        `/WhenIdle must match format "iso-date-time" (got "${when}")`,
      ]);
    });
  }

  test('rejects a Status outside the enum @ENTITY-STATUS', () => {
    const [error] = validate('ChatSessionEntity', { ...good(), Status: 'Open' }).errors;
    assert.match(
      error ?? '',
      /^\/Status must be equal to one of the allowed values: Invalid, .*ClosedFromQueue \(got "Open"\)$/,
    );
  });

  for (const flags of ['CustomerIsTyping', 'UserIsTyping'] as const) {
    test(`accepts Flags ${JSON.stringify(flags)} @ENTITY-FLAGS`, () => {
      assert.equal(validate('ChatSessionEntity', { ...good(), Flags: flags }).ok, true);
    });
  }

  const oneName = 'one ChatSessionFlags name, as the published definitions say';
  for (const flags of ['Typing', 'CustomerIsTyping, UserIsTyping', 1] as const) {
    test(`rejects Flags ${JSON.stringify(flags)}: ${oneName} @ENTITY-FLAGS`, () => {
      assert.equal(validate('ChatSessionEntity', { ...good(), Flags: flags }).ok, false);
    });
  }

  test('takes an associate Type from the UserType enum, or null', () => {
    const withType = (Type: unknown) => ({ ...good(), User: { AssociateId: 5, Type } });
    assert.equal(validate('ChatSessionEntity', withType('InternalAssociate')).ok, true);
    assert.equal(validate('ChatSessionEntity', withType(null)).ok, true);
    assert.match(
      validate('ChatSessionEntity', withType('Employee')).errors.join(),
      /\/User\/Type must be equal to one/,
    );
  });

  test('has a Sale Title, as the published Sale carrier does', () => {
    assert.equal(validate('Sale', { SaleId: 1, Title: 'Renewal' }).ok, true);
    assert.equal(validate('Sale', { SaleId: 1, Title: 7 }).ok, false);
    assert.deepEqual(Object.keys(rawSchema('Sale').properties as object), ['SaleId', 'Title', 'Amount']);
  });

  test('allows properties a newer API version adds, at the top and in carriers', () => {
    const newer = { ...good(), ChatbotName: 'Bot', User: { AssociateId: 5, ExtraFields: {}, CustomFields: {} } };
    assert.equal(validate('ChatSessionEntity', newer).ok, true);
  });
});

describe('ChatSessionEntityWithLinks @ENTITY-LINKS', () => {
  test('requires _Links, TableRight and FieldProperties', () => {
    const { _Links: _l, TableRight: _t, ...entity } = sample('put-response.json');
    assert.deepEqual(validate('ChatSessionEntityWithLinks', entity).errors, [
      '(root) must have property "TableRight"',
      '(root) must have property "_Links"',
    ]);
  });

  const withRights = (tableMask: string, fieldMask: string) => ({
    ...sample('put-response.json'),
    TableRight: { Mask: tableMask, Reason: '' },
    FieldProperties: {
      Rating: {
        FieldRight: { Mask: fieldMask, Reason: '[SR_ACCESS_ASSOCCONT_DELETE]' },
        FieldType: 'System.Int32',
        FieldLength: 0,
      },
    },
  });

  // Masks as captured answers (the official client's __tests__ fixtures) and the enums write them.
  for (const [table, field] of [
    ['FULL', 'Update'],
    ['URI', 'Read'],
    ['Select, Update, Insert, Delete', 'Update, UIHintMandatory'],
    ['RI, RestrictedUpdate', 'Update, Unused4'],
    ['None', 'Unused4, UIHintReadOnly'],
  ] as const) {
    test(`accepts TableRight "${table}" and FieldRight "${field}"`, () => {
      assert.deepEqual(validate('ChatSessionEntityWithLinks', withRights(table, field)).errors, []);
    });
  }

  for (const [table, field, wrong] of [
    ['FULL', 'FULL', '/FieldProperties/Rating/FieldRight/Mask'],
    ['FULL', 'R', '/FieldProperties/Rating/FieldRight/Mask'],
    ['Read', 'Update', '/TableRight/Mask'],
    ['FULL,,URI', 'Update', '/TableRight/Mask'],
  ] as const) {
    test(`rejects TableRight "${table}" with FieldRight "${field}": ${wrong} names no right of its enum`, () => {
      const [error] = validate('ChatSessionEntityWithLinks', withRights(table, field)).errors;
      assert.match(error ?? '', new RegExp(`^${wrong} must match pattern`));
    });
  }

  test('rejects a FieldProperties entry without FieldType', () => {
    const body = { ...sample('put-response.json'), FieldProperties: { Rating: { FieldRight: null, FieldLength: 0 } } };
    assert.deepEqual(validate('ChatSessionEntityWithLinks', body).errors, [
      '/FieldProperties/Rating must have property "FieldType"',
    ]);
  });
});

describe('request documents', () => {
  test('PickUp request needs an integer ChatSessionId @PICK-200', () => {
    assert.deepEqual(validate('PickUpChatSessionRequest', { ChatSessionId: '5x' }).errors, [
      '/ChatSessionId must be integer (got "5x")',
    ]);
  });

  for (const op of ['move', 'copy'] as const) {
    test(`JSON Patch refuses op ${op} @PATCH-NOMOVE`, () => {
      const [error] = validate('JsonPatchDocument', [{ op, from: '/Rating', path: '/AlertLevel' }]).errors;
      assert.match(error ?? '', /^\/0\/op must be equal to one of the allowed values: add, replace, remove, test/);
    });
  }

  test('JSON Patch replace needs a value @PATCH-OPS', () => {
    assert.deepEqual(validate('JsonPatchDocument', [{ op: 'replace', path: 'Rating' }]).errors, [
      '/0 must have property "value"',
    ]);
  });

  test('JSON Patch remove needs no value @PATCH-OPS', () => {
    assert.equal(validate('JsonPatchDocument', [{ op: 'remove', path: 'User' }]).ok, true);
  });

  test('a merge patch is an object, not an array @PATCH-MERGE', () => {
    assert.equal(validate('MergePatchDocument', { Rating: 3 }).ok, true);
    assert.equal(validate('MergePatchDocument', [{ Rating: 3 }]).ok, false);
  });

  test('the error body needs Error: true and a message, and any ErrorType or none', () => {
    const documented = { Error: true, ErrorType: 'SoNotFoundException', ErrorMessage: 'not found', ErrorSource: 'x' };
    assert.equal(validate('ErrorBody', documented).ok, true);
    assert.equal(
      validate('ErrorBody', { Error: true, ErrorType: 'System.ArgumentException', ErrorMessage: 'm' }).ok,
      true,
    );
    assert.equal(validate('ErrorBody', { Error: true, ErrorMessage: 'no type at all' }).ok, true);
    assert.deepEqual(validate('ErrorBody', { Error: true, ErrorType: 'X' }).errors, [
      '(root) must have property "ErrorMessage"',
    ]);
    assert.match(
      validate('ErrorBody', { Error: false, ErrorMessage: 'm' }).errors.join(),
      /^\/Error must be equal to constant/,
    );
  });
});

describe('$select responses @SELECT-FIELDS', () => {
  const nulledBut = (keep: string[]) =>
    Object.fromEntries(Object.entries(sample('put-response.json')).map(([k, v]) => [k, keep.includes(k) ? v : null]));

  test('allow nulls everywhere but the selected properties', () => {
    assert.equal(
      validateSelected('ChatSessionEntityWithLinks', ['rating', 'status'], nulledBut(['Rating', 'Status'])).ok,
      true,
    );
  });

  test('still require the selected properties to have their type', () => {
    const body = { ...nulledBut(['Rating']), Rating: null };
    assert.deepEqual(validateSelected('ChatSessionEntityWithLinks', ['Rating'], body).errors, [
      '/Rating must be integer (got null)',
    ]);
  });

  test('nested paths keep their top-level property @SELECT-NESTED', () => {
    const body = { ...nulledBut([]), User: { AssociateId: 'x' } };
    assert.equal(validateSelected('ChatSessionEntity', ['User/AssociateId'], body).ok, false);
  });
});
