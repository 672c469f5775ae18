# syntax=docker/dockerfile:1
# Build in the official Swift image, run in a slim Debian with only libsqlite3 and zlib.

FROM swift:6.3-bookworm AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# SwiftPM validates every target's folder when it loads the manifest, so the sources come in with it.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift package resolve
RUN swift build -c release --product fenliu --static-swift-stdlib \
 && install -D "$(swift build -c release --show-bin-path)/fenliu" /out/fenliu

FROM debian:bookworm-slim AS run
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libsqlite3-0 zlib1g libstdc++6 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /srv/fenliu --shell /usr/sbin/nologin fenliu
WORKDIR /srv/fenliu
COPY --from=build /out/fenliu /usr/local/bin/fenliu
COPY config ./config
COPY migrations ./migrations
RUN mkdir -p /srv/fenliu/data && chown -R fenliu:fenliu /srv/fenliu/data
USER fenliu
VOLUME ["/srv/fenliu/data"]
ENV FENLIU_HOST=0.0.0.0 FENLIU_PORT=8110 FENLIU_DATABASE=/srv/fenliu/data/fenliu.sqlite
EXPOSE 8110
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8110/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["fenliu"]
CMD ["serve"]
