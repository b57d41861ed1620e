import { describe, expect, it, vi } from 'vitest';
import { onTrusted } from '@/lib/annotations/overlay/trusted';

describe('onTrusted', () => {
  it('ignores events dispatched by script, as a page dispatches forged keys and clicks', () => {
    const target = new EventTarget();
    const handler = vi.fn();
    onTrusted(target, 'keydown', handler);
    // Every event made by script is untrusted, in Node as in the page.
    target.dispatchEvent(new Event('keydown'));
    target.dispatchEvent(new CustomEvent('keydown', { detail: { isTrusted: true } }));
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes on events the browser made from real input, and stops listening on demand', () => {
    let listener: ((event: unknown) => void) | null = null;
    const target = {
      addEventListener: (_type: string, fn: (event: unknown) => void) => (listener = fn),
      removeEventListener: () => (listener = null),
    } as unknown as EventTarget;
    const handler = vi.fn();
    const stop = onTrusted(target, 'click', handler);
    const real = { type: 'click', isTrusted: true };
    listener!(real);
    expect(handler).toHaveBeenCalledWith(real);
    stop();
    expect(listener).toBe(null);
  });
});
