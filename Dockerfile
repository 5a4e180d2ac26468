# Jingban (经办) container image.
#
# NOT EXERCISED ON THIS MACHINE: the docker CLI is installed but no daemon runs here, so this file has never been
# built or run. Treat it as a reviewed draft; build it once (`docker build -t jingban .`) before relying on it.
#
# What was checked here without Docker (on Node 20, before the image moved to Node 22, the oldest line `engines` names):
# the same steps by hand (`tsc -p tsconfig.build.json` on src,
# migrations and ormconfig.ts only; `npm install --omit=dev`, since `npm ci` refuses this lock file; then
# `NODE_ENV=production node dist/src/main.js`), embedded and on PostgreSQL 15: migrations ran, /readyz answered 200,
# SIGTERM exited 0.
#
# Stages: `build` compiles TypeScript with every dependency; `deps` installs production dependencies only; the
# runtime stage copies both results and runs as the unprivileged `node` user.
#
# Migrations run at start: `openDatabase` (src/db/data-source.ts) applies pending migrations, each in its own
# transaction, before the server listens. Nothing locks between processes, so when several replicas start on one
# database that still needs migrations, run them once first as a one-off job with the same environment:
#   docker compose run --rm app node node_modules/typeorm/cli.js migration:run -d dist/ormconfig.js
#
# Tokens from inside the container (`npm run token` would try to compile, and the image has no TypeScript):
#   docker compose exec app node dist/src/cli/token.js --role AGENCY --regions 41

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` can refuse a lock file written on another platform (missing optional binaries, see .ci/run); `npm install`
# then installs the same pinned versions.
RUN npm ci --no-audit --no-fund || npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund || npm install --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production
# Embedded mode would listen on 127.0.0.1 only, which a published port does not reach.
ENV HOST=0.0.0.0
WORKDIR /app
# Code and dependencies stay owned by root: the server's user can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Embedded mode (no DATABASE_URL) keeps its database and generated secrets in DATA_DIR (default /app/.data): mount a
# volume there if you use it. With DATABASE_URL nothing is written to disk.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
# /readyz answers 200 once the database answers; the server listens only after migrations (and demo data) are done.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, so node is PID 1 and receives SIGTERM itself: it drains requests, closes the pool and exits 0.
CMD ["node", "dist/src/main.js"]
