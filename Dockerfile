# syntax=docker/dockerfile:1
# Build (the tag is the project's version, which the Helm chart pulls): docker build -t nlds-db:0.1.0-SNAPSHOT .
# Run the service:           docker run -p 8080:8080 -p 8081:8081 -v nlds-data:/app/data nlds-db:0.1.0-SNAPSHOT
# Migrate once and exit:     docker run -v nlds-data:/app/data nlds-db:0.1.0-SNAPSHOT --migrate-only
# Operator commands:         docker run -v nlds-data:/app/data nlds-db:0.1.0-SNAPSHOT current

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# dependencies in their own layer, so source edits rebuild quickly
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package
# the jar unpacked into an application jar and its lib/ folder: it starts faster than the nested jar
RUN java -Djarmode=tools -jar target/nlds-db.jar extract --destination target/image

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 nlds \
    && useradd --system --uid 10001 --gid nlds --home-dir /app --shell /usr/sbin/nologin nlds \
    && mkdir -p /app/data && chown nlds:nlds /app/data
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
COPY --from=build /src/target/image/lib/ /app/lib/
COPY --from=build /src/target/image/nlds-db.jar /app/nlds-db.jar
# AOT cache (Java 25, JEP 483/514/515): a training run records the classes it loaded and linked and
# its method profiles. It migrates two scratch SQLite files from empty to head (deleted after), so
# the cache holds the migration path too (Flyway, a revision's Hibernate factory and data step, the
# entity-model check), not only Spring's start (BENCHMARKS.md, image layout)
RUN java -XX:AOTCacheOutput=/app/nlds-db.aot -jar /app/nlds-db.jar --migrate-only \
        --nlds.db.catalog.url=jdbc:sqlite:/tmp/aot-training/catalog.db \
        --nlds.db.monitor.url=jdbc:sqlite:/tmp/aot-training/monitor.db \
    && rm -rf /tmp/aot-training
# how the image starts: the service with the JVM's default compilers, a one-shot with C1 only
COPY --chmod=755 docker/entrypoint.sh /app/entrypoint.sh
# the SQLite default (data/catalog.db, data/monitor.db relative to /app)
VOLUME /app/data
USER 10001:10001
# the API; the actuator, /actuator/prometheus and the status page /migrations (management.server.port)
EXPOSE 8080 8081
ENTRYPOINT ["/app/entrypoint.sh"]
