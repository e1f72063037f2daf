#!/bin/sh
# The image's start: the unpacked jar with its AOT cache (see the Dockerfile).
#
# A one-shot (--migrate-only, or an operator verb such as plan or current) lives for seconds and
# does its heavy work in the database, so it runs with the C1 compiler only: C2's compiler threads
# would otherwise take the second core from the start while it loads Hibernate and Flyway (a fresh
# install 0.85 s against 1.24 s on two cores; BENCHMARKS.md, image layout). The service keeps the
# JVM's default compilers for its long run.
set -eu
one_shot=no
case "${1:-}" in
  "" | -*) ;;          # the service, maybe with Spring properties (--server.port=...)
  *) one_shot=yes ;;   # an operator verb
esac
for argument in "$@"; do
  if [ "$argument" = "--migrate-only" ]; then one_shot=yes; fi
done
if [ "$one_shot" = yes ]; then
  exec java -XX:TieredStopAtLevel=1 -XX:AOTCache=/app/nlds-db.aot -jar /app/nlds-db.jar "$@"
fi
exec java -XX:AOTCache=/app/nlds-db.aot -jar /app/nlds-db.jar "$@"
