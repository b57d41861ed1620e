// The store listing's facts (docs/store.md) and the privacy policy page follow
// the manifest and each other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigEnv, UserManifest } from 'wxt';
import config from '../../wxt.config';

const read = (path: string) => readFileSync(path, 'utf8');
const storeDoc = read('docs/store.md');

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<UserManifest> {
  const { manifest } = config;
  const env: ConfigEnv = { browser, mode: 'production', command: 'build', manifestVersion: 3 };
  return typeof manifest === 'function' ? manifest(env) : ((await manifest) ?? {});
}

/** The `### ` headings of docs/store.md's "Permission justifications". */
function justified(): string {
  const section = storeDoc.split('## Permission justifications')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('### '))
    .join('\n');
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Headings, paragraphs and list items of the Markdown policy, as plain text. */
function markdownBlocks(markdown: string): string[] {
  return markdown
    .trim()
    .split(/\n{2,}/)
    .flatMap((block) =>
      block.startsWith('- ') ? block.split(/\n(?=- )/).map((item) => item.slice(2)) : [block],
    )
    .map((block) => squash(block.replace(/^#+ /, '').replace(/`/g, '')));
}

function htmlBlocks(html: string): string[] {
  return [...html.matchAll(/<(h1|h2|p|li)>([\s\S]*?)<\/\1>/g)].map((m) =>
    squash(decode((m[2] ?? '').replace(/<[^>]+>/g, ''))),
  );
}

function cssVariables(css: string): Map<string, string> {
  return new Map([...css.matchAll(/(--sg-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!]));
}

describe('docs/store.md', () => {
  it.each(['chrome', 'firefox'] as const)(
    'justifies every permission the %s manifest asks for',
    async (browser) => {
      const manifest = await manifestFor(browser);
      const asked = [
        ...(manifest.permissions ?? []),
        ...(manifest.optional_host_permissions ?? []),
        ...(manifest.host_permissions ?? []),
        ...(manifest.commands ? ['commands'] : []),
      ];
      const headings = justified();
      expect(asked.filter((permission) => !headings.includes(`\`${permission}\``))).toEqual([]);
    },
  );

  it('states the minimum browser versions the manifest sets', async () => {
    const chrome = await manifestFor('chrome');
    const firefox = await manifestFor('firefox');
    const gecko = (firefox.browser_specific_settings as { gecko: { strict_min_version: string } })
      .gecko;
    expect(chrome.minimum_chrome_version).toMatch(/^\d+$/);
    expect(storeDoc).toContain(
      `Chrome ${chrome.minimum_chrome_version} (\`minimum_chrome_version\`)`,
    );
    expect(storeDoc).toContain(
      `Firefox ${gecko.strict_min_version.replace(/\.0$/, '')} (\`strict_min_version\`)`,
    );
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
  });
});

describe('privacy policy', () => {
  const html = read('public/privacy.html');

  it('says in the extension (public/privacy.html) what docs/privacy-policy.md says', () => {
    expect(htmlBlocks(html)).toEqual(markdownBlocks(read('docs/privacy-policy.md')));
  });

  it("uses the extension's colours (components/shared/theme.css)", () => {
    const theme = cssVariables(read('components/shared/theme.css'));
    const page = cssVariables(html);
    expect(page.size).toBeGreaterThan(0);
    for (const [name, value] of page) expect([name, value]).toEqual([name, theme.get(name)]);
  });
});
