# Bastion: multi-stage image. Build with dev dependencies, run with production dependencies only,
# as the unprivileged `node` user. Configuration comes from the environment (see docs/configuration.md).
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. build: TypeScript -> dist/ (needs the dev dependencies: @nestjs/cli, typescript)
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
# tsconfig.build.json copies the plain-JS argon2id worker (src/users/hash-worker.js) beside its pool
# tsconfig.build.json copies the plain-JS liveness worker (src/health/live-worker.js) too
RUN npx nest build && test -f dist/src/users/hash-worker.js && test -f dist/src/health/live-worker.js

# 2. prod-deps: node_modules without dev dependencies
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. runtime: code owned by root (read-only for the app), only the data directory writable
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    HEALTH_PORT=3002 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3002
# Liveness from the worker thread on HEALTH_PORT (answered while a flood holds the API port; docs/operations.md
# "Liveness under a flood"); on PORT when HEALTH_PORT is set empty.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# V8 flags, the same as `npm start` (package.json) and the bench's servers; why each one: bench/README.md, "Memory".
#   --no-allocation-site-pretenuring: V8 would allocate request objects (headers, loggers) straight in the old
#     generation, where they die as garbage: old space 4x the live heap, slow scavenges.
#   --heap-growing-percent=100: a full GC runs when the old generation reaches 2x the live heap (not up to 4x).
CMD ["node", "--no-allocation-site-pretenuring", "--heap-growing-percent=100", "dist/src/main.js"]
