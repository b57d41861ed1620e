/** gzip via the platform's CompressionStream (Chrome 80+, Firefox 113+, Node 18+). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('gzip'));
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('gzip'));
}

export async function gzipJson(value: unknown): Promise<Uint8Array> {
  return gzip(new TextEncoder().encode(JSON.stringify(value)));
}

export async function gunzipJson<T = unknown>(bytes: Uint8Array): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await gunzip(bytes))) as T;
}

/**
 * Decompress, giving up as soon as the output passes maxBytes, so a small
 * "zip bomb" cannot exhaust memory. Throws on corrupt or truncated input.
 */
export async function gunzipLimited(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new DecompressedTooLargeError(maxBytes);
    }
    parts.push(value);
  }
  return concat(parts, total);
}

export class DecompressedTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`decompressed size exceeds ${limit} bytes`);
    this.name = 'DecompressedTooLargeError';
  }
}

async function pipe(bytes: Uint8Array, transform: GenericTransformStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
