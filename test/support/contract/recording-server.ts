import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The loopback HTTP plumbing the Jira and Linear contract servers share: every
// request recorded byte for byte (for the token scans), answers as plain data.

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as it is. */
  body?: unknown;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(
  handle: (request: RecordedRequest) => Answer | Promise<Answer>,
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => handle(recorded))
        .then(
          (answer) => send(res, answer),
          (error: unknown) => send(res, { status: 500, body: { message: String(error) } }),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const headers = { ...answer.headers };
  let body: string | Buffer = '';
  if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) {
    body = answer.body;
    headers['Content-Type'] ??= 'text/plain;charset=UTF-8';
  } else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    headers['Content-Type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(answer.status, headers);
  res.end(body);
}

export function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A one-shot failure the next matching request gets instead of its answer. */
export interface Failure {
  status: 401 | 403 | 404 | 429 | 500;
  /** Seconds, for 429 (and 500 if given). */
  retryAfter?: number;
  /** How many requests get it (1 unless said). */
  times?: number;
}
