// npm start's browser closes cleanly when the terminal stops it, so the next start
// on the same profile has no "Restore pages?" prompt.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const LAUNCH = resolve('scripts/launch.mjs');
const dirs: string[] = [];

async function tempDir(prefix: string) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The smallest MV3 extension that launchWithExtension accepts (it waits for a worker). */
async function probeExtension() {
  const dir = await tempDir('sg-probe-ext-');
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'probe',
      version: '1',
      background: { service_worker: 'sw.js' },
    }),
  );
  await writeFile(join(dir, 'sw.js'), '');
  return dir;
}

/** A Node process that launches the browser like npm start and says "ready <pid>". */
function launcherScript(extensionDir: string, profileDir: string) {
  return `
    import { launchWithExtension } from ${JSON.stringify(LAUNCH)};
    const { context } = await launchWithExtension(${JSON.stringify({
      extensionDir,
      profileDir,
      closeOnSignals: true,
    })});
    console.log('ready', process.pid);
    await new Promise((done) => context.on('close', done));
  `;
}

const launchers: number[] = [];

/** The launcher's pid once its browser is up. */
function ready(child: ChildProcess) {
  return new Promise<number>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const pid = /ready (\d+)/.exec(out)?.[1];
      if (pid) {
        launchers.push(Number(pid));
        done(Number(pid));
      }
    });
    child.once('exit', (code) => fail(new Error(`exited with ${code} before ready: ${out}`)));
  });
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A launcher exits only after its browser has (Playwright waits for the process). */
async function launcherGone(pid: number) {
  for (let i = 0; i < 150 && alive(pid); i += 1) {
    await new Promise((wait) => setTimeout(wait, 100));
  }
  if (alive(pid)) throw new Error(`the launcher (pid ${pid}) and its browser are still running`);
}

function exitCode(child: ChildProcess) {
  return new Promise<number | null>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });
}

async function exitType(profileDir: string) {
  const prefs = JSON.parse(await readFile(join(profileDir, 'Default', 'Preferences'), 'utf8'));
  return prefs.profile?.exit_type as string | undefined;
}

afterEach(async () => {
  for (const pid of launchers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGTERM');
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('closeOnSignals (npm start)', () => {
  it('closes the browser cleanly on Ctrl+C, which node gets twice (terminal and npm)', async () => {
    const [extensionDir, profileDir] = [await probeExtension(), await tempDir('sg-profile-')];
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', launcherScript(extensionDir, profileDir)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await ready(child);
    child.kill('SIGINT');
    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(0);
    expect(await exitType(profileDir)).toBe('Normal');
  });

  it('closes the browser cleanly when the shell npm runs it from is killed (SIGTERM to npm)', async () => {
    const [extensionDir, profileDir] = [await probeExtension(), await tempDir('sg-profile-')];
    const script = join(await tempDir('sg-launcher-'), 'launch.mjs');
    await writeFile(script, launcherScript(extensionDir, profileDir));
    // `; true` keeps sh from exec-ing node, as Debian's sh does for npm scripts.
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${script}"; true`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const launcher = await ready(shell);
    shell.kill('SIGTERM');
    await launcherGone(launcher);
    expect(await exitType(profileDir)).toBe('Normal');
  });
});
