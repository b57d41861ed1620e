// (c) Size of the content scripts injected into every recorded page.
//
//   node scripts/bench/size.mjs
//
// Measures every file in .output/chrome-mv3/content-scripts/ (production
// build): recorder.js (isolated world) and whatever runs beside it (probe.js
// before the MAIN-world move, page-world.js after it).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  EXTENSION_DIR,
  TEST_EXTENSION_DIR,
  ensureProdBuild,
  fmt,
  heading,
  how,
  isMain,
  printTable,
  runStandalone,
  summaryRow,
} from './lib.mjs';

const TARGET_GZIP_KB = 35;
const KB = 1000;

function measure(dir) {
  const scripts = join(dir, 'content-scripts');
  if (!existsSync(scripts)) return [];
  return readdirSync(scripts)
    .filter((f) => f.endsWith('.js'))
    .sort((a, b) => (a === 'recorder.js' ? -1 : b === 'recorder.js' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const path = join(scripts, name);
      const bytes = readFileSync(path);
      return {
        file: `content-scripts/${name}`,
        raw: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        mtime: statSync(path).mtime.toISOString(),
      };
    });
}

export async function runSize() {
  heading('(c) recorder content script size (production build)');
  ensureProdBuild();
  const prod = measure(EXTENSION_DIR);
  const test = measure(TEST_EXTENSION_DIR);
  how(
    `every .js in .output/chrome-mv3/content-scripts/ as built by \`npx wxt build\` (built if missing or older than the sources); ` +
      `all of them are registered for a session's origins, so their sum is what each recorded page load injects; ` +
      `gzip = node:zlib gzipSync level 9; KB = 1000 B.`,
  );
  const total = {
    raw: prod.reduce((n, p) => n + p.raw, 0),
    gzip: prod.reduce((n, p) => n + p.gzip, 0),
  };
  printTable(
    [
      ...prod.map((p) => ({
        file: p.file,
        'raw KB': fmt(p.raw / KB, 2),
        'gzip -9 KB': fmt(p.gzip / KB, 2),
        built: p.mtime,
      })),
      {
        file: 'all (per recorded page load)',
        'raw KB': fmt(total.raw / KB, 2),
        'gzip -9 KB': fmt(total.gzip / KB, 2),
        built: '',
      },
    ],
    ['file', 'raw KB', 'gzip -9 KB', 'built'],
  );
  const same =
    test.length === prod.length &&
    test.every((t, i) => t.file === prod[i].file && t.raw === prod[i].raw);
  if (test.length && !same) {
    console.log(
      `  note: the test build (.output-test) differs: ${test.map((t) => `${t.file} ${fmt(t.raw / KB, 2)} KB raw / ${fmt(t.gzip / KB, 2)} KB gzip`).join(', ')} ` +
        '(one of the two builds is older than the other)',
    );
  }
  const recorder = prod.find((p) => p.file.endsWith('/recorder.js'));
  const results = { files: prod, total, testBuild: test, targetGzipKb: TARGET_GZIP_KB };
  const summary = [
    ...prod.map((p) =>
      summaryRow(`c ${p.file.replace('content-scripts/', '')} gzip -9 (KB)`, fmt(p.gzip / KB, 2)),
    ),
    summaryRow(
      'c all content scripts gzip -9 (KB)',
      fmt(total.gzip / KB, 2),
      `<= ${TARGET_GZIP_KB}`,
      total.gzip / KB <= TARGET_GZIP_KB,
    ),
  ];
  if (!recorder) summary.push(summaryRow('c recorder.js', 'MISSING from the build'));
  return { results, summary };
}

if (isMain(import.meta.url)) {
  await runStandalone('size', () => runSize());
}
