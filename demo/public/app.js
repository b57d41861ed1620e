// Tillwise shared helpers (loaded on every page, before page scripts).
(function () {
  'use strict';

  const currencyFormatters = new Map();
  function money(cents, currency) {
    const code = currency || 'USD';
    if (!currencyFormatters.has(code)) {
      currencyFormatters.set(
        code,
        new Intl.NumberFormat('en-US', { style: 'currency', currency: code }),
      );
    }
    return currencyFormatters.get(code).format(cents / 100);
  }

  // Dates are shown in UTC so the demo renders identically on every machine.
  const dateFmt = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTimeFmt = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const formatDate = (iso) => dateFmt.format(new Date(iso));
  const formatDateTime = (iso) => dateTimeFmt.format(new Date(iso));

  /** Tiny DOM builder. Never sets inline styles (the CSP forbids them). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on') && typeof value === 'function')
        el.addEventListener(key.slice(2), value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof window.Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const STATUS_LABELS = {
    succeeded: 'Succeeded',
    pending: 'Pending',
    failed: 'Failed',
    refunded: 'Refunded',
    open: 'Link active',
  };
  function statusBadge(status) {
    return h('span', { class: `badge badge-${status}` }, STATUS_LABELS[status] || status);
  }

  async function fetchJSON(url, options) {
    const opts = Object.assign({ headers: {} }, options);
    if (opts.body !== undefined && typeof opts.body !== 'string') {
      opts.body = JSON.stringify(opts.body);
      opts.headers = Object.assign({ 'Content-Type': 'application/json' }, opts.headers);
    }
    opts.headers = Object.assign({ Accept: 'application/json' }, opts.headers);
    const res = await fetch(url, opts);
    let data;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    return { ok: res.ok, status: res.status, data };
  }

  const CHECK_ICON =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>';
  const ALERT_ICON =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/></svg>';

  let toastRegion = null;
  function ensureToastRegion() {
    if (!toastRegion) {
      toastRegion = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' });
      document.body.append(toastRegion);
    }
    return toastRegion;
  }
  function toast(message, timeout) {
    const region = ensureToastRegion();
    const el = h('div', { class: 'toast' });
    el.innerHTML = CHECK_ICON;
    el.append(h('span', { class: 'toast-text' }, message));
    region.append(el);
    setTimeout(() => el.remove(), timeout || 4000);
    return el;
  }

  /** Render an error banner into a live-region container. */
  function showBanner(container, { title, message, actions }) {
    container.replaceChildren();
    const banner = h('div', { class: 'banner banner-error' });
    banner.innerHTML = ALERT_ICON;
    banner.append(
      h(
        'div',
        null,
        h('p', { class: 'banner-title' }, title),
        message ? h('p', null, message) : null,
      ),
      actions && actions.length ? h('div', { class: 'banner-actions' }, actions) : null,
    );
    container.append(banner);
    return banner;
  }

  /** Inline field validation helpers shared by the signup and settings forms. */
  function setFieldError(input, message) {
    const errorEl = document.getElementById(`${input.id}-error`);
    const base = (input.dataset.describedby ?? input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && id !== `${input.id}-error`);
    if (input.dataset.describedby === undefined) input.dataset.describedby = base.join(' ');
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [...base, `${input.id}-error`].join(' '));
      if (errorEl) {
        errorEl.textContent = message;
        errorEl.hidden = false;
      }
    } else {
      input.removeAttribute('aria-invalid');
      if (base.length) input.setAttribute('aria-describedby', base.join(' '));
      else input.removeAttribute('aria-describedby');
      if (errorEl) {
        errorEl.textContent = '';
        errorEl.hidden = true;
      }
    }
  }

  ensureToastRegion();

  window.Tillwise = {
    money,
    formatDate,
    formatDateTime,
    h,
    statusBadge,
    fetchJSON,
    toast,
    showBanner,
    setFieldError,
    EMAIL_RE: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  };
})();
