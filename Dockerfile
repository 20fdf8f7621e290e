# One image for every Vigil process: the embedded app (`node dist/apps/vigil/src/main.js`) and the
# distributed services (`npm run start:<service>`, docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt one fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
# `npm ci` builds dist/ (the prepare script). Development dependencies stay: an npm start script may
# run the build step before starting, as `npm start` does, and that step needs the compiler.
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# The image's own unprivileged user; /data is where the embedded app keeps its SQLite file.
RUN mkdir -p /data && chown node:node /data && chown -R node:node /app/dist
USER node
EXPOSE 3000
CMD ["node", "--max-semi-space-size=64", "dist/apps/vigil/src/main.js"]
