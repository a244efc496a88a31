#!/usr/bin/env bash
# Full incident lifecycles per second next to a bare BPMN with the same wait states, plus start-up
# time and memory. Usage: bench/lifecycle.sh [count] [h2|postgres] [--spring.property=value ...]
# (default 500 h2), e.g. bench/lifecycle.sh 500 h2 --camunda.bpm.history-level=audit
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl bench exec:java -Dexec.mainClass=org.itilengine.bench.LifecycleBenchmark -Dexec.args="${1:-500} ${2:-h2} ${*:3}"
