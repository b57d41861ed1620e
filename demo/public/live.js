// Live activity feed: a deliberately mutation-heavy view used for benchmarks.
//
//   window.tillwiseBench.run(n) -> number
//     Synchronously performs n rounds of DOM mutations (insert rows, change text,
//     toggle classes, remove old rows) and returns the elapsed time in ms.
//
// When not benchmarking, a ticker inserts/updates a few rows every second.
// Disable it with ?ticker=off (or the "Pause updates" button).
(function () {
  'use strict';

  const MAX_ROWS = 200;
  const INITIAL_ROWS = 120;
  const TICK_MS = 1000;

  const feed = document.getElementById('feed');
  const statRows = document.getElementById('stat-rows');
  const statUpdates = document.getElementById('stat-updates');
  const statVolume = document.getElementById('stat-volume');
  const toggle = document.getElementById('toggle-ticker');
  const liveDot = document.getElementById('live-dot');
  const liveState = document.getElementById('live-state');

  // Deterministic PRNG (mulberry32) so benchmark runs are comparable.
  let seed = 0x7111;
  function random() {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const pick = (list) => list[Math.floor(random() * list.length)];

  const CUSTOMERS = [
    'Maya Okafor',
    'Leo Brandt',
    'Priya Raman',
    'Tom Keller',
    'Aiko Tanaka',
    'Northside Market',
    'Sam Ortiz',
    'Elena Rossi',
    'Jonah Blake',
    'Greenleaf Office',
    'Noor Haddad',
    'Hartley & Sons Café',
    'Ivy Chen',
    'Marco Silva',
  ];
  const ITEMS = [
    'Sourdough loaf',
    'Cardamom buns',
    'Weekend pastry box',
    'Rye loaf',
    'Focaccia',
    'Croissant ×4',
    'Birthday cake deposit',
    'Flat white + pain au chocolat',
    'Baguette',
    'Cinnamon knots',
    'Workshop ticket',
  ];
  const EVENTS = [
    ['Payment received', ''],
    ['Payment received', ''],
    ['Payment received', ''],
    ['Payment link opened', 'is-muted'],
    ['Refund issued', 'is-flagged'],
    ['Payment pending', ''],
  ];
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const timeFmt = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  });

  let seq = 0;
  let updates = 0;
  let volumeCents = 0;
  const rows = []; // newest first, mirrors feed children

  function makeRow(timestamp) {
    seq += 1;
    const [event, cls] = pick(EVENTS);
    const cents = 250 + Math.floor(random() * 9000);
    const li = document.createElement('li');
    li.className = cls ? `feed-row ${cls}` : 'feed-row';
    li.dataset.seq = String(seq);
    li.dataset.cents = String(cents);

    const when = document.createElement('span');
    when.className = 'when';
    when.textContent = timeFmt.format(timestamp || Date.now());
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = `${event} · ${pick(ITEMS)}`;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = pick(CUSTOMERS);
    const amt = document.createElement('span');
    amt.className = 'amt';
    amt.textContent = money.format(cents / 100);

    li.append(when, what, who, amt);
    volumeCents += cents;
    return li;
  }

  function insertRows(count, spacingMs) {
    const frag = document.createDocumentFragment();
    const fresh = [];
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      const li = makeRow(spacingMs ? now - i * spacingMs : now);
      li.classList.add('is-new');
      fresh.push(li);
      frag.append(li);
    }
    feed.prepend(frag);
    rows.unshift(...fresh);
  }

  function updateRow(li) {
    const cents = 250 + Math.floor(random() * 9000);
    volumeCents += cents - Number(li.dataset.cents);
    li.dataset.cents = String(cents);
    li.children[1].textContent = `${pick(EVENTS)[0]} · ${pick(ITEMS)}`;
    li.children[3].textContent = money.format(cents / 100);
    li.classList.add('is-updated');
    updates += 1;
  }

  function trim() {
    while (rows.length > MAX_ROWS) {
      const li = rows.pop();
      volumeCents -= Number(li.dataset.cents);
      li.remove();
    }
  }

  function clearHighlights() {
    for (const li of feed.querySelectorAll('.is-new, .is-updated'))
      li.classList.remove('is-new', 'is-updated');
  }

  function renderStats() {
    statRows.textContent = String(rows.length);
    statUpdates.textContent = updates.toLocaleString('en-US');
    statVolume.textContent = money.format(volumeCents / 100);
  }

  /** One benchmark round: insert, change text, toggle classes, remove old rows. */
  function round() {
    clearHighlights();
    insertRows(5);
    for (let i = 0; i < 10; i++) updateRow(rows[Math.floor(random() * rows.length)]);
    for (let i = 0; i < 10; i++) {
      rows[Math.floor(random() * rows.length)].classList.toggle('is-flagged');
    }
    trim();
    renderStats();
  }

  // ------------------------------------------------------------------ ticker

  let timer = null;
  function tick() {
    clearHighlights();
    insertRows(1);
    for (let i = 0; i < 2; i++) updateRow(rows[1 + Math.floor(random() * (rows.length - 1))]);
    trim();
    renderStats();
  }
  function setTickerUi(running) {
    toggle.textContent = running ? 'Pause updates' : 'Resume updates';
    liveState.textContent = running ? 'Live' : 'Paused';
    liveDot.classList.toggle('paused', !running);
  }
  function startTicker() {
    if (!timer) timer = setInterval(tick, TICK_MS);
    setTickerUi(true);
  }
  function stopTicker() {
    if (timer) clearInterval(timer);
    timer = null;
    setTickerUi(false);
  }
  toggle.addEventListener('click', () => (timer ? stopTicker() : startTicker()));

  // ------------------------------------------------------------------ boot

  insertRows(INITIAL_ROWS, 23000); // backfill: the last ~45 minutes of activity
  clearHighlights();
  renderStats();

  const tickerOff = new window.URLSearchParams(window.location.search).get('ticker') === 'off';
  if (tickerOff) stopTicker();
  else startTicker();

  window.tillwiseBench = {
    /** Perform n synchronous mutation rounds; returns elapsed milliseconds. */
    run(n) {
      const rounds = Math.max(0, Math.floor(Number(n) || 0));
      const wasRunning = timer !== null;
      if (wasRunning) clearInterval(timer);
      timer = null;
      const start = performance.now();
      for (let i = 0; i < rounds; i++) round();
      const elapsed = performance.now() - start;
      if (wasRunning) timer = setInterval(tick, TICK_MS);
      return elapsed;
    },
    rowCount: () => rows.length,
    startTicker,
    stopTicker,
    isTickerRunning: () => timer !== null,
  };
})();
