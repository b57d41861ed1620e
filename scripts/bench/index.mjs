// Study Group benchmark suite: runs every part, prints a summary table and
// writes the raw numbers to bench-output/results.json.
//
//   SG_TEST_HOSTS=1 npx wxt build && node scripts/bench/index.mjs   (= npm run bench)
//
// Parts, each also runnable alone:
//   node scripts/bench/size.mjs       (c) content script size
//   node scripts/bench/overhead.mjs   (a1) mutation workload, (a2) demo journey
//   node scripts/bench/storage.mjs    (b) stored KB/min, (d) service-worker heap
//   node scripts/bench/replay.mjs     (e) first frame and seek times of a 30-minute replay
import {
  RESULTS_FILE,
  ensureTestBuild,
  heading,
  machineInfo,
  printTable,
  summaryRow,
  withRetry,
  writeAllResults,
} from './lib.mjs';
import { runSize } from './size.mjs';
import { runMutationOverhead, runJourneyOverhead } from './overhead.mjs';
import { runStorage } from './storage.mjs';
import { runReplay } from './replay.mjs';

const started = Date.now();
const output = {
  startedAt: new Date(started).toISOString(),
  machine: await machineInfo(),
  durations: {},
};
const summary = [];
let failed = false;

ensureTestBuild();

const parts = [
  ['size', runSize],
  ['overhead.mutation', runMutationOverhead],
  ['overhead.journey', runJourneyOverhead],
  ['storage', runStorage],
  ['replay', runReplay],
  ['exports', (await import('./exports.mjs')).runExports],
];
for (const [name, fn] of parts) {
  const t0 = Date.now();
  try {
    const { results, summary: rows } = await withRetry(name, fn);
    const [top, sub] = name.split('.');
    if (sub) output[top] = { ...output[top], [sub]: results };
    else output[top] = results;
    summary.push(...rows);
  } catch (error) {
    failed = true;
    console.error(`\n${name} failed:`, error);
    output[name] = { error: String(error?.stack ?? error) };
    summary.push(summaryRow(`${name}: FAILED`, String(error?.message ?? error).slice(0, 60)));
  }
  output.durations[name] = Math.round((Date.now() - t0) / 1000);
}

output.finishedAt = new Date().toISOString();
output.summary = summary;
await writeAllResults(output);

heading(
  `summary (${Math.round((Date.now() - started) / 1000)} s: ${Object.entries(output.durations)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')})`,
);
printTable(summary, ['metric', 'value', 'target', 'status']);
console.log(
  `\nmachine: ${output.machine.cpus} x ${output.machine.cpuModel}, load average at start ${output.machine.loadavg.map((x) => x.toFixed(2)).join(' ')}, ${output.machine.chromium ?? 'chromium ?'}, node ${output.machine.node}`,
);
console.log(`raw numbers: ${RESULTS_FILE}`);
if (failed) process.exitCode = 1;
