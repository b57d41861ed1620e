import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

/** One request as it arrived, bytes and all, for the contract checks and the token scan. */
export interface SeenRequest {
  method: string;
  /** Path and query exactly as sent (percent-encoding kept). */
  rawUrl: string;
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Name/value pairs as sent, for byte scans. */
  rawHeaders: string[];
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

/** Thrown by a route handler when a request breaks the published API shape. */
export class ContractViolation extends Error {}

export function violation(problem: string): never {
  throw new ContractViolation(problem);
}

/** A canned failure answered instead of the real thing, for the next requests. */
export interface InjectedFailure {
  status: 401 | 403 | 404 | 409 | 429 | 500 | 502 | 503;
  retryAfter?: string;
  headers?: Record<string, string>;
  /** How many requests get it; 1 unless told. */
  times?: number;
  /** Only requests this matches get it (any request unless told). */
  match?: (request: SeenRequest) => boolean;
}

export interface ContractServer {
  url: string;
  requests: SeenRequest[];
  violations: string[];
  failNext(failure: InjectedFailure): void;
  close(): Promise<void>;
}

export type Route = (request: SeenRequest) => Answer | Promise<Answer>;

/**
 * A node:http server on 127.0.0.1 (port 0). `route` checks each request against
 * the tracker's published shape and answers like the tracker; a violation gets
 * 400 and is recorded, so a test can insist there were none.
 */
export async function startContractServer(
  route: Route,
  failureBody: (status: number) => unknown,
): Promise<ContractServer> {
  const requests: SeenRequest[] = [];
  const violations: string[] = [];
  const failures: InjectedFailure[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      rawUrl,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers,
      rawHeaders: [...req.rawHeaders],
      body: Buffer.concat(chunks),
    };
    requests.push(seen);
    let answer: Answer;
    const at = failures.findIndex((f) => f.match === undefined || f.match(seen));
    const failure = failures[at];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.splice(at, 1);
      answer = {
        status: failure.status,
        headers: {
          ...failure.headers,
          ...(failure.retryAfter !== undefined ? { 'Retry-After': failure.retryAfter } : {}),
        },
        json: failureBody(failure.status),
      };
    } else {
      try {
        answer = await route(seen);
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        if (!(error instanceof ContractViolation)) throw error;
        violations.push(`${seen.method} ${rawUrl}: ${problem}`);
        answer = { status: 400, json: { message: `contract violation: ${problem}` } };
      }
    }
    const body =
      answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? undefined);
    res.writeHead(answer.status, {
      ...(answer.json !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      ...answer.headers,
    });
    res.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push(`server error: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations,
    failNext(failure) {
      failures.push({ ...failure });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A JSON request body, or a violation when it is not one. */
export function jsonBody(request: SeenRequest): Record<string, unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) violation(`Content-Type is "${type}", not JSON`);
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch {
    violation('body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    violation('body is not a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Fields beyond the documented ones, and documented ones of the wrong type, are violations. */
export function checkFields(
  body: Record<string, unknown>,
  fields: Record<string, { type: 'string' | 'number' | 'string[]'; required?: boolean }>,
): void {
  for (const name of Object.keys(body)) {
    if (!(name in fields)) violation(`undocumented field "${name}"`);
  }
  for (const [name, spec] of Object.entries(fields)) {
    const value = body[name];
    if (value === undefined) {
      if (spec.required) violation(`missing required field "${name}"`);
      continue;
    }
    const ok =
      spec.type === 'string[]'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : typeof value === spec.type;
    if (!ok) violation(`field "${name}" is not ${spec.type}`);
  }
}

/** Every place `secret` occurs in the request's bytes, outside the header named `allowedHeader`. */
export function secretLeaks(
  requests: readonly SeenRequest[],
  secret: string,
  allowedHeader: string,
): string[] {
  const leaks: string[] = [];
  for (const r of requests) {
    if (r.rawUrl.includes(secret)) leaks.push(`${r.method} ${r.path}: in the URL`);
    if (r.body.includes(Buffer.from(secret))) leaks.push(`${r.method} ${r.path}: in the body`);
    for (let i = 0; i < r.rawHeaders.length; i += 2) {
      const name = r.rawHeaders[i] ?? '';
      const value = r.rawHeaders[i + 1] ?? '';
      if (name.toLowerCase() !== allowedHeader.toLowerCase() && value.includes(secret)) {
        leaks.push(`${r.method} ${r.path}: in header ${name}`);
      }
      if (name.includes(secret)) leaks.push(`${r.method} ${r.path}: in a header name`);
    }
  }
  return leaks;
}

/** A loopback port nothing listens on (bound, then released): a tracker that is down. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
