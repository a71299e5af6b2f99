# The collector as a container image: the single executable (`pnpm build:binary`) on a slim
# Debian, run as an unprivileged user, the database on a volume.
#
#   docker build -t tally-collector .
#   docker run -d --name tally -p 8787:8787 -v tally-data:/data tally-collector
#   docker logs tally                       # the demo appspace's keys, printed at the first start
#   docker exec tally tally-collector backup --db /data/tally.db --to /data/tally-backup.db

# 1. Build: the workspace's packages, then the executable (Node's SEA, injected by postject).
FROM node:20-bookworm AS build
WORKDIR /src
RUN npm install -g pnpm@10
# better-sqlite3 compiles against these headers where no prebuilt addon can be downloaded.
ENV npm_config_nodedir=/usr/local
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build:binary

# 2. Run: no Node, no node_modules; only the executable.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --create-home --home-dir /home/tally tally \
 && mkdir /data && chown tally:tally /data
COPY --from=build /src/dist/tally-collector-linux-x64 /usr/local/bin/tally-collector
USER tally
WORKDIR /data
# The database and its inbox live here; the SQLite addon is unpacked into ~/.cache/tally.
VOLUME /data
EXPOSE 8787
ENTRYPOINT ["tally-collector"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8787", "--db", "/data/tally.db"]
