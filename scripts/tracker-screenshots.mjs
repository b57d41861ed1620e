// Screenshots of tracker export: the options page's Trackers section with a passed
// connection test, the board's export panel while Redmine is down midway through a
// batch, and the issue it created as Redmine shows it, each at 1280x800 and 1440x900,
// in test-results/tracker-export/. They come from the Redmine journey
// (test/e2e/tracker-export-redmine.e2e.ts), so the pictures match what it checks.
//
//   npm run screenshots:trackers

import { spawnSync } from 'node:child_process';

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

run('npm', ['run', 'build:test']);
run('npx', [
  'vitest',
  'run',
  '-c',
  'vitest.e2e.config.ts',
  'test/e2e/tracker-export-redmine.e2e.ts',
]);
console.log('Screenshots in test-results/tracker-export/');
