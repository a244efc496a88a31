#!/usr/bin/env bash
# Do the per-mail and per-screen lookups stay flat as the tables grow? Fills a fresh PostgreSQL
# database (127.0.0.1:5432, migrated with the engine's Flyway migrations) to each size in turn and
# times the application's SQL at each. Usage: bench/growth.sh [sizes] [--keep]
#   sizes: tickets, comma-separated and growing (default 1000,100000,1000000)
#   --keep: keep the database itil_growth afterwards
# Writes bench/target/growth.csv; not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am -DskipTests install
mvn -B -q -pl bench exec:java -Dexec.mainClass=org.itilengine.bench.GrowthBenchmark -Dexec.args="${*:-1000,100000,1000000}"
