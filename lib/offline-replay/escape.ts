/**
 * Text put inside the offline replay's HTML. The document is opened from
 * disk by someone who trusts it: nothing recorded may close a tag, open a
 * comment or end a script early.
 */

const HTML_SPECIAL: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c]!);
}

const JSON_SPECIAL: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text safe inside `<script type="application/json">`: these characters
 * only occur inside JSON strings, where their \u escapes mean the same, so
 * `</script`, `<!--` and the JavaScript line separators cannot appear.
 */
export function jsonForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => JSON_SPECIAL[c]!);
}

/**
 * The player's code as the text of an inline script. `</script` would end
 * it and `<!--` can change how the rest is parsed; `<\/` means `</` in a
 * JavaScript string or regular expression, where a bundle has them. A
 * `<!--` has no such spelling, so a player holding one is refused.
 */
export function inlineScriptText(source: string): string {
  const text = source.replace(/<\/(script)/gi, '<\\/$1');
  if (text.includes('<!--'))
    throw new Error('The player script holds "<!--": it cannot be inlined.');
  return text;
}

/** The CSP source that admits exactly this inline script. */
export async function scriptHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}
