// Tillwise demo product server.
//
// Serves two sites on loopback using only Node built-ins:
//   - origin A: the "Tillwise" product (demo/public/)
//   - origin B: the "Tillwise Help Center" partner site (demo/partner/)
//
// Usage as a module:
//   const { url, partnerUrl, close } = await startDemoServer({ port: 0 });
// Usage from the command line:
//   node demo/server.mjs [port]        (default 4173; help center on port + 1)

import { Buffer } from 'node:buffer';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const PARTNER_DIR = fileURLToPath(new URL('./partner/', import.meta.url));

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** Delay applied to the /statements HTML response. */
export const STATEMENTS_DELAY_MS = 3500;
/** Upper bound for GET /api/slow?ms= */
export const MAX_SLOW_MS = 5000;

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const BUSINESS_TYPES = ['bakery', 'cafe', 'retail', 'market', 'services', 'other'];
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------------------
// Seed data (deterministic so tests and screenshots are stable)
// ---------------------------------------------------------------------------

function seedPayments() {
  const rows = [
    [
      'pay_3JQ8D1',
      4850,
      'succeeded',
      'Maya Okafor',
      'maya.okafor@example.com',
      'Sourdough subscription (4 weeks)',
      'Visa •••• 4242',
      '2025-03-12T09:14:00Z',
    ],
    [
      'pay_3JQ7ZK',
      1275,
      'succeeded',
      'Leo Brandt',
      'leo.b@example.com',
      '2 × Cardamom buns, 1 × Rye loaf',
      'Apple Pay',
      '2025-03-12T08:41:00Z',
    ],
    [
      'pay_3JQ7RA',
      9600,
      'pending',
      'Hartley & Sons Café',
      'orders@hartleycafe.example',
      'Wholesale croissants (48)',
      'Bank transfer',
      '2025-03-11T16:02:00Z',
    ],
    [
      'pay_3JQ6WM',
      3200,
      'succeeded',
      'Priya Raman',
      'priya.r@example.com',
      'Custom birthday cake deposit',
      'Mastercard •••• 5454',
      '2025-03-11T11:27:00Z',
    ],
    [
      'pay_3JQ6B2',
      890,
      'refunded',
      'Tom Keller',
      'tkeller@example.com',
      'Focaccia (rosemary)',
      'Visa •••• 1881',
      '2025-03-10T17:55:00Z',
    ],
    [
      'pay_3JQ5XP',
      2140,
      'succeeded',
      'Aiko Tanaka',
      'aiko.t@example.com',
      'Weekend pastry box',
      'Google Pay',
      '2025-03-10T10:03:00Z',
    ],
    [
      'pay_3JQ5K9',
      15400,
      'succeeded',
      'Northside Market',
      'buying@northside.example',
      'Weekly bread standing order',
      'Bank transfer',
      '2025-03-09T07:30:00Z',
    ],
    [
      'pay_3JQ4TT',
      650,
      'failed',
      'Sam Ortiz',
      'sam.ortiz@example.com',
      'Baguette + coffee',
      'Visa •••• 0341',
      '2025-03-08T15:12:00Z',
    ],
    [
      'pay_3JQ4F1',
      4200,
      'succeeded',
      'Elena Rossi',
      'elena.rossi@example.com',
      'Sourdough workshop ticket',
      'Mastercard •••• 7720',
      '2025-03-08T09:45:00Z',
    ],
    [
      'pay_3JQ3QW',
      1980,
      'succeeded',
      'Jonah Blake',
      'jonah@example.com',
      'Pastry box + 2 lattes',
      'Apple Pay',
      '2025-03-07T12:20:00Z',
    ],
    [
      'pay_3JQ3A7',
      7350,
      'succeeded',
      'Greenleaf Office',
      'office@greenleaf.example',
      'Team breakfast catering',
      'Visa •••• 9012',
      '2025-03-06T08:05:00Z',
    ],
    [
      'pay_3JQ2MZ',
      1150,
      'pending',
      'Noor Haddad',
      'noor.h@example.com',
      'Pre-order: hot cross buns (6)',
      'Card (processing)',
      '2025-03-05T18:40:00Z',
    ],
  ];
  return rows.map(([id, amount, status, customer, email, description, method, created]) => ({
    id,
    type: 'payment',
    amount,
    currency: 'USD',
    status,
    customer,
    email,
    description,
    method,
    created,
    fee: status === 'succeeded' ? Math.round(amount * 0.019) + 25 : 0,
  }));
}

// ---------------------------------------------------------------------------
// Small HTTP helpers
// ---------------------------------------------------------------------------

function setCommonHeaders(res) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function sendJson(req, res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

function sendText(req, res, status, contentType, body, extraHeaders = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': buf.length,
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

function redirect(req, res, location, status = 302) {
  sendText(req, res, status, 'text/plain; charset=utf-8', `Redirecting to ${location}\n`, {
    Location: location,
  });
}

function methodNotAllowed(req, res, allowed, asJson) {
  res.setHeader('Allow', allowed.join(', '));
  if (asJson) {
    sendJson(req, res, 405, {
      error: 'method_not_allowed',
      message: `Use ${allowed.join(' or ')}.`,
    });
  } else {
    sendText(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
  }
}

async function readJsonBody(req, limit = 1_000_000) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw Object.assign(new Error('Request body is not valid JSON'), { status: 400 });
  }
}

/** Resolve a URL path to a file inside root, or null. Never escapes root. */
async function resolveFile(root, pathname) {
  const candidates = [];
  if (pathname === '/' || pathname === '') {
    candidates.push('index.html');
  } else {
    const rel = pathname.replace(/^\/+/, '');
    if (path.extname(rel)) candidates.push(rel);
    else candidates.push(`${rel}.html`, path.join(rel, 'index.html'));
  }
  for (const rel of candidates) {
    const full = path.resolve(root, rel);
    if (full !== root && !full.startsWith(root)) continue;
    try {
      const st = await stat(full);
      if (st.isFile()) return full;
    } catch {
      /* try next */
    }
  }
  return null;
}

function fillTemplate(text, ctx) {
  return text.replaceAll('%PRODUCT_URL%', ctx.url).replaceAll('%PARTNER_URL%', ctx.partnerUrl);
}

async function sendFile(req, res, file, ctx, status = 200) {
  const ext = path.extname(file).toLowerCase();
  const type = MIME_TYPES[ext] || 'application/octet-stream';
  let body = await readFile(file);
  if (ext === '.html') body = Buffer.from(fillTemplate(body.toString('utf8'), ctx));
  sendText(req, res, status, type, body);
}

async function sendNotFoundPage(req, res, root, ctx) {
  const file = path.join(root, '404.html');
  try {
    await sendFile(req, res, file, ctx, 404);
  } catch {
    sendText(
      req,
      res,
      404,
      'text/html; charset=utf-8',
      '<!doctype html><title>Page not found</title><h1>Page not found</h1>',
    );
  }
}

function decodePath(rawUrl) {
  const url = new URL(rawUrl, 'http://localhost');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { url, pathname: null };
  }
  if (pathname.includes('\0')) return { url, pathname: null };
  return { url, pathname: path.posix.normalize(pathname) };
}

// ---------------------------------------------------------------------------
// Product (origin A)
// ---------------------------------------------------------------------------

function createProductHandler(ctx) {
  const state = { payments: seedPayments(), linkCounter: 0 };

  function delay(req, ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ctx.timers.delete(timer);
        resolve(true);
      }, ms);
      ctx.timers.add(timer);
      req.on('close', () => {
        if (ctx.timers.delete(timer)) {
          clearTimeout(timer);
          resolve(false);
        }
      });
    });
  }

  async function handleApi(req, res, url, pathname) {
    const { method } = req;
    const route = pathname.replace(/\/+$/, '');

    if (route === '/api/payments') {
      if (method === 'GET' || method === 'HEAD') {
        const status = url.searchParams.get('status');
        const data = status ? state.payments.filter((p) => p.status === status) : state.payments;
        return sendJson(req, res, 200, { object: 'list', data, total: data.length });
      }
      if (method === 'POST') {
        const body = await readJsonBody(req);
        const errors = {};
        const description = typeof body.description === 'string' ? body.description.trim() : '';
        const amount = Number(body.amount);
        const currency = typeof body.currency === 'string' ? body.currency.toUpperCase() : 'USD';
        if (!description) errors.description = 'Add a short description.';
        if (!Number.isInteger(amount) || amount < 50 || amount > 1_000_000) {
          errors.amount = 'Amount must be between 0.50 and 10,000.00.';
        }
        if (!['USD', 'EUR', 'GBP', 'CAD'].includes(currency))
          errors.currency = 'Unsupported currency.';
        if (body.email && !EMAIL_RE.test(String(body.email)))
          errors.email = 'Enter a valid email address.';
        if (Object.keys(errors).length) return sendJson(req, res, 400, { ok: false, errors });
        state.linkCounter += 1;
        const id = `plink_${(0x5a3f0 + state.linkCounter * 7919).toString(36).toUpperCase()}`;
        const link = {
          id,
          type: 'link',
          amount,
          currency,
          status: 'open',
          customer: body.email ? String(body.email) : 'Any customer',
          email: body.email ? String(body.email) : '',
          description,
          method: 'Payment link',
          created: new Date().toISOString(),
          fee: 0,
          url: `https://pay.tillwise.example/l/${id.toLowerCase()}`,
          adjustableQuantity: Boolean(body.adjustableQuantity),
        };
        state.payments.unshift(link);
        return sendJson(req, res, 201, { ok: true, payment: link });
      }
      return methodNotAllowed(req, res, ['GET', 'POST'], true);
    }

    const detail = /^\/api\/payments\/([A-Za-z0-9_-]+)$/.exec(route);
    if (detail) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(req, res, ['GET'], true);
      const payment = state.payments.find((p) => p.id === detail[1]);
      if (!payment)
        return sendJson(req, res, 404, {
          error: 'not_found',
          message: `No payment with id ${detail[1]}.`,
        });
      return sendJson(req, res, 200, payment);
    }

    if (route === '/api/signup') {
      if (method !== 'POST') return methodNotAllowed(req, res, ['POST'], true);
      const body = await readJsonBody(req);
      const errors = {};
      const businessName = typeof body.businessName === 'string' ? body.businessName.trim() : '';
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      if (businessName.length < 2) errors.businessName = 'Enter your business name.';
      if (!EMAIL_RE.test(email)) errors.email = 'Enter a valid email address.';
      if (typeof body.password !== 'string' || body.password.length < 8) {
        errors.password = 'Use at least 8 characters.';
      }
      if (!BUSINESS_TYPES.includes(body.businessType))
        errors.businessType = 'Choose a business type.';
      if (body.terms !== true) errors.terms = 'You need to accept the terms to continue.';
      if (Object.keys(errors).length) return sendJson(req, res, 400, { ok: false, errors });
      return sendJson(req, res, 200, {
        ok: true,
        account: { id: 'acct_1Crumb42', businessName, email, businessType: body.businessType },
        redirect: '/dashboard',
      });
    }

    if (route === '/api/settings') {
      if (method !== 'POST') return methodNotAllowed(req, res, ['POST'], true);
      const body = await readJsonBody(req);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return sendJson(req, res, 400, { ok: false, errors: { form: 'Expected a JSON object.' } });
      }
      return sendJson(req, res, 200, {
        ok: true,
        savedAt: new Date().toISOString(),
        passwordChanged: Boolean(body.newPassword),
      });
    }

    if (route === '/api/payouts/export') {
      if (method !== 'POST') return methodNotAllowed(req, res, ['POST'], true);
      await readJsonBody(req).catch(() => ({}));
      return sendJson(req, res, 500, {
        error: 'export_failed',
        message: 'The payouts export worker did not respond.',
        requestId: 'req_7Hq2ExportDemo',
      });
    }

    if (route === '/api/slow') {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(req, res, ['GET'], true);
      const requested = Number.parseInt(url.searchParams.get('ms') ?? '1000', 10);
      const ms = Math.min(MAX_SLOW_MS, Math.max(0, Number.isFinite(requested) ? requested : 1000));
      const started = Date.now();
      if (!(await delay(req, ms))) return undefined;
      return sendJson(req, res, 200, {
        ok: true,
        requestedMs: requested,
        delayedMs: ms,
        elapsedMs: Date.now() - started,
      });
    }

    return sendJson(req, res, 404, {
      error: 'not_found',
      message: `No API route for ${method} ${pathname}.`,
    });
  }

  return async function handleProduct(req, res) {
    setCommonHeaders(res);
    const { url, pathname } = decodePath(req.url);
    if (pathname === null) return sendNotFoundPage(req, res, PUBLIC_DIR, ctx);

    if (pathname === '/api' || pathname.startsWith('/api/'))
      return handleApi(req, res, url, pathname);

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return methodNotAllowed(req, res, ['GET', 'HEAD'], false);

    // The Help Center lives on the partner origin.
    if (pathname === '/help') return redirect(req, res, `${ctx.partnerUrl}/`);

    // Browsers ask for /favicon.ico regardless; answer with the SVG mark.
    if (pathname === '/favicon.ico')
      return sendFile(req, res, path.join(PUBLIC_DIR, 'favicon.svg'), ctx);

    // Payments is a client-side routed SPA: serve the same shell for every /payments/* path.
    if (pathname === '/payments' || pathname.startsWith('/payments/')) {
      return sendFile(req, res, path.join(PUBLIC_DIR, 'payments.html'), ctx);
    }

    // Trailing slashes: /dashboard/ -> /dashboard
    if (pathname.length > 1 && pathname.endsWith('/')) {
      return redirect(req, res, pathname.replace(/\/+$/, '') + url.search, 301);
    }

    const file = await resolveFile(PUBLIC_DIR, pathname);
    if (!file) return sendNotFoundPage(req, res, PUBLIC_DIR, ctx);
    const name = path.basename(file);
    if (name === '404.html') return sendNotFoundPage(req, res, PUBLIC_DIR, ctx);
    if (name === 'statements.html') {
      if (!(await delay(req, STATEMENTS_DELAY_MS))) return undefined;
    }
    return sendFile(req, res, file, ctx);
  };
}

// ---------------------------------------------------------------------------
// Partner / Help Center (origin B)
// ---------------------------------------------------------------------------

function createPartnerHandler(ctx) {
  return async function handlePartner(req, res) {
    setCommonHeaders(res);
    const { url, pathname } = decodePath(req.url);
    if (pathname === null) return sendNotFoundPage(req, res, PARTNER_DIR, ctx);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return methodNotAllowed(req, res, ['GET', 'HEAD'], false);
    if (pathname === '/favicon.ico')
      return sendFile(req, res, path.join(PARTNER_DIR, 'favicon.svg'), ctx);
    if (pathname.length > 1 && pathname.endsWith('/')) {
      return redirect(req, res, pathname.replace(/\/+$/, '') + url.search, 301);
    }
    const file = await resolveFile(PARTNER_DIR, pathname);
    if (!file || path.basename(file) === '404.html')
      return sendNotFoundPage(req, res, PARTNER_DIR, ctx);
    return sendFile(req, res, file, ctx);
  };
}

// ---------------------------------------------------------------------------
// Server lifecycle
// ---------------------------------------------------------------------------

function wrap(handler) {
  return (req, res) => {
    handler(req, res).catch((err) => {
      const status = err && Number.isInteger(err.status) ? err.status : 500;
      if (status === 500) console.error('[tillwise-demo]', err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      setCommonHeaders(res);
      sendJson(req, res, status, {
        error: status === 500 ? 'internal_error' : 'bad_request',
        message: err.message,
      });
    });
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}

function originFor(host, port) {
  const h = host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * Start the Tillwise demo product (origin A) and the Tillwise Help Center (origin B).
 * @param {{ host?: string, port?: number, partnerPort?: number }} [options]
 * @returns {Promise<{ url: string, partnerUrl: string, close: () => Promise<void> }>}
 */
export async function startDemoServer({ host = '127.0.0.1', port = 0, partnerPort = 0 } = {}) {
  const ctx = { url: '', partnerUrl: '', timers: new Set() };
  const product = http.createServer(wrap(createProductHandler(ctx)));
  const partner = http.createServer(wrap(createPartnerHandler(ctx)));

  const productPort = await listen(product, port, host);
  let boundPartnerPort;
  try {
    boundPartnerPort = await listen(partner, partnerPort, host);
  } catch (err) {
    await closeServer(product);
    throw err;
  }
  ctx.url = originFor(host, productPort);
  ctx.partnerUrl = originFor(host, boundPartnerPort);

  let closing;
  const close = () => {
    closing ??= (async () => {
      for (const timer of ctx.timers) clearTimeout(timer);
      ctx.timers.clear();
      await Promise.all([closeServer(product), closeServer(partner)]);
    })();
    return closing;
  };

  return { url: ctx.url, partnerUrl: ctx.partnerUrl, close };
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

const isMain =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (isMain) {
  const arg = process.argv[2];
  const port = arg === undefined ? 4173 : Number.parseInt(arg, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Usage: node demo/server.mjs [port]   (got "${arg}")`);
    process.exit(1);
  }
  const partnerPort = port === 0 ? 0 : port + 1;
  const server = await startDemoServer({ port, partnerPort });
  console.log(`Tillwise demo product:      ${server.url}`);
  console.log(`Tillwise Help Center (B):   ${server.partnerUrl}`);
  const shutdown = () => {
    server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
