import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  checkFields,
  jsonBody,
  startContractServer,
  violation,
  type Answer,
  type ContractServer,
  type SeenRequest,
} from './http-contract';

/**
 * A receiver of Study Group's webhook (the schema in docs/tracker-export.md):
 * it verifies the HMAC-SHA256 signature with node:crypto, checks every field,
 * and treats a repeated Idempotency-Key as the same delivery.
 */
export interface WebhookDelivery {
  key: string;
  event: Record<string, unknown>;
  /** Decoded attachment bytes by file name (inline deliveries only). */
  files: Map<string, Buffer>;
}

export interface WebhookServer extends ContractServer {
  /** The URL to configure, path and query included. */
  hookUrl: string;
  deliveries: WebhookDelivery[];
  /** Ids answered per idempotency key: a repeat gets the first answer. */
  ids: Map<string, string>;
  /** Answer `{ id, url }` (true) or an empty 204 (false). */
  answersJson: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export async function startWebhookServer(options: {
  secret: string;
  path?: string;
}): Promise<WebhookServer> {
  const path = options.path ?? '/hooks/study-group';
  let self: WebhookServer | null = null;
  const deliveries: WebhookDelivery[] = [];
  const ids = new Map<string, string>();

  function verify(request: SeenRequest): boolean {
    const header = request.headers['x-study-group-signature'];
    if (!options.secret) {
      if (header !== undefined) violation('signed without a secret');
      return true;
    }
    if (header === undefined) return false;
    if (!/^sha256=[0-9a-f]{64}$/.test(header)) violation(`signature "${header}" malformed`);
    const expected = createHmac('sha256', options.secret).update(request.body).digest();
    return timingSafeEqual(Buffer.from(header.slice('sha256='.length), 'hex'), expected);
  }

  function checkFinding(event: Record<string, unknown>): Map<string, Buffer> {
    const { attachments, attachmentsInline, ...rest } = event;
    checkFields(rest, {
      type: { type: 'string', required: true },
      version: { type: 'number', required: true },
      key: { type: 'string', required: true },
      marker: { type: 'string', required: true },
      title: { type: 'string', required: true },
      body: { type: 'string', required: true },
      labels: { type: 'string[]', required: true },
    });
    if (typeof attachmentsInline !== 'boolean') violation('attachmentsInline is not boolean');
    if (!Array.isArray(attachments)) violation('attachments is not an array');
    const files = new Map<string, Buffer>();
    for (const item of attachments as unknown[]) {
      if (typeof item !== 'object' || item === null) violation('attachment is not an object');
      const file = item as Record<string, unknown>;
      checkFields(file, {
        fileName: { type: 'string', required: true },
        mime: { type: 'string', required: true },
        size: { type: 'number', required: true },
        data: { type: 'string', required: attachmentsInline },
      });
      if (!attachmentsInline && file.data !== undefined) violation('data sent though not inline');
      if (typeof file.data === 'string') {
        if (!BASE64.test(file.data)) violation('data is not base64');
        const bytes = Buffer.from(file.data, 'base64');
        if (bytes.length !== file.size) violation(`size ${String(file.size)} != ${bytes.length}`);
        files.set(file.fileName as string, bytes);
      }
    }
    return files;
  }

  function route(request: SeenRequest): Answer {
    if (request.method !== 'POST') violation(`method ${request.method}`);
    if (request.rawUrl !== path) return { status: 404, text: 'no such hook' };
    const key = request.headers['idempotency-key'];
    if (!key) violation('no Idempotency-Key');
    const event = jsonBody(request);
    if (!verify(request)) return { status: 401, json: { error: 'bad signature' } };
    if (request.headers['x-study-group-event'] !== event.type) {
      violation('X-Study-Group-Event differs from the body type');
    }
    if (event.version !== 1) violation('version is not 1');
    if (event.key !== key) violation('body key differs from Idempotency-Key');
    let files = new Map<string, Buffer>();
    if (event.type === 'finding') files = checkFinding(event);
    else if (event.type === 'comment') {
      const { issue, ...rest } = event;
      checkFields(rest, {
        type: { type: 'string', required: true },
        version: { type: 'number', required: true },
        key: { type: 'string', required: true },
        body: { type: 'string', required: true },
      });
      if (typeof issue !== 'object' || issue === null) violation('comment without issue');
      checkFields(issue as Record<string, unknown>, {
        id: { type: 'string', required: true },
        url: { type: 'string', required: true },
      });
    } else if (event.type === 'ping') {
      checkFields(event, {
        type: { type: 'string', required: true },
        version: { type: 'number', required: true },
        key: { type: 'string', required: true },
      });
    } else violation(`unknown event type ${String(event.type)}`);
    deliveries.push({ key, event, files });
    let id = ids.get(key);
    if (id === undefined) {
      id = `hook-${ids.size + 1}`;
      ids.set(key, id);
    }
    if (!self?.answersJson) return { status: 204 };
    return { status: 202, json: { id, url: `${self.url}/received/${id}` } };
  }

  const server = await startContractServer(route, (status) => ({ error: `status ${status}` }));
  self = Object.assign(server, {
    hookUrl: `${server.url}${path}`,
    deliveries,
    ids,
    answersJson: true,
  });
  return self;
}
