import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineScriptText, jsonForScript, scriptHash } from '@/lib/offline-replay';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!--<script>',
  '\u2028\u2029',
  '"&<>\'',
  ']]></style>',
];

describe('text inside the offline replay', () => {
  it('keeps hostile strings inside JSON script blocks and reads them back unchanged', () => {
    for (const s of HOSTILE) {
      const json = jsonForScript(JSON.stringify({ note: s, [s]: [s] }));
      expect(json).not.toMatch(/<\/script|<!--|<|>|\u2028|\u2029/i);
      expect(JSON.parse(json)).toEqual({ note: s, [s]: [s] });
    }
  });

  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<b title="x">'&'</b>`)).toBe(
      '&lt;b title=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;',
    );
  });

  it('inlines a player whose strings hold </script, which then still mean the same', () => {
    const source = 'globalThis.x = "</script>" + "</SCRIPT>";';
    const text = inlineScriptText(source);
    expect(text).not.toMatch(/<\/script/i);
    const scope: { x?: string } = {};
    new Function('globalThis', text)(scope);
    expect(scope.x).toBe('</script></SCRIPT>');
  });

  it('refuses a player holding <!--', () => {
    expect(() => inlineScriptText('var a = "<!--";')).toThrow(/<!--/);
  });

  it('hashes the script as CSP expects (sha256, base64)', async () => {
    // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
    expect(await scriptHash('alert(1)')).toBe(
      "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='",
    );
  });
});
