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

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home whiskerworks \
 && mkdir -p /data && chown whiskerworks:whiskerworks /data
COPY --from=build /src/target/release/whiskerworks /usr/local/bin/whiskerworks
USER whiskerworks
ENV WHISKERWORKS_DATA_DIR=/data \
    WHISKERWORKS_BIND=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
# Liveness: restart when /healthz fails. Orchestrators that route traffic should also poll
# GET /readyz (200 only while the database takes writes and the jobs run).
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["whiskerworks", "healthcheck"]
ENTRYPOINT ["whiskerworks"]
CMD ["serve"]
