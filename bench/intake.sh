#!/usr/bin/env bash
# Mails -> incidents per second through the real IMAP path, next to bare process starts.
# Usage: bench/intake.sh [mails] [--spring.property=value ...]   (default 2000; not part of the test run)
# e.g. bench/intake.sh 1000 --camunda.bpm.history-level=audit
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl bench exec:java -Dexec.mainClass=org.itilengine.bench.IntakeBenchmark -Dexec.args="${*:-2000}"
