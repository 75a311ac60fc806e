/** Small timing helpers for the benchmarks (never used by npm test). */
export interface Timing {
  name: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export async function time(name: string, runs: number, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(20, Math.floor(runs / 3)); i++) await fn(-1 - i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { name, runs, p50Ms: at(0.5), p99Ms: at(0.99), meanMs: samples.reduce((a, b) => a + b, 0) / samples.length };
}

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
