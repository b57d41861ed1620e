// `npm run zip`, Firefox half (the only one with a sources zip), built into a temp
// folder: the sources zip holds only what git tracks, and the Firefox package leaves
// out the offscreen document that Firefox cannot use.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** File names from a zip's central directory (folder entries left out). */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) =>
      zip.readUInt16LE(at + o),
    ) as [number, number, number];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (!name.endsWith('/')) names.push(name);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// Git-ignored leftovers of the kinds the issue found in the sources zip.
const PROBE_DIR = 'demo-output';
const PROBES = [`${PROBE_DIR}/zip-probe.txt`, 'zip-probe.log'];

let out: string;
let createdProbeDir = false;
let sources: string[];
let firefox: string[];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sg-zip-'));
  createdProbeDir = !existsSync(PROBE_DIR);
  await mkdir(PROBE_DIR, { recursive: true });
  await Promise.all(PROBES.map((path) => writeFile(path, 'not part of the sources\n')));
  await run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], {
    env: { ...process.env, SG_OUT_DIR: out, SG_TEST_HOSTS: '' },
  });
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  sources = zipEntries(await readFile(join(out, `study-group-${version}-sources.zip`)));
  firefox = zipEntries(await readFile(join(out, `study-group-${version}-firefox.zip`)));
}, 120_000);

afterAll(async () => {
  await Promise.all(PROBES.map((path) => rm(path, { force: true })));
  if (createdProbeDir) await rm(PROBE_DIR, { recursive: true, force: true });
  if (out) await rm(out, { recursive: true, force: true });
});

describe('npm run zip', () => {
  it('puts only files that git tracks into the sources zip', async () => {
    const tracked = new Set((await run('git', ['ls-files'])).stdout.split('\n'));
    expect(sources.filter((name) => !tracked.has(name))).toEqual([]);
    for (const probe of PROBES) expect(sources).not.toContain(probe);
    // Still enough to rebuild the extension from.
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md']) {
      expect(sources).toContain(needed);
    }
    expect(sources.some((name) => name.startsWith('lib/'))).toBe(true);
  });

  it('leaves the offscreen document out of the Firefox package', async () => {
    expect(firefox).toContain('manifest.json');
    expect(firefox).toContain('background.js');
    expect(firefox.filter((name) => /offscreen/i.test(name))).toEqual([]);
  });
});
