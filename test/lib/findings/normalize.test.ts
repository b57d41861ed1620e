import { describe, expect, it } from 'vitest';
import { normalizeMessage, normalizePath } from '@/lib/findings';

describe('normalizePath', () => {
  it('keeps the path only: origin, query string and fragment dropped', () => {
    expect(normalizePath('https://app.example/payouts?status=open&page=2#top')).toBe('/payouts');
    expect(normalizePath('https://app.example/payouts/?status=')).toBe('/payouts');
    expect(normalizePath('http://127.0.0.1:4173/')).toBe('/');
    expect(normalizePath('/settings/bank#iban')).toBe('/settings/bank');
    expect(normalizePath('')).toBe('/');
  });

  it('replaces numbers, UUIDs, dates, hashes and ids with placeholders', () => {
    expect(normalizePath('https://app.example/payouts/123')).toBe('/payouts/:n');
    expect(normalizePath('/customers/550e8400-E29B-41d4-a716-446655440000/edit')).toBe(
      '/customers/:uuid/edit',
    );
    expect(normalizePath('/reports/2024-01-31')).toBe('/reports/:date');
    expect(normalizePath('/reports/2024-01')).toBe('/reports/:date');
    expect(normalizePath('/reports/31-01-2024/01.31.2024')).toBe('/reports/:date/:date');
    expect(normalizePath('/commits/9fceb02d0ae598e95dc970b74767f19372d61af8')).toBe(
      '/commits/:hash',
    );
    expect(normalizePath('/payouts/po_1234/lines/INV-2024-001')).toBe('/payouts/:id/lines/:id');
    expect(normalizePath('/u/usr8f3k2q')).toBe('/u/:id');
  });

  it('leaves words that merely contain a digit alone', () => {
    expect(normalizePath('/api/v2/step3/oauth2/2fa')).toBe('/api/v2/step3/oauth2/2fa');
    expect(normalizePath('/help/getting-started')).toBe('/help/getting-started');
  });

  it('gives two participants’ URLs of the same page the same path', () => {
    expect(normalizePath('https://app.example/accounts/881/payouts/po_9931?tab=history')).toBe(
      normalizePath('https://app.example/accounts/42/payouts/po_1207'),
    );
  });

  it('decodes segments and survives what is not a URL', () => {
    expect(normalizePath('/caf%C3%A9/a%20b')).toBe('/café/a b');
    expect(normalizePath('/bad%E0%A4%A')).toBe('/bad%E0%A4%A');
    expect(normalizePath('not a url?q=1')).toBe('/not a url');
  });
});

describe('normalizeMessage', () => {
  it('replaces numbers, ids, hex, UUIDs, dates, URLs and quoted values', () => {
    expect(normalizeMessage('Payout 42 failed for po_1234')).toBe('Payout :n failed for :id');
    expect(normalizeMessage('Bad pointer 0x7ffe12 and a3f9c2d1e4')).toBe(
      'Bad pointer :hex and :hex',
    );
    expect(
      normalizeMessage('No row 550e8400-e29b-41d4-a716-446655440000 on 2024-01-02T10:00:00Z'),
    ).toBe('No row :uuid on :date');
    expect(normalizeMessage('Failed to fetch https://api.example/payouts/7?x=1.')).toBe(
      'Failed to fetch :url',
    );
    expect(normalizeMessage(`Unknown status "pending" ('draft') \`x\``)).toBe(
      'Unknown status :str (:str) :str',
    );
    expect(normalizeMessage('Amount -3.50 is below 0')).toBe('Amount :n is below :n');
  });

  it('makes the same error read the same for every participant', () => {
    expect(
      normalizeMessage("Uncaught TypeError: Cannot read properties of undefined (reading 'x')"),
    ).toBe(normalizeMessage("TypeError: Cannot read properties of undefined (reading 'y')"));
    expect(normalizeMessage('Invalid IBAN ********')).toBe(normalizeMessage('Invalid IBAN ****'));
    expect(normalizeMessage('  a \n  b  ')).toBe('a b');
  });

  it('tells different errors apart', () => {
    expect(normalizeMessage("Can't load the user's data")).toBe("Can't load the user's data");
    expect(normalizeMessage("Can't load the user's data")).not.toBe(
      normalizeMessage("Can't save the team's data"),
    );
    expect(normalizeMessage('TypeError: x is not a function')).not.toBe(
      normalizeMessage('RangeError: Invalid array length'),
    );
  });

  it('keeps a long message bounded', () => {
    expect(normalizeMessage('word '.repeat(10_000)).length).toBeLessThanOrEqual(300);
  });
});
