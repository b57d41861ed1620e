import { Replayer } from '@rrweb/replay';
import { keySeekTarget, pieceIndexAt } from '../replay';
import { APP_ID, MANIFEST_ID, type OfflineManifest } from './manifest';
import type { RrwebEvent } from '../contracts';

/** How far before a marker a click on it starts the replay, so its lead-up is seen. */
export const MARKER_LEAD_MS = 2_000;
const TICK_MS = 100;
const SPEEDS = [1, 2, 4, 8] as const;

/** "1:05" from ms. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<Record<'className' | 'id' | 'textContent' | 'type', string>> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

interface Loaded {
  segmentId: string;
  replayer: Replayer;
  start: number;
}

/**
 * The offline replay's player, run from the document's one inline script:
 * reads the clips from the document's JSON blocks, lets the reader pick a
 * participant, plays one clip's page loads on one timeline with rrweb's
 * Replayer (its iframe sandboxed without scripts) and lists the markers,
 * each a button that seeks to it. Builds its UI with DOM calls and
 * textContent only: recorded and typed text never becomes markup.
 */
export function mountOfflinePlayer(doc: Document, rrwebCss: string): void {
  const win = doc.defaultView!;
  const app = doc.getElementById(APP_ID)!;
  const manifest = JSON.parse(doc.getElementById(MANIFEST_ID)!.textContent!) as OfflineManifest;
  const style = doc.createElement('style');
  style.textContent = rrwebCss;
  doc.head.append(style);

  const screen = el(doc, 'div', { className: 'sg-screen' });
  const play = el(doc, 'button', {
    type: 'button',
    className: 'sg-button',
    id: 'sg-play',
    textContent: 'Play',
  });
  const slider = el(doc, 'input', { type: 'range', id: 'sg-slider' });
  slider.setAttribute('aria-label', 'Replay time');
  slider.step = '100';
  const ticks = el(doc, 'div', { className: 'sg-ticks' });
  ticks.setAttribute('aria-hidden', 'true');
  const time = el(doc, 'span', { className: 'sg-time', id: 'sg-time' });
  const speed = el(doc, 'select', { id: 'sg-speed' });
  for (const s of SPEEDS) {
    const option = el(doc, 'option', { textContent: `${s}×` });
    option.value = String(s);
    speed.append(option);
  }
  const speedLabel = el(doc, 'label', { className: 'sg-speed' }, ['Speed ', speed]);
  const status = el(doc, 'p', { className: 'sg-status', id: 'sg-status' });
  status.setAttribute('role', 'status');
  const markerList = el(doc, 'ol', { className: 'sg-markers' });
  const markerTitle = el(doc, 'h2', { id: 'sg-markers-title' });
  const controls = el(doc, 'div', { className: 'sg-controls' }, [
    play,
    el(doc, 'div', { className: 'sg-track' }, [ticks, slider]),
    time,
    speedLabel,
  ]);
  controls.setAttribute('role', 'group');
  controls.setAttribute('aria-label', 'Replay controls');

  const picker = el(doc, 'select', { id: 'sg-clip' });
  manifest.clips.forEach((clip, i) => {
    const option = el(doc, 'option', { textContent: clip.participant });
    option.value = String(i);
    picker.append(option);
  });
  const pickerLabel = el(doc, 'label', { className: 'sg-picker' }, ['Participant ', picker]);
  if (manifest.clips.length < 2) pickerLabel.hidden = true;

  const exported = new Date(manifest.exportedAt);
  app.replaceChildren(
    el(doc, 'header', { className: 'sg-head' }, [
      el(doc, 'h1', { textContent: manifest.title }),
      el(doc, 'p', {
        className: 'sg-muted',
        textContent: `Study Group offline replay · exported ${Number.isNaN(exported.getTime()) ? '' : exported.toLocaleString()} · ${manifest.clips.length} ${manifest.clips.length === 1 ? 'clip' : 'clips'}. Nothing is fetched from the network and the recorded page's scripts do not run.`,
      }),
    ]),
    el(doc, 'main', { className: 'sg-layout' }, [
      el(doc, 'section', { className: 'sg-stage' }, [pickerLabel, screen, controls, status]),
      el(doc, 'aside', { className: 'sg-side' }, [markerTitle, markerList]),
    ]),
  );
  doc.querySelector('aside.sg-side')!.setAttribute('aria-labelledby', 'sg-markers-title');
  doc.querySelector('section.sg-stage')!.setAttribute('aria-label', 'Replay');

  let clipIndex = 0;
  let loaded: Loaded | null = null;
  let playhead = 0;
  let playing = false;
  let ticker: ReturnType<typeof setInterval> | null = null;
  const parsed = new Map<string, RrwebEvent[]>();

  const clip = () => manifest.clips[clipIndex]!;

  function eventsOf(segmentId: string): RrwebEvent[] {
    const segment = clip().segments.find((s) => s.id === segmentId);
    if (!segment) return [];
    let events = parsed.get(segment.eventsId);
    if (!events) {
      events = JSON.parse(
        doc.getElementById(segment.eventsId)?.textContent ?? '[]',
      ) as RrwebEvent[];
      // One page load's events at a time: a long session is not held twice.
      parsed.clear();
      parsed.set(segment.eventsId, events);
    }
    return events;
  }

  function render() {
    const { startTs, endTs } = clip();
    slider.value = String(playhead);
    slider.setAttribute(
      'aria-valuetext',
      `${clock(playhead - startTs)} of ${clock(endTs - startTs)}`,
    );
    time.textContent = `${clock(playhead - startTs)} / ${clock(endTs - startTs)}`;
    play.textContent = playing ? 'Pause' : 'Play';
  }

  function stopTicking() {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  function unload() {
    stopTicking();
    loaded?.replayer.destroy();
    loaded = null;
    screen.replaceChildren();
  }

  function fit(replayer: Replayer, size: { width: number; height: number }) {
    if (!(size.width > 0 && size.height > 0)) return;
    const scale = Math.min(1, screen.clientWidth / size.width);
    replayer.wrapper.style.transformOrigin = '0 0';
    replayer.wrapper.style.transform = `scale(${scale})`;
    screen.style.height = `${Math.ceil(size.height * scale)}px`;
  }

  function load(segmentId: string): Loaded | null {
    if (loaded?.segmentId === segmentId) return loaded;
    unload();
    const events = eventsOf(segmentId);
    if (events.length < 2) {
      status.textContent = 'Nothing of this page was stored.';
      return null;
    }
    const replayer = new Replayer(events, {
      root: screen,
      speed: Number(speed.value),
      skipInactive: true,
      mouseTail: false,
      showWarning: false,
      triggerFocus: false,
    });
    replayer.iframe.title = 'Replay of the recorded page';
    replayer.on('resize', (size) => fit(replayer, size as { width: number; height: number }));
    replayer.on('finish', () => {
      if (loaded?.replayer === replayer && playing) next();
    });
    fit(replayer, { width: Number(replayer.iframe.width), height: Number(replayer.iframe.height) });
    loaded = { segmentId, replayer, start: replayer.getMetaData().startTime };
    status.textContent = '';
    return loaded;
  }

  /** Past the page load shown now: on to the next piece, or stop at the end. */
  function next() {
    const { pieces, endTs } = clip();
    const index = pieceIndexAt(pieces, playhead);
    const following = pieces[index + 1];
    if (following && following.from >= playhead - TICK_MS) show(following.from, true);
    else {
      playhead = endTs;
      pause();
    }
  }

  function pause() {
    playing = false;
    stopTicking();
    loaded?.replayer.pause();
    render();
  }

  function tick() {
    if (!loaded || !playing) return;
    const { pieces, endTs } = clip();
    playhead = Math.min(endTs, loaded.start + loaded.replayer.getCurrentTime());
    const piece = pieces[pieceIndexAt(pieces, playhead)];
    render();
    if (playhead >= endTs) {
      pause();
    } else if (piece && piece.segmentId !== loaded.segmentId) show(playhead, true);
  }

  function show(at: number, andPlay: boolean) {
    const { pieces, startTs, endTs } = clip();
    playhead = Math.min(endTs, Math.max(startTs, at));
    const piece = pieces[pieceIndexAt(pieces, playhead)];
    if (piece) playhead = Math.min(piece.to, Math.max(piece.from, playhead));
    playing = andPlay && playhead < endTs;
    stopTicking();
    const current = piece ? load(piece.segmentId) : null;
    if (current) {
      const offset = Math.max(0, playhead - current.start);
      if (playing) {
        current.replayer.play(offset);
        ticker = setInterval(tick, TICK_MS);
      } else current.replayer.pause(offset);
    } else playing = false;
    render();
  }

  function showClip(index: number) {
    unload();
    parsed.clear();
    clipIndex = index;
    const { startTs, endTs, markers } = clip();
    slider.min = String(startTs);
    slider.max = String(endTs);
    markerTitle.textContent = `Markers (${markers.length})`;
    markerList.replaceChildren();
    ticks.replaceChildren();
    const span = Math.max(1, endTs - startTs);
    for (const marker of markers) {
      const swatch = el(doc, 'span', { className: 'sg-swatch' });
      swatch.style.background = marker.color;
      swatch.setAttribute('aria-hidden', 'true');
      const at = clock(marker.ts - startTs);
      const button = el(doc, 'button', { type: 'button', className: 'sg-marker' }, [
        swatch,
        el(doc, 'span', { className: 'sg-marker__label', textContent: marker.label }),
        el(doc, 'span', { className: 'sg-marker__time', textContent: at }),
        el(doc, 'span', {
          className: 'sg-marker__meta',
          textContent: `${marker.kind === 'auto' ? 'noticed automatically' : 'tagged'} · severity ${marker.severity}`,
        }),
        ...(marker.note
          ? [el(doc, 'span', { className: 'sg-marker__note', textContent: marker.note })]
          : []),
      ]);
      button.setAttribute(
        'aria-label',
        `${marker.label} at ${at}${marker.note ? `: ${marker.note}` : ''}`,
      );
      button.addEventListener('click', () => show(marker.ts - MARKER_LEAD_MS, playing));
      markerList.append(el(doc, 'li', {}, [button]));
      const tickMark = el(doc, 'span', { className: 'sg-tick' });
      tickMark.style.left = `${(100 * (marker.ts - startTs)) / span}%`;
      tickMark.style.background = marker.color;
      ticks.append(tickMark);
    }
    if (markers.length === 0)
      markerList.append(el(doc, 'li', { className: 'sg-muted', textContent: 'No markers.' }));
    show(startTs, false);
  }

  play.addEventListener('click', () => {
    if (playing) pause();
    else show(playhead >= clip().endTs ? clip().startTs : playhead, true);
  });
  slider.addEventListener('input', () => show(Number(slider.value), playing));
  // As the review page's timeline: 5 s per arrow, a minute per page key.
  slider.addEventListener('keydown', (event) => {
    const { startTs: start, endTs: end } = clip();
    const target = keySeekTarget(event.key, playhead, { start, end });
    if (target === null) return;
    event.preventDefault();
    show(target, playing);
  });
  speed.addEventListener('change', () =>
    loaded?.replayer.setConfig({ speed: Number(speed.value) }),
  );
  picker.addEventListener('change', () => showClip(Number(picker.value)));
  win.addEventListener('resize', () => {
    if (loaded)
      fit(loaded.replayer, {
        width: Number(loaded.replayer.iframe.width),
        height: Number(loaded.replayer.iframe.height),
      });
  });
  // After the document's load: a recorded frame the replay rebuilds while
  // fast-forwarding can stay loading, and would hold the document's load back.
  if (doc.readyState === 'complete') showClip(0);
  else win.addEventListener('load', () => showClip(0), { once: true });
}
