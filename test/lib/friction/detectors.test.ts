import { describe, expect, it } from 'vitest';
import {
  createFrictionDetector,
  DEFAULT_THRESHOLDS,
  detectRecording,
  recordedSegments,
  type DetectorInput,
  type Detection,
  type FrictionThresholds,
  type TabState,
} from '@/lib/friction';
import {
  ariaInvalid,
  batch,
  click,
  clickSignal,
  element,
  input,
  jsError,
  location,
  mouseDown,
  mouseMove,
  mutation,
  ORIGIN,
  pageSignal,
  perf,
  request,
  scroll,
  segment,
  snapshot,
  textChange,
  userClick,
} from './events';

const T0 = 1_700_000_000_000;
const HOME = segment('seg-home', '/home', T0);

/** Steps through the batches of one tab, the state stored as JSON in between (as IndexedDB does). */
function run(inputs: DetectorInput[], thresholds: FrictionThresholds = DEFAULT_THRESHOLDS) {
  const detector = createFrictionDetector(thresholds);
  let saved = JSON.stringify(detector.initial());
  const detections: Detection[] = [];
  for (const input of inputs) {
    const result = detector.step(JSON.parse(saved) as TabState, input);
    saved = JSON.stringify(result.state);
    detections.push(...result.detections);
  }
  return detections;
}

const detectors = (detections: Detection[]) => detections.map((f) => f.detector);

describe('the default thresholds', () => {
  it('take a burst of clicks on one spot for rage, and a double-click for none', () => {
    const rage = [0, 180, 350, 520].map((t) => click(T0 + t, 200 + (t % 7), 120));
    expect(detectors(run([batch(HOME, [...rage, mouseMove(T0 + 2_000)])]))).toEqual(['rage-click']);
    const doubleClick = [click(T0, 200, 120), click(T0 + 140, 201, 120)];
    expect(run([batch(HOME, [...doubleClick, mouseMove(T0 + 2_000)])])).toEqual([]);
    // Clicking through a list, one item after another, is no rage either.
    const browsing = [0, 400, 800].map((t) => click(T0 + t, 200, 120 + t / 4));
    expect(run([batch(HOME, browsing)])).toEqual([]);
  });

  it('let an ordinary page load pass and call a long one slow', () => {
    expect(run([batch(HOME, [perf(T0, 'load', 1_400), perf(T0 + 1, 'lcp', 1_900)])])).toEqual([]);
    expect(detectors(run([batch(HOME, [perf(T0, 'load', 6_500)])]))).toEqual(['slow-page']);
  });
});

describe('rage-click', () => {
  it('reports one detection per burst, with every click of it', () => {
    const clicks = [0, 150, 300, 450, 600].map((t) => click(T0 + t, 100 + t / 50, 100));
    const [detection, ...rest] = run([batch(HOME, [...clicks, mouseMove(T0 + 3_000)])]);
    expect(rest).toEqual([]);
    expect(detection).toMatchObject({
      detector: 'rage-click',
      ts: T0,
      segmentId: 'seg-home',
      url: `${ORIGIN}/home`,
      evidence: { clicks: 5, spanMs: 600, nodeIds: [10] },
    });
  });

  it('needs the clicks within the radius of the first one', () => {
    const spread = [click(T0, 100, 100), click(T0 + 100, 125, 100), click(T0 + 200, 131, 100)];
    expect(run([batch(HOME, spread)])).toEqual([]);
    const close = [click(T0, 100, 100), click(T0 + 100, 120, 110), click(T0 + 200, 80, 85)];
    expect(detectors(run([batch(HOME, close)]))).toEqual(['rage-click']);
  });

  it('needs the clicks within the window', () => {
    const slow = [click(T0), click(T0 + 600), click(T0 + 1_200)];
    expect(run([batch(HOME, slow)])).toEqual([]);
    // A sliding window: the burst starts at the second click.
    const [detection] = run([batch(HOME, [...slow, click(T0 + 1_500)])]);
    expect(detection).toMatchObject({ ts: T0 + 600, evidence: { clicks: 3 } });
  });

  it('counts bursts across batch boundaries once', () => {
    const detections = run([
      batch(HOME, [click(T0), click(T0 + 100)]),
      batch(HOME, [click(T0 + 200), click(T0 + 300)]),
      batch(HOME, [click(T0 + 400), click(T0 + 3_000, 500, 500)]),
    ]);
    expect(detections).toHaveLength(1);
    expect(detections[0]?.dedupeKey).toBe(`rage-click:seg-home:${T0}`);
  });

  it('tells two separate bursts apart', () => {
    const burst = (t: number) => [click(t), click(t + 100), click(t + 200)];
    expect(run([batch(HOME, [...burst(T0), ...burst(T0 + 5_000)])])).toHaveLength(2);
  });
});

describe('dead-click', () => {
  it('reports an interactive-looking click the page never answers', () => {
    const detections = run([batch(HOME, [...userClick(T0, 42, 300, 200), mouseMove(T0 + 1_500)])]);
    expect(detections).toEqual([
      expect.objectContaining({
        detector: 'dead-click',
        ts: T0,
        evidence: { nodeId: 42, x: 300, y: 200, clicks: 1, waitedMs: 1_000 },
        dedupeKey: `dead-click:seg-home:${T0}:42`,
      }),
    ]);
  });

  it('waits across batches: resolved only by a later event past the deadline', () => {
    const first = batch(HOME, userClick(T0));
    expect(run([first])).toEqual([]); // the recording might still answer
    expect(run([first, batch(HOME, [mouseMove(T0 + 900)])])).toEqual([]);
    expect(
      run([first, batch(HOME, [mouseMove(T0 + 900)]), batch(HOME, [mouseMove(T0 + 1_001)])]),
    ).toHaveLength(1);
  });

  it.each([
    ['a DOM mutation', batch(HOME, [textChange(T0 + 400), mouseMove(T0 + 2_000)])],
    ['an input', batch(HOME, [input(T0 + 400), mouseMove(T0 + 2_000)])],
    ['a scroll', batch(HOME, [scroll(T0 + 400), mouseMove(T0 + 2_000)])],
    ['a request', batch(HOME, [request(T0 + 900, `${ORIGIN}/api/x`, 200), mouseMove(T0 + 2_000)])],
    [
      'an in-app navigation',
      batch(
        HOME,
        [mouseMove(T0 + 400), mouseMove(T0 + 2_000)],
        [location(T0 + 400, `${ORIGIN}/b`)],
      ),
    ],
    ['a new page load', batch(segment('seg-next', '/next', T0 + 1_500), [mouseMove(T0 + 2_500)])],
  ])('is not dead when answered by %s in the next batch', (_, answer) => {
    expect(run([batch(HOME, userClick(T0)), answer])).toEqual([]);
  });

  it('takes an answer to the press for an answer (menus that open on mousedown)', () => {
    const menu = [mouseDown(T0 - 80), textChange(T0 - 70), ...userClick(T0), mouseMove(T0 + 2_000)];
    expect(run([batch(HOME, menu)])).toEqual([]);
    const later = [mouseDown(T0 + 3_000), ...userClick(T0 + 3_080), mouseMove(T0 + 5_000)];
    expect(run([batch(HOME, [...menu, ...later])])).toHaveLength(1);
    // A field left on mousedown records its change: no answer to the press.
    const blur = [mouseDown(T0 - 80), input(T0 - 80), ...userClick(T0), mouseMove(T0 + 2_000)];
    expect(run([batch(HOME, blur)])).toHaveLength(1);
  });

  it('does not count an answer after the deadline', () => {
    expect(run([batch(HOME, [...userClick(T0), textChange(T0 + 1_200)])])).toHaveLength(1);
  });

  it('ignores clicks that do not look interactive', () => {
    expect(
      run([batch(HOME, [clickSignal(T0, 10, false), click(T0), mouseMove(T0 + 2_000)])]),
    ).toEqual([]);
  });

  it('ignores clicks on links away, form fields and labels, whose answer may be elsewhere', () => {
    const page = snapshot(T0, [
      element(10, 'a', { href: `${ORIGIN}/reports`, target: '_blank' }, [element(11, 'span')]),
      element(12, 'input', { type: 'text', id: 'email' }),
      element(13, 'label', { for: 'email' }, [element(14, 'b')]),
      element(15, 'a', { href: `${ORIGIN}/home#top` }),
      element(16, 'input', { type: 'submit' }),
      element(17, 'div', { class: 'card' }),
    ]);
    const clicks = [10, 11, 12, 13, 14, 15, 16, 17].map((id, i) =>
      userClick(T0 + 10 + i, id, 100 + 50 * i),
    );
    const detections = run([batch(HOME, [page, ...clicks.flat(), mouseMove(T0 + 2_000)])]);
    // The in-page anchor, the submit button and the card must answer visibly.
    expect(detections.map((f) => f.evidence.nodeId)).toEqual([15, 16, 17]);
  });

  it('knows nodes added later, inside links', () => {
    const page = snapshot(T0, [element(10, 'nav')]);
    const added = mutation(T0 + 10, {
      adds: [
        { parentId: 20, nextId: null, node: element(21, 'span') },
        { parentId: 10, nextId: null, node: element(20, 'a', { href: `${ORIGIN}/away` }) },
      ],
    });
    expect(
      run([
        batch(HOME, [page, added]),
        batch(HOME, [...userClick(T0 + 2_000, 21), mouseMove(T0 + 4_000)]),
      ]),
    ).toEqual([]);
  });

  it('reports repeated clicks on the same dead element once', () => {
    const clicks = [0, 300, 600].flatMap((t) => userClick(T0 + t, 42, 100, 100 + t));
    const detections = run([batch(HOME, [...clicks, mouseMove(T0 + 1_700)])]);
    expect(detectors(detections)).toEqual(['dead-click']);
    expect(detections[0]?.evidence).toMatchObject({ clicks: 3 });
  });
});

describe('clicks on blocked elements', () => {
  // How rrweb records a blocked element: its class and size, nothing else. Our
  // overlay's host is one (class sg-block); it is added after the snapshot.
  const host = (id: number) =>
    element(id, 'study-group-overlay', { class: 'sg-block', rr_width: '0px', rr_height: '0px' });
  const withHost = (ts: number) =>
    mutation(ts, { adds: [{ parentId: 2, nextId: null, node: host(90) }] });
  const burst = (id: number) => [0, 100, 200].map((t) => click(T0 + 500 + t, 300, 300, id));

  it('are no dead or rage clicks: pinning, badge and palette clicks land on the overlay host', () => {
    const detections = run([
      batch(HOME, [snapshot(T0, [element(20, 'button')]), withHost(T0 + 10)]),
      batch(HOME, [...userClick(T0 + 500, 90, 300, 300), ...burst(90), mouseMove(T0 + 3_000)]),
    ]);
    expect(detections).toEqual([]);
  });

  it('in the snapshot too, and inside a blocked element (not in the recording: id -1)', () => {
    const page = snapshot(T0, [element(20, 'div', { class: 'card', rr_width: '300px' })]);
    expect(
      run([
        batch(HOME, [
          page,
          ...userClick(T0 + 500, 20),
          clickSignal(T0 + 900, -1),
          mouseMove(T0 + 3_000),
        ]),
      ]),
    ).toEqual([]);
  });

  it('the same clicks on a page element are friction', () => {
    const detections = run([
      batch(HOME, [snapshot(T0, [element(20, 'button')]), withHost(T0 + 10)]),
      batch(HOME, [...userClick(T0 + 400, 20, 300, 300), ...burst(20), mouseMove(T0 + 3_000)]),
    ]);
    expect(detectors(detections).sort()).toEqual(['dead-click', 'rage-click']);
  });
});

describe('js-error', () => {
  it('reports one detection per page load, listing the first five messages', () => {
    const errors = [1, 2, 3, 4, 5, 6].map((n) => jsError(T0 + n, `Error ${n}`));
    const [detection, ...rest] = run([batch(HOME, [mouseMove(T0 + 10)], errors)]);
    expect(rest).toEqual([]);
    expect(detection).toMatchObject({
      detector: 'js-error',
      ts: T0 + 1,
      severity: 3,
      evidence: { errors: 6, messages: ['Error 1', 'Error 2', 'Error 3', 'Error 4', 'Error 5'] },
    });
    const next = segment('seg-next', '/next', T0 + 100);
    expect(
      run([batch(HOME, [], errors), batch(next, [], [jsError(T0 + 200, 'again')])]),
    ).toHaveLength(2);
  });

  it('ignores the benign ResizeObserver loop error', () => {
    const benign = jsError(T0, 'ResizeObserver loop completed with undelivered notifications.');
    expect(run([batch(HOME, [], [benign])])).toEqual([]);
  });

  it('counts unhandled rejections', () => {
    const rejection = { type: 'unhandled-rejection' as const, ts: T0, reason: 'Error: nope' };
    expect(run([batch(HOME, [], [rejection])])[0]?.evidence).toEqual({
      errors: 1,
      messages: ['Error: nope'],
    });
  });
});

describe('failed-request', () => {
  it('reports one detection per url and status on a page load', () => {
    const api = `${ORIGIN}/api/export`;
    const detections = run([
      batch(HOME, [
        request(T0, api, 500),
        request(T0 + 10, api, 500),
        request(T0 + 20, api, 404),
        request(T0 + 30, api, 200),
        request(T0 + 40, `${ORIGIN}/api/other`, 0),
      ]),
    ]);
    expect(detections.map((f) => [f.evidence.status, f.severity])).toEqual([
      [500, 3],
      [404, 2],
      [0, 3],
    ]);
    expect(detections[0]?.dedupeKey).toBe(`failed-request:seg-home:500:${api}`);
  });

  it('does not take status 0 of another origin for a network error (opaque responses)', () => {
    expect(run([batch(HOME, [request(T0, 'https://cdn.example.net/a.js', 0)])])).toEqual([]);
  });
});

describe('slow-page', () => {
  it('reports the worst metric once per page load', () => {
    const detections = run([
      batch(HOME, [
        perf(T0, 'load', 3_200),
        perf(T0 + 1, 'lcp', 7_000),
        perf(T0 + 2, 'long-task', 900),
      ]),
      batch(HOME, [perf(T0 + 3, 'long-task', 5_000)]),
    ]);
    expect(detections).toEqual([
      expect.objectContaining({
        detector: 'slow-page',
        ts: T0,
        severity: 2,
        evidence: { metric: 'lcp', value: 7_000, thresholdMs: 3_000 },
      }),
    ]);
  });

  it('reports a long task over its own threshold', () => {
    expect(run([batch(HOME, [perf(T0, 'long-task', 1_200)])])[0]?.evidence).toEqual({
      metric: 'long-task',
      value: 1_200,
      thresholdMs: 1_000,
    });
    expect(run([batch(HOME, [perf(T0, 'load', 3_000), perf(T0, 'lcp', 2_999)])])).toEqual([]);
  });
});

describe('u-turn', () => {
  const page = (id: string, path: string, t: number) =>
    batch(segment(id, path, T0 + t), [mouseMove(T0 + t + 1)]);

  it('reports leaving a page and coming back within the threshold', () => {
    const detections = run([
      page('a', '/a', 0),
      page('b', '/b?tab=2', 1_000),
      page('a2', '/a', 4_000),
    ]);
    expect(detections).toEqual([
      expect.objectContaining({
        detector: 'u-turn',
        ts: T0 + 4_000,
        segmentId: 'a2',
        url: `${ORIGIN}/a`,
        evidence: {
          url: `${ORIGIN}/a`,
          away: `${ORIGIN}/b`,
          leftAt: T0 + 1_000,
          returnedAt: T0 + 4_000,
          awayMs: 3_000,
        },
      }),
    ]);
  });

  it('ignores a slow return and reloads', () => {
    expect(run([page('a', '/a', 0), page('b', '/b', 1_000), page('a2', '/a', 6_001)])).toEqual([]);
    expect(run([page('a', '/a', 0), page('a2', '/a', 500), page('a3', '/a?x=1', 900)])).toEqual([]);
  });

  it('sees in-app routes', () => {
    const a = segment('spa', '/payments', T0);
    const detections = run([
      batch(a, [mouseMove(T0 + 1)], [location(T0 + 1_000, `${ORIGIN}/payments/new`)]),
      batch(a, [mouseMove(T0 + 2_100)], [location(T0 + 2_000, `${ORIGIN}/payments?status=all`)]),
    ]);
    expect(detections).toEqual([
      expect.objectContaining({ detector: 'u-turn', segmentId: 'spa', url: `${ORIGIN}/payments` }),
    ]);
  });
});

describe('error-page', () => {
  it('reports a 4xx/5xx document once per page load', () => {
    const detections = run([
      batch(HOME, [pageSignal(T0, 503, 'Maintenance'), pageSignal(T0 + 1, 503)]),
    ]);
    expect(detections).toEqual([
      expect.objectContaining({
        detector: 'error-page',
        severity: 3,
        evidence: { status: 503, title: 'Maintenance', heading: 'Home' },
      }),
    ]);
  });

  it.each([
    ['Page not found · Shop', ''],
    ['404', ''],
    ['Shop', 'Something went wrong'],
    ['Error', ''],
    ['Error · Shop', ''],
    ['Shop', 'An unexpected error occurred'],
    ['500 Internal Server Error', ''],
    ['Shop', 'Error 502'],
  ])('reads "%s" / "%s" as an error page', (title, heading) => {
    expect(detectors(run([batch(HOME, [pageSignal(T0, 200, title, heading)])]))).toEqual([
      'error-page',
    ]);
  });

  it.each([
    ['Error reporting · Settings', 'Error reporting'],
    ['Errors & disputes', 'Disputes'],
    ['500 customers served', 'Top customers'],
    ['Dashboard', 'Overview'],
  ])('reads "%s" / "%s" as an ordinary page', (title, heading) => {
    expect(run([batch(HOME, [pageSignal(T0, 200, title, heading)])])).toEqual([]);
  });
});

describe('repeated-form-error', () => {
  const form = snapshot(T0, [
    element(30, 'form', {}, [element(31, 'input', { type: 'email', id: 'email' })]),
  ]);

  it('reports a field marked invalid again after it was valid', () => {
    const detections = run([
      batch(HOME, [form, ariaInvalid(T0 + 100, 31, 'true')]),
      batch(HOME, [ariaInvalid(T0 + 300, 31, null), ariaInvalid(T0 + 500, 31, 'true')]),
      batch(HOME, [ariaInvalid(T0 + 900, 31, 'false'), ariaInvalid(T0 + 950, 31, 'true')]),
    ]);
    expect(detections).toEqual([
      expect.objectContaining({
        detector: 'repeated-form-error',
        ts: T0 + 500,
        dedupeKey: 'repeated-form-error:seg-home:31',
        evidence: { nodeId: 31, field: 'input#email', count: 2, times: [T0 + 100, T0 + 500] },
      }),
    ]);
  });

  it('counts a repeat a second or more later (rrweb drops a set to the same value)', () => {
    expect(
      run([
        batch(HOME, [form, ariaInvalid(T0 + 100, 31, 'true'), ariaInvalid(T0 + 600, 31, 'true')]),
      ]),
    ).toEqual([]);
    expect(
      run([
        batch(HOME, [form, ariaInvalid(T0 + 100, 31, 'true'), ariaInvalid(T0 + 1_100, 31, 'true')]),
      ]),
    ).toHaveLength(1);
  });

  it('counts a field invalid in the snapshot, and fields added later', () => {
    const invalidAtLoad = snapshot(T0, [
      element(31, 'input', { name: 'email', 'aria-invalid': 'true' }),
    ]);
    const detections = run([batch(HOME, [invalidAtLoad, ariaInvalid(T0 + 1_500, 31, 'true')])]);
    expect(detections[0]?.evidence).toMatchObject({ field: 'input[name="email"]', count: 2 });
    const added = mutation(T0 + 10, {
      adds: [{ parentId: 3, nextId: null, node: element(40, 'input', { 'aria-invalid': 'true' }) }],
    });
    expect(run([batch(HOME, [added, ariaInvalid(T0 + 2_000, 40, 'true')])])).toHaveLength(1);
  });

  it('is per page load', () => {
    const next = segment('seg-next', '/home', T0 + 2_000);
    expect(
      run([
        batch(HOME, [form, ariaInvalid(T0 + 100, 31, 'true')]),
        batch(next, [form, ariaInvalid(T0 + 2_100, 31, 'true')]),
      ]),
    ).toEqual([]);
  });
});

describe('createFrictionDetector', () => {
  it('respects the thresholds it is given', () => {
    const strict: FrictionThresholds = {
      rageClick: { clicks: 5, windowMs: 1_000, radiusPx: 30 },
      deadClick: { waitMs: 3_000 },
      slowPage: { loadMs: 5_000, lcpMs: 5_000, longTaskMs: 2_000 },
      uTurn: { withinMs: 1_000 },
      repeatedFormError: { times: 3 },
    };
    const inputs = [
      batch(HOME, [
        snapshot(T0, [element(31, 'input')]),
        click(T0 + 10),
        click(T0 + 20),
        click(T0 + 30),
        ...userClick(T0 + 2_000, 42, 600, 600),
        mouseMove(T0 + 3_100),
        textChange(T0 + 3_500),
        perf(T0 + 4_001, 'load', 3_500),
        perf(T0 + 4_002, 'long-task', 1_500),
        ariaInvalid(T0 + 4_100, 31, 'true'),
        ariaInvalid(T0 + 4_200, 31, null),
        ariaInvalid(T0 + 4_300, 31, 'true'),
      ]),
      batch(segment('away', '/away', T0 + 5_000), [mouseMove(T0 + 5_001)]),
      batch(segment('back', '/home', T0 + 7_000), [mouseMove(T0 + 7_001)]),
    ];
    expect(detectors(run(inputs))).toEqual([
      'rage-click',
      'dead-click',
      'slow-page',
      'repeated-form-error',
      'u-turn',
    ]);
    expect(run(inputs, strict)).toEqual([]);
  });

  it('is pure: the state passed in is left as it was', () => {
    const detector = createFrictionDetector(DEFAULT_THRESHOLDS);
    const first = detector.step(
      detector.initial(),
      batch(HOME, [...userClick(T0), click(T0 + 10)]),
    );
    const before = JSON.stringify(first.state);
    const again = detector.step(first.state, batch(HOME, [click(T0 + 20), mouseMove(T0 + 2_000)]));
    expect(JSON.stringify(first.state)).toBe(before);
    expect(
      detector.step(first.state, batch(HOME, [click(T0 + 20), mouseMove(T0 + 2_000)])),
    ).toEqual(again);
  });

  it('ignores a late batch of a page load the tab has already left', () => {
    const next = segment('seg-next', '/next', T0 + 5_000);
    const detections = run([
      batch(next, [mouseMove(T0 + 5_001)]),
      batch(HOME, [pageSignal(T0 + 10, 500)]),
      batch(next, [mouseMove(T0 + 5_002)]),
    ]);
    expect(detections).toEqual([]);
  });
});

describe('detectRecording', () => {
  it('runs each tab on its own, in time order, and sorts the detections', () => {
    const tab2 = segment('t2', '/home', T0 + 500, 2);
    const detections = detectRecording(
      [
        { segment: segment('a2', '/a', T0 + 3_000), events: [mouseMove(T0 + 3_001)], timeline: [] },
        { segment: tab2, events: [pageSignal(T0 + 600, 404)], timeline: [] },
        { segment: segment('a', '/a', T0), events: [mouseMove(T0 + 1)], timeline: [] },
        {
          segment: segment('b', '/b', T0 + 1_000, 1),
          events: [mouseMove(T0 + 1_001)],
          timeline: [],
        },
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(detections.map((f) => [f.detector, f.segmentId])).toEqual([
      ['error-page', 't2'],
      ['u-turn', 'a2'],
    ]);
  });

  it('gives timeline entries without a segment to the segment their tab showed then', () => {
    const entry = (ts: number, tabId: number) => ({
      type: 'request-failed' as const,
      ts,
      method: 'GET',
      url: `${ORIGIN}/x`,
      status: 500,
      error: '',
      segmentId: null,
      tabId,
    });
    const split = recordedSegments({
      segments: [
        { ...segment('a', '/a', T0), events: [] },
        { ...segment('b', '/b', T0 + 1_000), events: [] },
        { ...segment('c', '/c', T0 + 500, 2), events: [] },
      ],
      timeline: [
        entry(T0 + 10, 1),
        entry(T0 + 1_010, 1),
        entry(T0 - 5, 2),
        entry(T0 + 20, 9),
        { ...location(T0 + 1_020, `${ORIGIN}/b2`), segmentId: 'a', tabId: 1 },
      ],
    });
    expect(split.map((s) => [s.segment.id, s.timeline.map((e) => e.ts)])).toEqual([
      ['a', [T0 + 10, T0 + 1_020]],
      ['b', [T0 + 1_010]],
      ['c', [T0 - 5]],
    ]);
  });
});
