#!/usr/bin/env bash
# Crash drill: mails fed while the application (its own process, on a fresh PostgreSQL database at
# 127.0.0.1:5432) is killed with kill -9 at random moments and restarted; then exactly one ticket
# per mail, one acknowledgement per ticket (or a failed job) and no stuck instance are checked.
# Usage: bench/crash-drill.sh [mails] [kills] [--keep-db]   (default 2000 5; not part of the test run)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl bench exec:java -Dexec.mainClass=org.itilengine.bench.CrashDrill -Dexec.args="${1:-2000} ${2:-5} ${3:-}"
