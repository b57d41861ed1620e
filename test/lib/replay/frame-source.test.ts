import { describe, expect, it } from 'vitest';
import { replayFrameDataUrl } from '@/lib/replay';

describe('the replay frame as a data: URL', () => {
  it("names the page's own files by absolute URL, leaving other URLs alone", () => {
    const html =
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">' +
      '<script type="module" crossorigin src="/chunks/replay-1.js"></script>' +
      '<link rel="stylesheet" href="/assets/replay-1.css"><a href="//elsewhere/x">';
    const url = replayFrameDataUrl(html, 'chrome-extension://abc');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const text = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(text).toContain('src="chrome-extension://abc/chunks/replay-1.js"');
    expect(text).toContain('href="chrome-extension://abc/assets/replay-1.css"');
    expect(text).toContain('href="//elsewhere/x"');
    expect(text).toContain("default-src 'none'");
  });
});
