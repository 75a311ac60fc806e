#!/bin/sh
# Runs under tini (PID 1), which forwards SIGTERM/SIGINT to node and reaps children.
set -eu
# The health check needs a fixed port: refuse 0 (any free port) here, with the fix.
if [ "${HTTP_PORT:-8080}" = "0" ]; then
  echo "claude-outage-bot: HTTP_PORT=0 is refused in the Docker image (the health check needs a fixed port). Set HTTP_PORT, e.g. 8080." >&2
  exit 2
fi
exec node /app/dist/src/cli.js "$@"
