import { describe, expect, it } from 'vitest';
import { accessHost, accessPatterns, toMatchPattern } from '@/lib/sessions';
import { normalizeOrigin, parseOriginList } from '@/lib/urls';

describe('origins', () => {
  it('normalizes what people type into origins', () => {
    expect(normalizeOrigin('127.0.0.1:4173')).toBe('https://127.0.0.1:4173');
    expect(normalizeOrigin('http://localhost:3000/path?q=1')).toBe('http://localhost:3000');
    expect(normalizeOrigin('shop.example.com')).toBe('https://shop.example.com');
    expect(normalizeOrigin('ftp://files.example.com')).toBeNull();
    expect(normalizeOrigin('origin!')).toBeNull();
  });

  it('rejects words that are not hosts in a list', () => {
    expect(parseOriginList('https://not an origin!')).toEqual({
      origins: [],
      invalid: ['https://not', 'an', 'origin!'],
    });
    expect(parseOriginList('https://a.example, http://localhost:1')).toEqual({
      origins: ['https://a.example', 'http://localhost:1'],
      invalid: [],
    });
  });

  it('builds match and permission patterns', () => {
    expect(toMatchPattern('http://127.0.0.1:4173', true)).toBe('http://127.0.0.1:4173/*');
    expect(toMatchPattern('http://127.0.0.1:4173', false)).toBe('http://127.0.0.1/*');
  });

  it('asks for host access to the exact port where the browser can say so', () => {
    const origins = ['https://shop.example.com:8443', 'https://shop.example.com:9443'];
    expect(accessPatterns(origins, true)).toEqual([
      'https://shop.example.com:8443/*',
      'https://shop.example.com:9443/*',
    ]);
    // Firefox: no ports in patterns, so the host once.
    expect(accessPatterns(origins, false)).toEqual(['https://shop.example.com/*']);
    expect(accessHost('http://127.0.0.1:4173', true)).toBe('127.0.0.1:4173');
    expect(accessHost('http://127.0.0.1:4173', false)).toBe('127.0.0.1');
  });
});
