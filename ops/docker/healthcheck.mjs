/* global fetch, AbortSignal -- Node 20 globals; this file runs as plain node in the image, outside the TypeScript build. */
// Docker HEALTHCHECK: healthy when the bot says it can alert (GET /readyz answers 200).
// Readiness, not liveness: a bot that is up but cannot read the status page or post
// is what an operator needs to see in `docker ps`; the 503 body (printed here, kept
// by `docker inspect`) names the failed check and its fix.
const port = process.env.HTTP_PORT ?? '8080';
if (port === '0') {
  console.error('HTTP_PORT=0 picks a random port, which this check cannot find: set HTTP_PORT (e.g. 8080).');
  process.exit(1);
}
const base = `http://127.0.0.1:${port}`;
const get = (path) => fetch(`${base}${path}`, { signal: AbortSignal.timeout(4_000) });
try {
  let res = await get('/readyz');
  // A bot from before /readyz existed: fall back to liveness.
  if (res.status === 404) res = await get('/healthz');
  console.log(`${res.status} ${(await res.text()).slice(0, 500)}`);
  process.exit(res.ok ? 0 : 1);
} catch (error) {
  console.error(`no answer on ${base}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
