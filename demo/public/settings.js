// Settings: light validation, POST /api/settings, then a "Saved" toast.
(function () {
  'use strict';
  const { setFieldError, fetchJSON, toast, showBanner, EMAIL_RE } = window.Tillwise;

  const form = document.getElementById('settings-form');
  const save = document.getElementById('settings-save');
  const status = document.getElementById('settings-status');
  const $ = (id) => document.getElementById(id);

  function validate() {
    const checks = [
      [$('businessName'), $('businessName').value.trim() ? '' : 'Enter your business name.'],
      [
        $('supportEmail'),
        EMAIL_RE.test($('supportEmail').value.trim()) ? '' : 'Enter a valid email address.',
      ],
      [
        $('currentPassword'),
        $('newPassword').value && !$('currentPassword').value
          ? 'Enter your current password to set a new one.'
          : '',
      ],
      [
        $('newPassword'),
        $('newPassword').value && $('newPassword').value.length < 8
          ? 'Use at least 8 characters.'
          : '',
      ],
    ];
    let first = null;
    for (const [el, message] of checks) {
      setFieldError(el, message);
      if (message && !first) first = el;
    }
    return first;
  }

  form.addEventListener('input', (event) => {
    if (event.target.getAttribute('aria-invalid') === 'true') validate();
  });

  form.addEventListener('reset', () => {
    setTimeout(() => {
      for (const el of form.querySelectorAll('[aria-invalid="true"]')) setFieldError(el, '');
      status.replaceChildren();
    });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const invalid = validate();
    if (invalid) {
      invalid.focus();
      return;
    }
    const data = new FormData(form);
    const payload = {
      businessName: data.get('businessName').trim(),
      statementDescriptor: data.get('statementDescriptor').trim(),
      businessType: data.get('businessType'),
      about: data.get('about'),
      supportEmail: data.get('supportEmail').trim(),
      phone: data.get('phone').trim(),
      payoutSchedule: data.get('payoutSchedule'),
      payoutEmails: data.get('payoutEmails') === 'on',
      currentPassword: data.get('currentPassword') || undefined,
      newPassword: data.get('newPassword') || undefined,
    };

    save.disabled = true;
    save.textContent = 'Saving…';
    try {
      const res = await fetchJSON('/api/settings', { method: 'POST', body: payload });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      $('currentPassword').value = '';
      $('newPassword').value = '';
      toast('Saved');
    } catch {
      showBanner(status, {
        title: 'Your changes weren’t saved.',
        message: 'Something went wrong on our side. Please try again in a moment.',
      });
    } finally {
      save.disabled = false;
      save.textContent = 'Save';
    }
  });
})();
