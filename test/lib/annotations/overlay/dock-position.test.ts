import { describe, expect, it } from 'vitest';
import { anchorFor, fitDock, parseStoredDock } from '@/lib/annotations/overlay/dock-position';

const view = { width: 1280, height: 800 };
const badge = { width: 400, height: 48 };

describe('where the overlay sits', () => {
  it('anchors the badge to its nearest corner, by the edges it is nearest', () => {
    expect(anchorFor({ left: 120, top: 90, ...badge }, view)).toEqual({
      h: 'left',
      x: 120,
      v: 'top',
      y: 90,
    });
    expect(anchorFor({ left: 864, top: 736, ...badge }, view)).toEqual({
      h: 'right',
      x: 16,
      v: 'bottom',
      y: 16,
    });
  });

  it('never puts it outside the window, however far it is dragged', () => {
    expect(anchorFor({ left: -300, top: 5_000, ...badge }, view)).toEqual({
      h: 'left',
      x: 0,
      v: 'bottom',
      y: 0,
    });
  });

  it('fits a stored place into a window smaller than when it was stored', () => {
    expect(fitDock({ h: 'left', x: 1_200, v: 'top', y: 900 }, badge, view)).toEqual({
      h: 'left',
      x: 880,
      v: 'top',
      y: 752,
    });
  });

  it("reads only this session's well-formed record", () => {
    const good = { sessionId: 's-1', h: 'left', x: 10, v: 'top', y: 20, collapsed: true };
    expect(parseStoredDock(good, 's-1')).toEqual({
      h: 'left',
      x: 10,
      v: 'top',
      y: 20,
      collapsed: true,
    });
    for (const bad of [
      null,
      'left',
      { ...good, sessionId: 's-2' },
      { ...good, h: 'middle' },
      { ...good, x: -1 },
      { ...good, y: Number.NaN },
      { ...good, x: 1e9 },
      { ...good, collapsed: 'yes' },
    ]) {
      expect(parseStoredDock(bad, 's-1'), JSON.stringify(bad)).toBeNull();
    }
  });
});
