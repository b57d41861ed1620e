// Screenshots of Chrome's real toolbar popup in each state a participant meets: choosing a
// study, the consent screen (top and scrolled), the live session, its ease question, paused,
// over the time box, the summary and a quick session, at the popup's real size, in
// test-results/popup/. They come from the popup-flow journey, which also runs axe and checks
// the layout of each, so the pictures always match what that test checks.
//
//   npm run screenshots:popup

import { spawnSync } from 'node:child_process';

function run(command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

run('npm', ['run', 'build:test']);
run('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', 'test/e2e/popup-flow.e2e.ts']);
console.log('Screenshots in test-results/popup/');
