# One Click in one container: the API, both bots and the job worker (ROLES selects a subset).
# PostgreSQL and Redis run beside it; see docker-compose.yml.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1

WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first, so that a code change reuses this layer. Install scripts stay off, as on
# our machines: nothing the service needs depends on one. Dev dependencies come too, because
# prisma generate needs the prisma CLI; they are pruned below.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund

COPY --chown=node:node . .

# prisma generate never runs the schema engine but insists that one exists (and would download
# it); an empty placeholder file satisfies it.
RUN touch /tmp/schema-engine-placeholder \
 && PRISMA_SCHEMA_ENGINE_BINARY=/tmp/schema-engine-placeholder npx prisma generate \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

EXPOSE 3000

# Migrate and add missing seed data (both idempotent; admins' changes stay) on every start, then run the service in the foreground,
# where it receives the container's stop signal.
CMD ["sh", "-c", "npx tsx scripts/db-migrate.ts && npx tsx prisma/seed.ts && exec npx tsx main.ts"]
