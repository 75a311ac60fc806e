#!/bin/sh
# Runs under tini (PID 1), which forwards SIGTERM/SIGINT to node and reaps children.
set -eu
# The health check needs a fixed port: refuse 0 (any free port) here, with the fix.
if [ "${HTTP_PORT:-8080}" = "0" ]; then
  echo "claude-outage-bot: HTTP_PORT=0 is refused in the Docker image (the health check needs a fixed port). Set HTTP_PORT, e.g. 8080." >&2
  exit 2
fi
# A 2 MB nursery: a bot of small polls needs no 16 MB one, and it keeps RSS under 100 MiB.
exec node --max-semi-space-size=2 /app/dist/src/cli.js "$@"
