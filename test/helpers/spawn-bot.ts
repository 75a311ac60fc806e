import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when `predicate(stdout, stderr)` holds; rejects with both streams after the deadline. */
  waitFor(predicate: (stdout: string, stderr: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `claude-outage-bot <args>` as a child process with only the given environment. */
export function spawnBot(env: Record<string, string>, args: string[] = ['start']): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    // GitHub search goes to a closed local port unless a test says otherwise: never the real API.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', GITHUB_API_URL: 'http://127.0.0.1:9', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(out, err)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bot exited (${child.exitCode ?? child.signalCode}) before: ${what}\nstdout:\n${out}\nstderr:\n${err}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}\nstdout:\n${out}\nstderr:\n${err.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Counts non-overlapping occurrences of `needle` in `text`. */
export const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
