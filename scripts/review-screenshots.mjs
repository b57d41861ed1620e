// Screenshots of the review workspace: the findings board, one finding opened, the metrics and
// the rounds comparison, each at 1280x800 and 1440x900, in test-results/review-workspace/.
// They come from the review-workspace journey, which records the three-participant study
// they show, so the pictures always match what that test checks.
//
//   npm run screenshots:review

import { spawnSync } from 'node:child_process';

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

run('npm', ['run', 'build:test']);
run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', 'test/e2e/review-workspace.e2e.ts']);
console.log('Screenshots in test-results/review-workspace/');
