# One image recipe for every Spring Boot module of the build (auth-server, the four services and the gateway).
#   docker build --build-arg MODULE=membership-service -t cluster-platform/membership-service .
# docker-compose.yml builds each service from this file with its own MODULE.
# Image tags are exact versions, so that a build today and a build next month use the same bases;
# ComposeFileTest checks that they stay pinned.

# ---- build: the module and the modules it depends on (-am), with the Maven version of ./mvnw
FROM maven:3.9.11-eclipse-temurin-21 AS build
ARG MODULE
WORKDIR /build
COPY . .
# The cache mount keeps ~/.m2 between builds, so the six images download their dependencies once.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" || { echo "build arg MODULE is required, e.g. --build-arg MODULE=gateway" >&2; exit 1; } \
    && mvn -B -ntp -pl "${MODULE}" -am -DskipTests package \
    && cp "${MODULE}/target/${MODULE}.jar" /build/app.jar

# ---- runtime: a JRE, a non-root user, the executable jar
FROM eclipse-temurin:21.0.8_9-jre
ARG MODULE
LABEL org.opencontainers.image.title="${MODULE}"
# The compose healthchecks call curl; install it only if this base image does not ship it.
# /app/data is the one directory the app user may write: a named volume mounted there starts with its owner
# (auth-server keeps its signing key there in compose).
RUN command -v curl >/dev/null \
    || { apt-get update \
         && apt-get install -y --no-install-recommends curl \
         && rm -rf /var/lib/apt/lists/*; } \
    && groupadd --system app \
    && useradd --system --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/data \
    && chown app:app /app/data
WORKDIR /app
COPY --from=build --chown=app:app /build/app.jar /app/app.jar
USER app
# Heap and other JVM flags come from JAVA_TOOL_OPTIONS, set by docker-compose.yml.
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
