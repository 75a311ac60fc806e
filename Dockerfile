# syntax=docker/dockerfile:1.7
# claude-outage-bot: one Node.js process, one SQLite file (or replicas on Postgres: DATABASE_URL).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches; pg-native's libpq binding
# (the Postgres store, optional) builds against libpq-dev.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ libpq-dev \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
# Compile, then drop every devDependency (typescript, vitest, eslint, tsx once it is one).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# tini as PID 1: signals reach node, and zombies are reaped (no npm in between).
# libpq5: the client library the Postgres store loads at run time (DATABASE_URL).
RUN apt-get update && apt-get install -y --no-install-recommends tini libpq5 \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATABASE_PATH=/data/claude-outage-bot.db \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY package.json ./
COPY ops/docker/healthcheck.mjs ops/docker/entrypoint.sh ./ops/docker/
# The code stays root-owned (the bot cannot rewrite itself); only /data is the bot's.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Readiness (/readyz): unhealthy when the bot cannot alert; see README "Deploy (Docker)".
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/app/ops/docker/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "/app/ops/docker/entrypoint.sh"]
CMD ["start"]
