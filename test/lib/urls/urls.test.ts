import { describe, expect, it } from 'vitest';
import {
  needsSchemeChoice,
  isHttpUrl,
  MAX_URL_CHARS,
  originOf,
  parseHttpUrl,
  storedUrl,
  storedUrlsInText,
} from '@/lib/urls';

describe('stored URLs', () => {
  it('keep the origin, the path and the query’s names, never values, fragments or credentials', () => {
    expect(
      storedUrl('https://app.example/reset?reset_token=abc123&lang=en#access_token=xyz', false),
    ).toBe('https://app.example/reset?reset_token=&lang=');
    expect(storedUrl('https://user:secret@app.example/a/b?debug&x=1=2#top', false)).toBe(
      'https://app.example/a/b?debug&x=',
    );
    expect(storedUrl('http://127.0.0.1:4173/#/route?token=1', false)).toBe(
      'http://127.0.0.1:4173/',
    );
    expect(storedUrl('http://127.0.0.1:4173/?', false)).toBe('http://127.0.0.1:4173/');
  });

  it('keep the URL whole when asked to', () => {
    const url = 'https://app.example/search?q=refund#results';
    expect(storedUrl(url, true)).toBe(url);
  });

  it('stay within the stored length, dropping the query and then the path', () => {
    // Parsing percent-encodes: 1,000 characters of path become 6,000.
    const encoded = `https://app.example/${'é'.repeat(1_000)}?q=1`;
    expect(storedUrl(encoded, false)).toBe('https://app.example/');
    expect(storedUrl(encoded, true)).toBe(encoded);
    const longQuery = `https://app.example/x?q=${'a'.repeat(MAX_URL_CHARS)}`;
    expect(storedUrl(longQuery, true)).toBe('https://app.example/x?q=');
  });

  it('strip URLs inside free text the same way, leaving stack positions', () => {
    const stack =
      'Error: x\n    at f (https://cdn.example/app.js?v=abc123:10:5)\n    at https://app.example/p#frag';
    expect(storedUrlsInText(stack, false)).toBe(
      'Error: x\n    at f (https://cdn.example/app.js?v=:10:5)\n    at https://app.example/p',
    );
    expect(storedUrlsInText('GET https://app.example/api?token=abc failed', false)).toBe(
      'GET https://app.example/api?token= failed',
    );
    expect(storedUrlsInText('GET https://app.example/api?token=abc', true)).toContain('abc');
  });

  it('know an http(s) URL', () => {
    expect(isHttpUrl('https://app.example/')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'not a url', ''])
      expect(isHttpUrl(bad)).toBe(false);
  });
});

describe('origins of URLs', () => {
  it('gives the origin of http(s) URLs only', () => {
    expect(originOf('https://shop.example.com:8443/cart?x=1#y')).toBe(
      'https://shop.example.com:8443',
    );
    expect(originOf('http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173');
    for (const other of ['data:text/plain,hi', 'chrome://extensions', 'not a url', '', undefined])
      expect(originOf(other), String(other)).toBeNull();
    expect(parseHttpUrl('ftp://example.com/a')).toBeNull();
    expect(parseHttpUrl('https://example.com/a b')?.pathname).toBe('/a%20b');
  });
});

describe('origins typed without a scheme', () => {
  it('asks for loopback, localhost and hosts with a port', () => {
    for (const typed of [
      '127.0.0.1:4173',
      '127.0.0.1',
      'localhost',
      'localhost:3000',
      'app.localhost',
      '[::1]:8080',
      'staging.example.com:8443',
      '  192.168.1.20:8000 ',
    ]) {
      expect(needsSchemeChoice(typed), typed).toBe(true);
    }
  });

  it('does not ask when the scheme is typed, for a public name, or for what is no origin', () => {
    for (const typed of [
      'http://127.0.0.1:4173',
      'https://localhost:3000',
      'app.example.com',
      'app.example.com/path',
      '',
      'not an origin',
      'ftp://x.example:21',
    ]) {
      expect(needsSchemeChoice(typed), typed).toBe(false);
    }
  });
});
