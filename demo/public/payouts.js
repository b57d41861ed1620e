// Payouts: "Export CSV" calls an export endpoint that currently fails (HTTP 500).
(function () {
  'use strict';
  const { fetchJSON, showBanner, h, toast } = window.Tillwise;
  const button = document.getElementById('export-csv');
  const status = document.getElementById('export-status');
  const label = button.innerHTML;

  async function exportCsv() {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Exporting…');
    status.replaceChildren();
    try {
      const res = await fetchJSON('/api/payouts/export', {
        method: 'POST',
        body: { format: 'csv', range: 'month_to_date' },
      });
      if (!res.ok) {
        const ref = res.data && res.data.requestId ? ` Reference: ${res.data.requestId}.` : '';
        showBanner(status, {
          title: 'We couldn’t export your payouts.',
          message: `Our export service ran into a problem (error ${res.status}). Your data is safe — please try again in a few minutes.${ref}`,
          actions: [
            h(
              'button',
              { type: 'button', class: 'btn btn-secondary btn-sm', onclick: exportCsv },
              'Try again',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-ghost btn-sm',
                onclick: () => status.replaceChildren(),
              },
              'Dismiss',
            ),
          ],
        });
        return;
      }
      toast('Export ready');
    } catch {
      showBanner(status, {
        title: 'We couldn’t reach Tillwise.',
        message: 'Check your connection and try again.',
      });
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.innerHTML = label;
    }
  }

  button.addEventListener('click', exportCsv);
})();
