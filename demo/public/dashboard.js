// Dashboard: personalised greeting and the recent payments table.
(function () {
  'use strict';
  const { h, money, formatDate, statusBadge, fetchJSON } = window.Tillwise;

  let name;
  try {
    name = window.sessionStorage.getItem('tillwise.businessName');
  } catch {
    name = null;
  }
  if (name) {
    document.getElementById('welcome').textContent =
      `Welcome to Tillwise, ${name}. Here’s how this week is going.`;
  }

  const tbody = document.getElementById('recent-payments');

  function row(p) {
    return h(
      'tr',
      null,
      h(
        'td',
        null,
        h('a', { class: 'row-link', href: `/payments/${p.id}` }, p.description),
        h('span', { class: 'sub' }, p.customer),
      ),
      h('td', null, statusBadge(p.status)),
      h('td', { class: 'num' }, money(p.amount, p.currency)),
      h('td', null, formatDate(p.created)),
    );
  }

  fetchJSON('/api/payments')
    .then((res) => {
      if (!res.ok || !res.data) throw new Error(`HTTP ${res.status}`);
      const rows = res.data.data.slice(0, 6).map(row);
      tbody.replaceChildren(
        ...(rows.length
          ? rows
          : [h('tr', null, h('td', { colspan: 4, class: 'table-empty' }, 'No payments yet.'))]),
      );
    })
    .catch(() => {
      tbody.replaceChildren(
        h(
          'tr',
          null,
          h(
            'td',
            { colspan: 4, class: 'table-empty' },
            'Recent payments are unavailable right now. Refresh to try again.',
          ),
        ),
      );
    });
})();
