import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the extension sent to the tracker, as it arrived. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TrackerProxy {
  /** `http://127.0.0.1:<port>`: the URL the extension is configured with. */
  url: string;
  seen: SeenRequest[];
  /** Every connection from now on is dropped at once, like a server that went away. */
  goDown(): void;
  /** Forward again, to `upstream` (a restarted server may listen elsewhere). */
  comeBack(upstream: string): void;
  /** Hold each forwarded request this long, so a batch cannot finish between two looks. */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

/**
 * A loopback pass-through in front of a real tracker: it records what the
 * extension sends and can stop answering at an exact moment, which stopping
 * the tracker's own process (seconds, at no precise point) cannot.
 */
export async function startTrackerProxy(initialUpstream: string): Promise<TrackerProxy> {
  let upstream = new URL(initialUpstream);
  let down = false;
  let delay = 0;
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      setTimeout(() => {
        if (down) {
          req.socket.destroy();
          return;
        }
        const out = forward(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: upstream.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => req.socket.destroy());
        out.end(body);
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    goDown: () => {
      down = true;
      server.closeAllConnections();
    },
    comeBack: (next) => {
      upstream = new URL(next);
      down = false;
    },
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
