/**
 * The reference the bot is measured against: the least a status-page poller can do.
 * A conditional GET of summary.json on an interval, one stdout line per incident not
 * seen before, no database, no libraries. Node built-ins only, so the benchmark can
 * run it transpiled, without tsx in the process.
 *
 * Environment: STATUSPAGE_URL, POLL_MS (default 1000; 0 polls back to back),
 * POLLS (stop after this many and print a JSON line of figures; default: run for ever).
 * Prints `READY` after the first read and `NEW <id> <name>` per new incident.
 */
interface Summary {
  incidents?: Array<{ id: string; name: string }>;
}

const url = `${(process.env.STATUSPAGE_URL ?? 'https://status.claude.com').replace(/\/+$/, '')}/api/v2/summary.json`;
const pollMs = Number(process.env.POLL_MS ?? 1000);
const maxPolls = Number(process.env.POLLS ?? 0);
const seen = new Set<string>();
let etag: string | null = null;
let first = true;
let polls = 0;

async function pollOnce(): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (etag) headers['if-none-match'] = etag;
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (response.status === 304) return;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const summary = (await response.json()) as Summary;
  etag = response.headers.get('etag');
  for (const incident of summary.incidents ?? []) {
    if (seen.has(incident.id)) continue;
    seen.add(incident.id);
    if (!first) process.stdout.write(`NEW ${incident.id} ${incident.name}\n`);
  }
  if (first) process.stdout.write('READY\n');
  first = false;
}

const pollLogged = (): Promise<void> => pollOnce().catch((error: unknown) => void process.stderr.write(`poll failed: ${String(error)}\n`));

async function main(): Promise<void> {
  await pollLogged();
  // Figures start after the first read, as the bot's do (a GC first under --expose-gc).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const startRss = process.memoryUsage().rss;
  const startHeap = process.memoryUsage().heapUsed;
  const startCpu = process.cpuUsage();
  while (maxPolls === 0 || polls < maxPolls) {
    if (pollMs > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    await pollLogged();
    polls += 1;
  }
  const cpu = process.cpuUsage(startCpu);
  gc?.();
  const { rss: endRss, heapUsed: endHeap } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ polls, startRss, endRss, startHeap, endHeap, cpuMicros: cpu.user + cpu.system })}\n`);
}

void main();
