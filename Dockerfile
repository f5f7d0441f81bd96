# syntax=docker/dockerfile:1
# The llm-service server as a container image: a multi-stage build, running as a non-root user.
#   docker build -t llm-service .                                 (JDK 17 runtime: a class-data archive)
#   docker build --build-arg RUNTIME_JDK=25 -t llm-service .      (JDK 25 runtime: an ahead-of-time cache)
#   docker run --rm -p 8080:8080 -e LLM_API_TOKEN=... -e ANTHROPIC_API_KEY=... -v llm-data:/data \
#     --read-only --tmpfs /tmp llm-service
# Not built on the project's development machine (it has no Docker engine); see llm-service-server/README.md.

# Build: the jar, Java 17 bytecode whatever the runtime.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl llm-service-server -am package

# Runtime: a JRE, the launcher and the jar; nothing of the build.
ARG RUNTIME_JDK=17
FROM eclipse-temurin:${RUNTIME_JDK}-jre
RUN groupadd --system --gid 10001 llm \
 && useradd --system --uid 10001 --gid llm --home-dir /data --no-create-home --shell /usr/sbin/nologin llm \
 && mkdir /data && chown llm:llm /data
WORKDIR /opt/llm-service
COPY --from=build /src/bin/llm-service bin/llm-service
COPY --from=build /src/llm-service-server/target/llm-service.jar llm-service-server/target/llm-service.jar
# The training run, once, at build time (fake vendors inside the training JVM; no real vendor is called): the
# image starts from the class-data archive (JDK 17) or ahead-of-time cache (JDK 25) it records. The image's files
# stay root's and read-only to the server's user.
RUN LLM_SERVICE_CDS=prepare bin/llm-service && rm -f llm-service-server/target/cds/training.log
# Memory: bin/llm-service bounds the heap to a quarter of the container's memory limit, at most LLM_HEAP_MAX
# (80m), with G1 returning idle memory; override with LLM_HEAP_MAX or JAVA_OPTS (server README, "Memory").
# State and journal in /data (a volume); in a container the server must listen beyond 127.0.0.1, which it does
# when LLM_API_TOKEN is set (or LLM_BIND_ADDRESS=0.0.0.0; see the server README).
ENV PORT=8080 \
    HOME=/data \
    LLM_STATE_FILE=/data/state.json \
    LLM_JOURNAL_URL=jdbc:sqlite:/data/journal.db
USER llm:llm
VOLUME /data
EXPOSE 8080
# Alive when it answers at all: health is 503 while no provider is available, which is not a reason to restart.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /actuator/health HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 8 <&3 | grep -q '^HTTP/1'"]
ENTRYPOINT ["bin/llm-service"]
