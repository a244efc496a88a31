#!/usr/bin/env bash
# What naming the Jakarta Mail and XML datatype providers saves per mail and per timer (ProviderLookups).
# Usage: bench/provider-lookups.sh [count]   (default 2000; not part of the test run)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl bench exec:java -Dexec.mainClass=org.itilengine.bench.ProviderLookupBenchmark -Dexec.args="${1:-2000}"
