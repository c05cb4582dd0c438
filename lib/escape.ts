/**
 * The one XML (and HTML) escaper, for the codec (lib/xml.ts), every JUnit file (lib/junit.ts) and
 * every HTML report. It has no dependencies, so a report writer does not load the schemas to escape.
 */

/** Code-unit classes (as regex source) of what XML cannot carry as it is. */
const C0 = '\\u0001-\\u0008\\u000B\\u000C\\u000E-\\u001F';
const loneSurrogate = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
/** Refused raw in a document: C0 controls, U+0000, U+FFFE/U+FFFF, lone surrogates. */
export const notXmlText = new RegExp(`[\\u0000${C0}\\uFFFE\\uFFFF]|${loneSurrogate}`);
/** What escapeXml looks at: markup, CR, C1 controls, U+2028 and what no XML text may hold raw (above). */
const special = new RegExp(`[&<>"'\\r\\u007F-\\u009F\\u2028\\u0000${C0}\\uFFFE\\uFFFF]|${loneSurrogate}`, 'g');
const markup: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Reports drop what XML 1.0 cannot carry (a JUnit reader would refuse the file) and keep the rest as it is. */
const dropUnreadable = (c: string) => (notXmlText.test(c) ? '' : c);

/**
 * Escapes text for XML or HTML: & < > " ' become entities, so the result is safe as element text and
 * as a quoted attribute value alike. Each other character a strict reader may refuse or change (C0
 * and C1 controls, CR, U+2028, U+0000, U+FFFE/U+FFFF, lone surrogates) goes to `unusual`: by default
 * those no XML 1.0 document can hold are dropped and the others kept as they are.
 */
export function escapeXml(text: string, unusual: (c: string) => string = dropUnreadable): string {
  return text.replace(special, (c) => markup[c] ?? unusual(c));
}
