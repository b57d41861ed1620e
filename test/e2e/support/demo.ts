import { startDemoServer } from '../../../demo/server.mjs';

export interface Demo {
  url: string;
  partnerUrl: string;
  close(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  return startDemoServer({ host: '127.0.0.1', port: 0, partnerPort: 0 });
}
