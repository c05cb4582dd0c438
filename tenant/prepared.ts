/**
 * Entity answers as JSON text composed from parts built once, for the requests that ask for
 * nothing present() would change: JSON, no `$select`, no SO-TimeZone, no language, no deviation
 * mode with a body hook. The parts: the stored entity's JSON (cached per stored object, which
 * never changes: state.ts deep-freezes it, and a change stores a new one), TableRight with
 * FieldProperties (one text per right), and `_Links` (per request: the origin is the caller's).
 * The result is byte for byte what `JSON.stringify(present(...))` writes (prepared.test.ts).
 */
import type { ChatSessionEntity } from '../schemas/index.ts';
import { fieldProperties, isOwn, links, rightFor, type Shape, type ViewContext } from './present.ts';
import { isDeepFrozen } from './state.ts';

/** Properties present() writes over: an entity carrying one of them is left to present(). */
const RESPONSE_ONLY = ['TableRight', 'FieldProperties', '_Links'];

/** `,"TableRight":...,"FieldProperties":...`, for the owner's right and for others'. */
const rightsText = (own: boolean) =>
  `,"TableRight":${JSON.stringify(rightFor(own))},"FieldProperties":${JSON.stringify(fieldProperties())}`;
const OWN = rightsText(true);
const OTHERS = rightsText(false);

/** JSON per stored entity object; '' when it cannot be composed. Weak: a replaced version is collected. */
const entityTexts = new WeakMap<object, string>();

function entityText(entity: ChatSessionEntity): string {
  let text = entityTexts.get(entity);
  if (text === undefined) {
    text = RESPONSE_ONLY.some((k) => Object.hasOwn(entity, k)) ? '' : JSON.stringify(entity);
    if (text === '{}') text = '';
    if (isDeepFrozen(entity)) entityTexts.set(entity, text);
  }
  return text;
}

/**
 * The JSON text of `present(entity, shape, ctx)`, or undefined when this request needs present()
 * itself (a `$select`, a zone, a language, a body hook, a null entity, an entity that cannot be
 * composed). The caller writes the text as JSON.
 */
export function preparedJson(entity: ChatSessionEntity | null, shape: Shape, ctx: ViewContext): string | undefined {
  if (entity === null || ctx.select || ctx.zone || ctx.language || ctx.hooks.reshapesBody) return undefined;
  const text = entityText(entity);
  if (text === '') return undefined;
  const rights = isOwn(entity, ctx.caller) ? OWN : OTHERS;
  const tail = shape === 'links' ? `,"_Links":${JSON.stringify(links(ctx.origin, entity.ChatSessionId))}}` : '}';
  return `${text.slice(0, -1)}${rights}${tail}`;
}
