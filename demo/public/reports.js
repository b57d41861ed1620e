// Reports: "Refresh data" asks the (deliberately slow) reporting API for fresh numbers.
(function () {
  'use strict';
  const { fetchJSON, toast, h } = window.Tillwise;
  const button = document.getElementById('refresh-report');
  const status = document.getElementById('report-status');
  const timeFmt = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

  button.addEventListener('click', async () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('span', null, 'Refreshing report data…'));
    try {
      const res = await fetchJSON('/api/slow?ms=800');
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      status.textContent = `Last updated today at ${timeFmt.format(new Date())}`;
      toast('Report is up to date');
    } catch {
      status.textContent = 'Couldn’t refresh the report. Showing the last saved numbers.';
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
})();
