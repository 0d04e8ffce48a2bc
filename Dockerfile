# syntax=docker/dockerfile:1
# One image per app, chosen at build time: docker build --build-arg APP=apps/scim-gateway .
# (APP is the project folder: apps/scim-gateway, apps/settings-service, apps/token-service, tools/esdb-lite).

FROM node:20-bookworm-slim AS build
# better-sqlite3 builds from source when no prebuilt binary is reachable.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /repo
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN test -n "$APP" && NX_DAEMON=false NX_NO_CLOUD=true npx nx build "$(basename "$APP")" --output-style=static

FROM build AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-deps /repo/node_modules ./node_modules
COPY --from=build /repo/dist/${APP}/ ./
COPY tools/healthcheck/ ./healthcheck/
USER node
CMD ["node", "main.js"]
