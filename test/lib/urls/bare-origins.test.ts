import { describe, expect, it } from 'vitest';
import { applyScheme, parseOriginList, resolveBareOrigins } from '@/lib/urls';

describe('origins typed without a scheme in the quick start', () => {
  it('take the scheme of the current tab when its host matches', () => {
    expect(resolveBareOrigins('127.0.0.1:4173', 'http://127.0.0.1:4173')).toEqual({
      text: 'http://127.0.0.1:4173',
      fromTab: ['127.0.0.1:4173'],
      unsure: [],
    });
    expect(resolveBareOrigins('app.example.com', 'http://app.example.com').text).toBe(
      'http://app.example.com',
    );
    expect(resolveBareOrigins('localhost:8443/path', 'https://localhost:8443').text).toBe(
      'https://localhost:8443/path',
    );
  });

  it('are asked when the host is not the tab’s and https:// may be wrong', () => {
    const result = resolveBareOrigins('127.0.0.1:4173\n127.0.0.1:4174', 'http://127.0.0.1:4173');
    expect(result).toEqual({
      text: 'http://127.0.0.1:4173\n127.0.0.1:4174',
      fromTab: ['127.0.0.1:4173'],
      unsure: ['127.0.0.1:4174'],
    });
    expect(resolveBareOrigins('localhost:3000', null).unsure).toEqual(['localhost:3000']);
    // Same host, other port: another origin, so it is asked.
    expect(resolveBareOrigins('127.0.0.1:9000', 'http://127.0.0.1:4173').unsure).toEqual([
      '127.0.0.1:9000',
    ]);
  });

  it('leave alone what has a scheme, and public hosts (https://)', () => {
    const text = 'https://127.0.0.1:4173, shop.example.com';
    expect(resolveBareOrigins(text, 'http://127.0.0.1:4173')).toEqual({
      text,
      fromTab: [],
      unsure: [],
    });
    expect(parseOriginList(text).origins).toEqual([
      'https://127.0.0.1:4173',
      'https://shop.example.com',
    ]);
  });

  it('gets the scheme chosen for one of them, keeping separators', () => {
    expect(
      applyScheme('a.example.com, 127.0.0.1:4174\n127.0.0.1:4174', '127.0.0.1:4174', 'http'),
    ).toBe('a.example.com, http://127.0.0.1:4174\nhttp://127.0.0.1:4174');
  });
});
