import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pages that are not our demo: a real third-party single-page app shipped in
 * an npm package (Swagger UI, served from node_modules) and the hostile,
 * slow and privacy pages under test/e2e/sites/. Loopback only.
 */
export interface TestSites {
  /** http://127.0.0.1:<port> (or the host asked for) */
  url: string;
  /** The Swagger UI app, pointed at this server's own small API. */
  swaggerUrl: string;
  /** A page from test/e2e/sites/, e.g. site('hostile.html'). */
  site(file: string): string;
  /** A small page of its own at /visit/<n>. */
  visit(n: number): string;
  /** Request bodies the API received, newest last. */
  received: { method: string; path: string; body: string }[];
  /**
   * Requests to /beacon/<name>, oldest first: what a product would see when
   * something (a replay, say) loads a recorded image or link.
   */
  beacons: { path: string; cookie: string | undefined; fetchSite: string | undefined }[];
  close(): Promise<void>;
}

const SITES_DIR = fileURLToPath(new URL('../sites/', import.meta.url));
const SWAGGER_DIR = fileURLToPath(
  new URL('../../../node_modules/swagger-ui-dist/', import.meta.url),
);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A small API for Swagger UI to call: it echoes what was sent, as many real APIs do. */
const OPENAPI = {
  openapi: '3.0.3',
  info: {
    title: 'Notes API',
    version: '1.0.0',
    description: 'A loopback API for recording tests.',
  },
  servers: [{ url: '/api' }],
  paths: {
    '/notes': {
      post: {
        summary: 'Create a note',
        operationId: 'createNote',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { title: { type: 'string' }, secret: { type: 'string' } },
              },
            },
          },
        },
        responses: { '201': { description: 'Created' } },
      },
    },
    '/users/{name}': {
      get: {
        summary: 'Find a user',
        operationId: 'findUser',
        parameters: [
          { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'token', in: 'query', required: false, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'The user' }, '404': { description: 'Not found' } },
      },
    },
  },
};

const SWAGGER_INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
};`;

function safeJoin(root: string, rel: string): string | null {
  const full = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
  return full.startsWith(root) ? full : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `host`: another loopback address (127.0.0.2), e.g. one the test build has no access to. */
export async function startTestSites(options: { host?: string } = {}): Promise<TestSites> {
  const host = options.host ?? '127.0.0.1';
  const received: TestSites['received'] = [];
  const beacons: TestSites['beacons'] = [];

  async function sendFile(res: http.ServerResponse, file: string | null) {
    if (!file) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // ?delay=ms holds any response back (slow documents, late images, late load events).
      const delay = Math.min(Number(url.searchParams.get('delay')) || 0, 10_000);
      if (delay) await sleep(delay);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const p = url.pathname;
      if (p.startsWith('/api/')) received.push({ method: req.method ?? 'GET', path: p, body });

      if (p === '/api/openapi.json') {
        return void res
          .writeHead(200, { 'content-type': MIME['.json']! })
          .end(JSON.stringify(OPENAPI));
      }
      if (p === '/api/notes' && req.method === 'POST') {
        return void res
          .writeHead(201, { 'content-type': MIME['.json']! })
          .end(JSON.stringify({ id: 7, received: body ? JSON.parse(body) : null }));
      }
      if (p.startsWith('/api/users/')) {
        const name = decodeURIComponent(p.slice('/api/users/'.length));
        return void res
          .writeHead(200, { 'content-type': MIME['.json']! })
          .end(JSON.stringify({ name, token: url.searchParams.get('token') }));
      }
      if (p.startsWith('/beacon/')) {
        beacons.push({
          path: p,
          cookie: req.headers.cookie,
          fetchSite: req.headers['sec-fetch-site'] as string | undefined,
        });
        return void res
          .writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' })
          .end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
      }
      if (p === '/image.svg') {
        return void res
          .writeHead(200, { 'content-type': MIME['.svg']!, 'cache-control': 'no-store' })
          .end(
            '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" fill="#ddd"/></svg>',
          );
      }
      // Many small distinct pages, told apart by path (query values are not recorded).
      const visit = /^\/visit\/(\d+)$/.exec(p);
      if (visit) {
        return void res
          .writeHead(200, { 'content-type': MIME['.html']!, 'cache-control': 'no-store' })
          .end(
            `<!doctype html><html lang="en"><head><title>Visit ${visit[1]}</title></head><body><h1>Visit ${visit[1]}</h1><p>${'A short page. '.repeat(40)}</p><button type="button">Next</button></body></html>`,
          );
      }
      if (p === '/swagger/swagger-initializer.js') {
        return void res.writeHead(200, { 'content-type': MIME['.js']! }).end(SWAGGER_INITIALIZER);
      }
      if (p === '/swagger' || p === '/swagger/') {
        return sendFile(res, path.join(SWAGGER_DIR, 'index.html'));
      }
      if (p.startsWith('/swagger/')) {
        return sendFile(res, safeJoin(SWAGGER_DIR, p.slice('/swagger/'.length)));
      }
      // ?csp=<policy> serves a page with that policy, e.g. one that must not load its own images live.
      const csp = url.searchParams.get('csp');
      if (csp) res.setHeader('content-security-policy', csp);
      if (p.startsWith('/sites/'))
        return sendFile(res, safeJoin(SITES_DIR, p.slice('/sites/'.length)));
      res.writeHead(404).end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    url,
    swaggerUrl: `${url}/swagger/`,
    site: (file) => `${url}/sites/${file}`,
    visit: (n) => `${url}/visit/${n}`,
    received,
    beacons,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
