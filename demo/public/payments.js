// Payments: a small client-side routed app (history.pushState + popstate).
//   /payments            list (optional ?status=succeeded|pending|refunded|failed|open)
//   /payments/new        create a payment link
//   /payments/:id        payment details
// The server answers every /payments/* path with this same shell, so reloads work.
(function () {
  'use strict';
  const { h, money, formatDate, formatDateTime, statusBadge, fetchJSON, toast, setFieldError } =
    window.Tillwise;

  const app = document.getElementById('app');
  let renderSeq = 0;

  // Styles added at runtime through the CSSOM, the way CSS-in-JS libraries
  // do: they exist in no file and no <style> text, only in a constructed sheet.
  const runtimeStyles = new CSSStyleSheet();
  runtimeStyles.insertRule('.payments-title { color: rgb(15, 118, 110); }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, runtimeStyles];

  const ICON = {
    plus: '<path d="M12 5v14M5 12h14"/>',
    back: '<path d="M19 12H5M11 6l-6 6 6 6"/>',
    copy: '<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a1 1 0 0 1 1-1h10"/>',
    mail: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
  };
  function icon(name) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    for (const [k, v] of Object.entries({
      viewBox: '0 0 24 24',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': '2',
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
      'aria-hidden': 'true',
      focusable: 'false',
    }))
      svg.setAttribute(k, v);
    svg.innerHTML = ICON[name];
    return svg;
  }

  // ------------------------------------------------------------------ routing

  function parseRoute(loc) {
    const path = loc.pathname.replace(/\/+$/, '') || '/';
    if (path === '/payments') {
      return {
        name: 'list',
        status: new window.URLSearchParams(loc.search).get('status') || 'all',
      };
    }
    if (path === '/payments/new') return { name: 'new' };
    const match = /^\/payments\/([A-Za-z0-9_-]+)$/.exec(path);
    if (match) return { name: 'detail', id: match[1] };
    return { name: 'notfound' };
  }

  function isAppPath(pathname) {
    return pathname === '/payments' || pathname.startsWith('/payments/');
  }

  function navigate(href, { replace = false } = {}) {
    const url = new URL(href, window.location.href);
    const next = url.pathname + url.search + url.hash;
    const current = window.location.pathname + window.location.search + window.location.hash;
    if (next !== current)
      window.history[replace ? 'replaceState' : 'pushState']({ app: 'payments' }, '', next);
    render({ moveFocus: true });
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof window.Element ? event.target.closest('a[href]') : null;
    if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || !isAppPath(url.pathname)) return;
    event.preventDefault();
    navigate(url.href);
  });

  window.addEventListener('popstate', () => render({ moveFocus: true }));

  function setPage(title, ...children) {
    document.title = `${title} · Tillwise`;
    app.replaceChildren(...children);
  }

  function focusHeading() {
    const heading = app.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  function render({ moveFocus = false } = {}) {
    const seq = ++renderSeq;
    const route = parseRoute(window.location);
    app.dataset.route = route.name;
    const views = {
      list: renderList,
      new: renderNew,
      detail: renderDetail,
      notfound: renderNotFound,
    };
    const isCurrent = () => seq === renderSeq;
    route.moveFocus = moveFocus;
    views[route.name](route, isCurrent);
    if (moveFocus) focusHeading();
  }

  // ------------------------------------------------------------------ shared bits

  function pageHead(title, lede, actions) {
    return h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        null,
        h('h1', { tabindex: '-1', class: 'payments-title' }, title),
        lede ? h('p', { class: 'lede' }, lede) : null,
      ),
      actions ? h('div', { class: 'page-actions' }, actions) : null,
    );
  }

  function backLink() {
    const a = h('a', { href: '/payments' }, 'Back to list');
    a.prepend(icon('back'), ' ');
    return h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, a);
  }

  function emptyRow(cols, text) {
    return h('tr', null, h('td', { colspan: cols, class: 'table-empty' }, text));
  }

  // ------------------------------------------------------------------ list view

  const FILTERS = [
    ['all', 'All'],
    ['succeeded', 'Succeeded'],
    ['pending', 'Pending'],
    ['refunded', 'Refunded'],
    ['failed', 'Failed'],
    ['open', 'Payment links'],
  ];

  function renderList(route, isCurrent) {
    const create = h(
      'a',
      { class: 'btn btn-primary', href: '/payments/new' },
      'Create payment link',
    );
    create.prepend(icon('plus'));

    const tabs = h(
      'nav',
      { class: 'tabs', 'aria-label': 'Filter by status' },
      FILTERS.map(([key, label]) =>
        h(
          'a',
          {
            href: key === 'all' ? '/payments' : `/payments?status=${key}`,
            'aria-current': route.status === key ? 'true' : null,
          },
          label,
        ),
      ),
    );
    const tbody = h('tbody', null, emptyRow(5, 'Loading payments…'));
    const table = h(
      'table',
      null,
      h('caption', { class: 'visually-hidden' }, 'Payments, newest first'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, 'Payment'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col', class: 'num' }, 'Amount'),
          h('th', { scope: 'col' }, 'Method'),
          h('th', { scope: 'col' }, 'Date'),
        ),
      ),
      tbody,
    );

    setPage(
      'Payments',
      pageHead('Payments', 'Every card payment and payment link for Crumb & Co. Bakery.', create),
      h(
        'section',
        { class: 'card card-flush', 'aria-label': 'Payment list' },
        tabs,
        h('div', { class: 'table-wrap' }, table),
      ),
    );

    const query = route.status === 'all' ? '' : `?status=${encodeURIComponent(route.status)}`;
    fetchJSON(`/api/payments${query}`)
      .then((res) => {
        if (!isCurrent()) return;
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const items = res.data.data;
        if (!items.length) {
          tbody.replaceChildren(emptyRow(5, 'No payments match this filter yet.'));
          return;
        }
        tbody.replaceChildren(
          ...items.map((p) =>
            h(
              'tr',
              { dataset: { id: p.id } },
              h(
                'td',
                null,
                h('a', { class: 'row-link', href: `/payments/${p.id}` }, p.description),
                h('span', { class: 'sub' }, p.customer),
              ),
              h('td', null, statusBadge(p.status)),
              h('td', { class: 'num' }, money(p.amount, p.currency)),
              h('td', null, p.method),
              h('td', null, formatDate(p.created)),
            ),
          ),
        );
      })
      .catch(() => {
        if (isCurrent())
          tbody.replaceChildren(
            emptyRow(5, 'We couldn’t load your payments. Refresh the page to try again.'),
          );
      });
  }

  // ------------------------------------------------------------------ detail view

  function timelineFor(p) {
    const t = new Date(p.created).getTime();
    const at = (mins) => new Date(t + mins * 60000).toISOString();
    const events = [[p.created, p.type === 'link' ? 'Payment link created' : 'Checkout started']];
    if (p.type === 'link') return events;
    if (p.status === 'failed') events.push([at(1), 'Card declined by the issuing bank']);
    if (p.status === 'pending') events.push([at(2), 'Waiting for the bank to confirm']);
    if (p.status === 'succeeded' || p.status === 'refunded') {
      events.push([at(1), 'Payment succeeded'], [at(2), `Receipt emailed to ${p.email}`]);
    }
    if (p.status === 'refunded') events.push([at(240), 'Refunded in full']);
    return events.reverse();
  }

  function renderDetail(route, isCurrent) {
    setPage(
      'Payment',
      backLink(),
      pageHead('Loading payment…'),
      h(
        'div',
        { class: 'card' },
        h('div', { class: 'skeleton skeleton-line' }),
        h('div', { class: 'skeleton skeleton-line short' }),
      ),
    );

    fetchJSON(`/api/payments/${encodeURIComponent(route.id)}`)
      .then((res) => {
        if (!isCurrent()) return;
        if (res.status === 404) {
          renderNotFound(route);
          focusHeading();
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        showDetail(res.data);
        if (route.moveFocus) focusHeading();
      })
      .catch(() => {
        if (!isCurrent()) return;
        setPage(
          'Payment',
          backLink(),
          pageHead('We couldn’t load this payment', 'Refresh the page to try again.'),
        );
      });
  }

  function showDetail(p) {
    const isLink = p.type === 'link';
    const actions = [];
    if (!isLink && p.status === 'succeeded') {
      const receipt = h(
        'button',
        {
          type: 'button',
          class: 'btn btn-secondary',
          onclick: () => toast(`Receipt sent to ${p.email}`),
        },
        'Resend receipt',
      );
      receipt.prepend(icon('mail'));
      actions.push(receipt);
    }

    const rows = [
      ['Payment ID', h('span', { class: 'mono' }, p.id)],
      ['Customer', p.customer],
      ['Email', p.email || '—'],
      ['Method', p.method],
      ['Created', `${formatDateTime(p.created)} UTC`],
    ];
    if (!isLink) {
      rows.push(
        ['Fee', money(p.fee, p.currency)],
        ['Net', money(p.status === 'succeeded' ? p.amount - p.fee : 0, p.currency)],
      );
    } else {
      rows.push(['Quantity', p.adjustableQuantity ? 'Customers can adjust' : 'Fixed']);
    }

    const details = h(
      'section',
      { class: 'card', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title' }, isLink ? 'Link details' : 'Payment details'),
      h(
        'dl',
        { class: 'dl' },
        rows.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
    );

    let share = null;
    if (isLink) {
      const copy = h('button', { type: 'button', class: 'btn btn-secondary btn-sm' }, 'Copy link');
      copy.prepend(icon('copy'));
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(p.url);
          toast('Link copied to clipboard');
        } catch {
          toast('Select the link and copy it manually');
        }
      });
      share = h(
        'section',
        { class: 'card section', 'aria-labelledby': 'share-title' },
        h('h2', { id: 'share-title' }, 'Share your link'),
        h(
          'p',
          { class: 'small muted' },
          'Send it by text, email or social media. Customers can pay with card, Apple Pay or Google Pay.',
        ),
        h('div', { class: 'link-box' }, h('span', null, p.url), copy),
      );
    }

    const timeline = h(
      'section',
      { class: 'card', 'aria-labelledby': 'timeline-title' },
      h('h2', { id: 'timeline-title' }, 'Activity'),
      h(
        'ol',
        { class: 'timeline' },
        timelineFor(p).map(([when, what]) =>
          h('li', null, what, h('time', { datetime: when }, formatDateTime(when))),
        ),
      ),
    );

    setPage(
      p.description,
      backLink(),
      h(
        'div',
        { class: 'page-head' },
        h(
          'div',
          null,
          h('p', { class: 'eyebrow' }, isLink ? 'Payment link' : 'Payment'),
          h('h1', { tabindex: '-1' }, p.description),
          h(
            'div',
            { class: 'detail-meta' },
            h('p', { class: 'detail-amount' }, money(p.amount, p.currency)),
            statusBadge(p.status),
          ),
        ),
        actions.length ? h('div', { class: 'page-actions' }, actions) : null,
      ),
      h('div', { class: 'grid grid-main' }, h('div', null, details, share), timeline),
    );
  }

  // ------------------------------------------------------------------ new payment link

  function parseAmount(value) {
    const cleaned = String(value).replace(/[$,\s]/g, '');
    if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return NaN;
    return Math.round(parseFloat(cleaned) * 100);
  }

  function fieldBlock(id, label, control, hint) {
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      control,
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
    );
  }

  function renderNew() {
    const description = h('input', {
      type: 'text',
      id: 'link-description',
      name: 'description',
      required: true,
      maxlength: '120',
      'aria-describedby': 'link-description-hint',
    });
    const amount = h('input', {
      type: 'text',
      id: 'link-amount',
      name: 'amount',
      inputmode: 'decimal',
      autocomplete: 'off',
      required: true,
      placeholder: '0.00',
    });
    const currency = h(
      'select',
      { id: 'link-currency', name: 'currency' },
      [
        ['USD', 'USD — US dollar'],
        ['CAD', 'CAD — Canadian dollar'],
        ['EUR', 'EUR — Euro'],
        ['GBP', 'GBP — British pound'],
      ].map(([v, l]) => h('option', { value: v }, l)),
    );
    const email = h('input', {
      type: 'email',
      id: 'link-email',
      name: 'email',
      autocomplete: 'off',
      'aria-describedby': 'link-email-hint',
    });
    const quantity = h('input', {
      type: 'checkbox',
      id: 'link-quantity',
      name: 'adjustableQuantity',
    });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Create link');
    const status = h('div', { role: 'alert' });

    const previewTitle = h('p', { class: 'stat-label' }, 'Your item');
    const previewAmount = h('p', { class: 'stat-value' }, money(0, 'USD'));

    const form = h(
      'form',
      { class: 'card', novalidate: true, 'aria-labelledby': 'new-link-form-title' },
      h('h2', { id: 'new-link-form-title' }, 'Link details'),
      status,
      fieldBlock(
        'link-description',
        'What are you selling?',
        description,
        'For example “Birthday cake deposit” or “Sourdough subscription”.',
      ),
      h(
        'div',
        { class: 'field-row' },
        fieldBlock(
          'link-amount',
          'Amount',
          h('div', { class: 'input-prefix' }, h('span', { 'aria-hidden': 'true' }, '$'), amount),
        ),
        fieldBlock('link-currency', 'Currency', currency),
      ),
      fieldBlock(
        'link-email',
        'Customer email (optional)',
        email,
        'We’ll email the link and a receipt to this address.',
      ),
      h(
        'div',
        { class: 'check' },
        quantity,
        h('label', { for: 'link-quantity' }, 'Let customers adjust quantity'),
      ),
      h(
        'div',
        { class: 'hero-actions section' },
        submit,
        h('a', { class: 'btn btn-ghost', href: '/payments' }, 'Cancel'),
      ),
    );

    const updatePreview = () => {
      previewTitle.textContent = description.value.trim() || 'Your item';
      const cents = parseAmount(amount.value);
      previewAmount.textContent = money(Number.isNaN(cents) ? 0 : cents, currency.value);
    };
    for (const el of [description, amount, currency]) el.addEventListener('input', updatePreview);

    function validate() {
      const cents = parseAmount(amount.value);
      const checks = [
        [description, description.value.trim() ? '' : 'Describe what the customer is paying for.'],
        [
          amount,
          !amount.value.trim()
            ? 'Enter an amount.'
            : Number.isNaN(cents) || cents < 50 || cents > 1000000
              ? 'Enter an amount between 0.50 and 10,000.00.'
              : '',
        ],
        [
          email,
          email.value.trim() && !window.Tillwise.EMAIL_RE.test(email.value.trim())
            ? 'Enter a valid email address.'
            : '',
        ],
      ];
      let first = null;
      for (const [el, msg] of checks) {
        setFieldError(el, msg);
        if (msg && !first) first = el;
      }
      return first;
    }

    form.addEventListener('input', (e) => {
      if (e.target.getAttribute('aria-invalid') === 'true') validate();
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      status.replaceChildren();
      const invalid = validate();
      if (invalid) {
        invalid.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Creating…';
      try {
        const res = await fetchJSON('/api/payments', {
          method: 'POST',
          body: {
            description: description.value.trim(),
            amount: parseAmount(amount.value),
            currency: currency.value,
            email: email.value.trim() || undefined,
            adjustableQuantity: quantity.checked,
          },
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        toast('Payment link created');
        navigate(`/payments/${res.data.payment.id}`);
      } catch {
        window.Tillwise.showBanner(status, {
          title: 'We couldn’t create that link.',
          message: 'Please check the details and try again.',
        });
        submit.disabled = false;
        submit.textContent = 'Create link';
      }
    });

    const preview = h(
      'aside',
      { class: 'preview', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title', class: 'stat-label' }, 'Customer preview'),
      h(
        'div',
        { class: 'preview-card section' },
        h('p', { class: 'small muted' }, 'Crumb & Co. Bakery'),
        previewTitle,
        previewAmount,
        h('span', { class: 'btn btn-primary preview-pay', 'aria-hidden': 'true' }, 'Pay now'),
      ),
    );

    setPage(
      'New payment link',
      backLink(),
      pageHead(
        'Create a payment link',
        'Get paid for pre-orders, deposits and custom orders — no website needed.',
      ),
      h('div', { class: 'grid grid-main' }, form, preview),
    );
  }

  // ------------------------------------------------------------------ not found (client-side)

  function renderNotFound() {
    setPage(
      'Payment not found',
      backLink(),
      h(
        'div',
        { class: 'card empty-state' },
        h('h1', { tabindex: '-1' }, 'Payment not found'),
        h(
          'p',
          null,
          'This payment doesn’t exist or belongs to another account. Check the link and try again.',
        ),
      ),
    );
  }

  render();
})();
