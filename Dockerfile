# fal-faq-bot as a container: the compiled bot on Node 20, as a user without rights, its database
# in the volume /data. Build: docker build -t fal-faq-bot .   Run: docker compose up -d (compose.yaml).

# Build: every dependency (better-sqlite3 compiled for this image), then the compiled bot.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Run: the production dependencies, the compiled bot and the data it answers from.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HEALTH_PORT=8787
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY faq-data ./faq-data
COPY mappings ./mappings
COPY snapshots ./snapshots
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# `faq health` asks the bot on 127.0.0.1:HEALTH_PORT: gateway, database, sources.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "dist/src/cli/main.js", "health"]
CMD ["node", "dist/src/main.js"]
