# syntax=docker/dockerfile:1
# Praxis: a small, non-root production image. Three stages: `build` compiles TypeScript with every
# dependency, `deps` installs only what runs in production, `runtime` gets the compiled code and the
# files the app reads at run time (relative to the project root, see src/paths.ts):
# views/, public/, src/locales/, content/ and node_modules/@kern-ux/native/dist (served as /assets/kern).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional leaves out the embedded PostgreSQL binaries (production always has DATABASE_URL)
# and other optional extras that nothing imports at run time.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# Memory caps as measured in the forum benchmark (README, "Configuration"); raise them for bigger sites.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    NODE_OPTIONS="--max-old-space-size=96 --max-semi-space-size=8" \
    MALLOC_ARENA_MAX=1
WORKDIR /app
# Code and assets belong to root and are read-only for the app's user; only /data is writable.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY views ./views
COPY public ./public
COPY content ./content
COPY src/locales ./src/locales
RUN mkdir -p /data && chown node:node /data
# `node` is the unprivileged user (uid 1000) that the official Node.js images provide.
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
