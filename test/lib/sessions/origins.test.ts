import { describe, expect, it } from 'vitest';
import {
  normalizeOrigin,
  parseOriginList,
  toMatchPattern,
  toPermissionPattern,
} from '@/lib/sessions';

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
    expect(toPermissionPattern('https://shop.example.com:8443')).toBe('https://shop.example.com/*');
  });
});
