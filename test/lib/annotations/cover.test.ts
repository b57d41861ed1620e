import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capBoxes, clipBox, pixelBoxes } from '@/lib/annotations';
import type { Box } from '@/lib/contracts';

const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

const boxArb = fc.record({
  x: fc.integer({ min: -2_000, max: 4_000 }),
  y: fc.integer({ min: -2_000, max: 4_000 }),
  width: fc.integer({ min: 0, max: 3_000 }),
  height: fc.integer({ min: 0, max: 3_000 }),
});

describe('clipBox', () => {
  it('keeps the part inside the bounds, empty when outside', () => {
    const bounds = { x: 0, y: 0, width: 100, height: 50 };
    expect(clipBox({ x: -10, y: 40, width: 30, height: 30 }, bounds)).toEqual({
      x: 0,
      y: 40,
      width: 20,
      height: 10,
    });
    expect(clipBox({ x: 200, y: 0, width: 30, height: 30 }, bounds)).toMatchObject({ width: 0 });
  });
});

describe('capBoxes', () => {
  it('leaves a short list as it is', () => {
    const boxes = [{ x: 1, y: 2, width: 3, height: 4 }];
    expect(capBoxes(boxes, 3)).toBe(boxes);
  });

  it('merges the overflow into one box around it', () => {
    const boxes = [
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 100, y: 100, width: 10, height: 10 },
      { x: 50, y: 300, width: 5, height: 5 },
    ];
    expect(capBoxes(boxes, 2)).toEqual([boxes[0], { x: 50, y: 100, width: 60, height: 205 }]);
  });

  it('never leaves any part of any box uncovered (property)', () => {
    fc.assert(
      fc.property(
        fc.array(boxArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        (boxes, max) => {
          const capped = capBoxes(boxes, max);
          expect(capped.length).toBeLessThanOrEqual(max);
          for (const box of boxes) expect(capped.some((c) => contains(c, box))).toBe(true);
        },
      ),
    );
  });
});

describe('pixelBoxes', () => {
  const image = { width: 2_560, height: 1_720 };

  it('scales by the device pixel ratio', () => {
    const cover = { devicePixelRatio: 2, boxes: [{ x: 10, y: 20, width: 100, height: 30 }] };
    expect(pixelBoxes(cover, image)).toEqual([{ x: 20, y: 40, width: 200, height: 60 }]);
  });

  it('grows fractional edges outward to whole pixels', () => {
    const cover = { devicePixelRatio: 1.5, boxes: [{ x: 10.2, y: 0.5, width: 10, height: 1 }] };
    // 15.3 -> 30.3 becomes 15 -> 31; 0.75 -> 2.25 becomes 0 -> 3.
    expect(pixelBoxes(cover, image)).toEqual([{ x: 15, y: 0, width: 16, height: 3 }]);
  });

  it('clips to the image and drops boxes outside it or empty', () => {
    const cover = {
      devicePixelRatio: 1,
      boxes: [
        { x: -50, y: -50, width: 100, height: 100 },
        { x: 2_500, y: 1_700, width: 500, height: 500 },
        { x: 3_000, y: 10, width: 10, height: 10 },
        { x: 10, y: 10, width: 0, height: 10 },
      ],
    };
    expect(pixelBoxes(cover, image)).toEqual([
      { x: 0, y: 0, width: 50, height: 50 },
      { x: 2_500, y: 1_700, width: 60, height: 20 },
    ]);
  });

  it('covers every pixel a box touches, inside the image (property)', () => {
    fc.assert(
      fc.property(
        fc.array(boxArb, { maxLength: 20 }),
        fc.constantFrom(1, 1.25, 1.5, 2, 3),
        (boxes, devicePixelRatio) => {
          const painted = pixelBoxes({ devicePixelRatio, boxes }, image);
          for (const p of painted) {
            expect(Number.isInteger(p.x) && Number.isInteger(p.width)).toBe(true);
            expect(contains({ x: 0, y: 0, ...image }, p)).toBe(true);
          }
          for (const b of boxes) {
            const scaled = {
              x: b.x * devicePixelRatio,
              y: b.y * devicePixelRatio,
              width: b.width * devicePixelRatio,
              height: b.height * devicePixelRatio,
            };
            const visible = clipBox(scaled, { x: 0, y: 0, ...image });
            if (visible.width > 0 && visible.height > 0) {
              expect(painted.some((p) => contains(p, visible))).toBe(true);
            }
          }
        },
      ),
    );
  });
});
