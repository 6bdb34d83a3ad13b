# One image for every service; the first argument picks the service (deploy/docker/entrypoint.sh).
# Three stages:
#   build   all dependencies (dev included), then `node deploy/tools/build.mjs`: the web UI (Vite) and
#           the services compiled to JavaScript in dist/ (tsc, rewriteRelativeImportExtensions);
#   deps    production dependencies only (`npm ci --omit=dev`), better-sqlite3 built for this Node,
#           the dependency patches applied (patch-package run through npx, so it is not installed);
#   runtime Node 24 slim, dist/ + production node_modules, no compiler, no TypeScript, no npm;
#           files owned by root and read-only for the `node` user it runs as, so the root file
#           system can be mounted read-only (compose `read_only`, k8s `readOnlyRootFilesystem`);
#           the writable paths are /app/.local (state), /exports and /tmp, mounted as volumes.
# `docker build --build-arg SOURCE_COMMIT=$(git rev-parse --short=12 HEAD) .` stamps the commit that
# GET /version and segdest_build_info report. Not built in this repository's CI (no Docker engine
# there): test/integration/deploy-files.test.ts checks the stages against the build's output paths;
# see docs/deploy.md.

# --- build: the web UI and the JavaScript -----------------------------------------------------------
FROM node:24-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY schemas ./schemas
COPY libs ./libs
COPY services ./services
COPY deploy/tools/build.mjs ./deploy/tools/
ARG SOURCE_COMMIT=unknown
RUN SOURCE_COMMIT="$SOURCE_COMMIT" node deploy/tools/build.mjs

# --- deps: production dependencies, native modules built with the full toolchain ------------------
FROM node:24-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild --no-audit --no-fund better-sqlite3 \
 && lock() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; } \
 && npx --yes "patch-package@$(lock patch-package)" --error-on-fail \
 && npm cache clean --force

# --- runtime: slim, non-root, compiled output only --------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
 && mkdir -p /app/.local /exports && chown node:node /app/.local /exports
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY deploy/docker/entrypoint.sh deploy/docker/healthcheck.mjs ./deploy/docker/
USER node
ENTRYPOINT ["/app/deploy/docker/entrypoint.sh"]
CMD ["all-in-one"]
