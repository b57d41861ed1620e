// Signup form: client-side validation with inline errors, then POST /api/signup.
(function () {
  'use strict';
  const { setFieldError, fetchJSON, showBanner, h, EMAIL_RE } = window.Tillwise;

  const form = document.getElementById('signup-form');
  const status = document.getElementById('form-status');
  const submit = document.getElementById('signup-submit');
  const fields = {
    businessName: document.getElementById('businessName'),
    email: document.getElementById('email'),
    password: document.getElementById('password'),
    businessType: document.getElementById('businessType'),
    terms: document.getElementById('terms'),
  };

  const validators = {
    businessName: (el) => (el.value.trim().length >= 2 ? '' : 'Enter your business name.'),
    email: (el) => {
      if (!el.value.trim()) return 'Enter your email address.';
      return EMAIL_RE.test(el.value.trim())
        ? ''
        : 'Enter a valid email address, like dana@crumbandco.com.';
    },
    password: (el) => {
      if (!el.value) return 'Create a password.';
      return el.value.length >= 8 ? '' : 'Use at least 8 characters.';
    },
    businessType: (el) => (el.value ? '' : 'Choose a business type.'),
    terms: (el) => (el.checked ? '' : 'You need to accept the terms to continue.'),
  };

  let attempted = false;

  function validate(name) {
    const message = validators[name](fields[name]);
    setFieldError(fields[name], message);
    return !message;
  }

  function validateAll() {
    let firstInvalid = null;
    for (const name of Object.keys(fields)) {
      if (!validate(name) && !firstInvalid) firstInvalid = fields[name];
    }
    return firstInvalid;
  }

  // After the first submit attempt, re-check fields as the user fixes them.
  for (const [name, el] of Object.entries(fields)) {
    const evt = el.type === 'checkbox' || el.tagName === 'SELECT' ? 'change' : 'input';
    el.addEventListener(evt, () => {
      if (attempted || el.getAttribute('aria-invalid') === 'true') validate(name);
    });
    el.addEventListener('blur', () => {
      if (attempted) validate(name);
    });
  }

  function setBusy(busy) {
    submit.disabled = busy;
    submit.setAttribute('aria-busy', String(busy));
    submit.textContent = busy ? 'Creating account…' : 'Create account';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    attempted = true;
    status.replaceChildren();
    // Each attempt is judged afresh: the previous attempt's errors go first.
    for (const el of Object.values(fields)) setFieldError(el, '');
    const firstInvalid = validateAll();
    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }

    const payload = {
      businessName: fields.businessName.value.trim(),
      email: fields.email.value.trim(),
      password: fields.password.value,
      businessType: fields.businessType.value,
      terms: fields.terms.checked,
    };

    setBusy(true);
    try {
      const res = await fetchJSON('/api/signup', { method: 'POST', body: payload });
      if (res.ok) {
        try {
          window.sessionStorage.setItem('tillwise.businessName', payload.businessName);
        } catch {
          /* storage may be unavailable; the dashboard falls back to the demo name */
        }
        window.location.assign((res.data && res.data.redirect) || '/dashboard');
        return;
      }
      if (res.status === 400 && res.data && res.data.errors) {
        let first = null;
        for (const [name, message] of Object.entries(res.data.errors)) {
          if (fields[name]) {
            setFieldError(fields[name], message);
            first = first || fields[name];
          }
        }
        if (first) first.focus();
      } else {
        showBanner(status, {
          title: 'We couldn’t create your account.',
          message: `Something went wrong on our side (error ${res.status}). Please try again.`,
        });
      }
    } catch {
      showBanner(status, {
        title: 'You appear to be offline.',
        message: 'Check your connection and try again.',
        actions: [
          h(
            'button',
            { type: 'submit', form: 'signup-form', class: 'btn btn-secondary btn-sm' },
            'Try again',
          ),
        ],
      });
    }
    setBusy(false);
  });
})();
