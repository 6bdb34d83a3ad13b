# One image for every service; the first argument picks the service (deploy/docker/entrypoint.sh).
# Choice: TypeScript runs through tsx (the repo runs `.ts` files with `.ts` import suffixes, so a
# compile step would have to rewrite imports and relocate schemas/). tsx is the only devDependency
# installed here, pinned to the lockfile's version; everything else is `npm ci --omit=dev`.
# patches/ holds fixes to dependencies (patch-package; see docs/reliability.md): the install runs
# without scripts, then builds better-sqlite3 and applies the patches, failing if one does not apply.
# Not built in this repository's CI (no Docker engine there); see docs/deploy.md.

# --- deps: production dependencies (+ tsx), native modules built with the full toolchain ---------
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild --no-audit --no-fund better-sqlite3 \
 && lock() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; } \
 && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
      "tsx@$(lock tsx)" "patch-package@$(lock patch-package)" \
 && npx --no-install patch-package --error-on-fail \
 && npm cache clean --force

# --- runtime: slim image, non-root, sources only ---------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node schemas ./schemas
COPY --chown=node:node libs ./libs
COPY --chown=node:node services ./services
COPY --chown=node:node deploy/docker/entrypoint.sh deploy/docker/healthcheck.mjs ./deploy/docker/
RUN mkdir -p /app/.local /exports && chown node:node /app/.local /exports
USER node
ENTRYPOINT ["/app/deploy/docker/entrypoint.sh"]
CMD ["all-in-one"]
