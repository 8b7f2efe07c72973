# One image for every Credence service; docker-compose.yml picks the entry point per service.
# Node 24 runs the TypeScript sources directly (type stripping): there is no build step.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
# Exports and documents (a named volume shared by the gateway and the subgraphs in compose).
RUN mkdir -p /var/lib/credence/storage && chown node:node /var/lib/credence/storage
USER node
