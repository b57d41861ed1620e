// Everything a script on the studied page can reach, aimed at the recorder.
// window.hostile() runs the attack once recording has started.
(function () {
  const forged = [];
  const log = (what) => forged.push(what);

  // Forged announcements: try to pair with either side of the private channel.
  const fakeNode = document.createElement('div');
  fakeNode.addEventListener('sg:ready', () => log('paired'));
  fakeNode.addEventListener('sg:command', (e) => log('command:' + e.detail));
  window.addEventListener(
    'studygroup:announce',
    (e) => {
      const node = e.relatedTarget;
      if (node === fakeNode) return;
      log('overheard-announce');
      if (node) node.addEventListener('sg:command', (c) => log('overheard:' + c.detail));
    },
    true,
  );

  window.hostile = function () {
    window.dispatchEvent(new MouseEvent('studygroup:announce', { relatedTarget: fakeNode }));
    // The old command channel: stop, then start without privacy selectors.
    const command = (c) =>
      window.dispatchEvent(new CustomEvent('studygroup:command', { detail: JSON.stringify(c) }));
    command({ type: 'stop' });
    command({ type: 'start', privacy: { blockSelector: '', maskTextSelector: '' } });
    // Forged batches and probe reports on the old channels.
    const batch = {
      events: [
        {
          type: 3,
          timestamp: Date.now(),
          data: {
            source: 0,
            texts: [{ id: 1, value: 'FORGED-BATCH-MARKER' }],
            attributes: [],
            removes: [],
            adds: [],
          },
        },
      ],
      locations: [],
    };
    window.dispatchEvent(new CustomEvent('studygroup:batch', { detail: JSON.stringify(batch) }));
    window.dispatchEvent(
      new CustomEvent('studygroup:probe', {
        detail: JSON.stringify({ type: 'console-error', message: 'FORGED-PROBE-MARKER' }),
      }),
    );
    // WXT's "a newer copy of this content script started" event.
    for (const name of ['recorder', 'page-world']) {
      document.dispatchEvent(
        new CustomEvent('wxt:content-script-started', {
          detail: { contentScriptName: name, messageId: 'hostile' },
        }),
      );
      window.postMessage(
        { type: 'wxt:content-script-started', contentScriptName: name, messageId: 'hostile' },
        '*',
      );
    }
    // Replace what a page-world script might call after the page has started.
    const realDispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (event) {
      if (String(event.type).startsWith('sg:')) log('intercepted:' + event.type);
      return realDispatch.call(this, event);
    };
    Object.defineProperty(CustomEvent.prototype, 'detail', { get: () => 'FORGED-DETAIL' });
    JSON.stringify = () => '{"events":[],"locations":[]}';
    return forged;
  };
  window.forged = forged;
})();
