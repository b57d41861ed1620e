import { gunzipSync } from 'node:zlib';
import type { Download } from 'playwright-core';
import { readFile } from 'node:fs/promises';

export interface BundleJson {
  format: string;
  version: number;
  sessions: {
    id: string;
    title: string;
    segments: {
      id: string;
      url: string;
      tabId: number;
      startedAt: number;
      events: { type: number; timestamp: number; data: unknown }[];
    }[];
    timeline: { type: string; [key: string]: unknown }[];
  }[];
}

export async function readDownload(
  download: Download,
): Promise<{ bytes: Buffer; text: string; json: BundleJson }> {
  const path = await download.path();
  const bytes = await readFile(path);
  const text = gunzipSync(bytes).toString('utf8');
  return { bytes, text, json: JSON.parse(text) as BundleJson };
}
