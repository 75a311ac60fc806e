import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A benchmark child process with its output kept, and /proc figures for it and its children. */
export interface BenchChild {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the predicate holds on (stdout, stderr); throws after timeoutMs. */
  waitFor(predicate: (stdout: string, stderr: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function spawnChild(command: string, args: string[], env: Record<string, string>, cwd: string): BenchChild {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(predicate, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(out, err)) {
        if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}) before ${what}\n${err.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${err.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async stop() {
      for (const pid of descendants(child.pid ?? 0).reverse()) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The pid and every descendant (npm → sh → node), read from /proc. */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [pid];
  }
  return [pid, ...children.flatMap(descendants)];
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of one process, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Resident set size of one process, in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** The node process at the bottom of a tree (the bot under npm and sh). */
export const leafPid = (pid: number): number => descendants(pid).at(-1) ?? pid;
