#!/usr/bin/env bash
# Start-up time to ready and idle resident memory of the application itself (java -jar, default
# profile: H2 file database, embedded mail server and directory, demo users), measured on its own
# process, not inside a benchmark JVM. The first start creates the database; the second is a
# restart, the everyday case. Usage: bench/footprint.sh [extra JVM options...]
# Prints a table and writes bench/target/footprint.csv. Not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl engine -am -DskipTests install
work=bench/target/footprint
rm -rf "$work" && mkdir -p "$work"
cp engine/target/itil-engine-*-exec.jar "$work/app.jar"
cd "$work"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(port); imap=$(port); smtp=$(port); ldap=$(port)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT

# Starts the app and waits for health UP; sets pid and took (seconds, JVM start included).
start_app() {
  local begin; begin=$(date +%s.%N)
  java "$@" -jar app.jar --server.port="$http" --itil.mail.embedded.imap-port="$imap" \
    --itil.mail.embedded.smtp-port="$smtp" --itil.directory.embedded.port="$ldap" >> app.log 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$http/actuator/health" > /dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the application died; see $work/app.log" >&2; exit 1; }
    sleep 0.2
  done
  took=$(echo "$(date +%s.%N) - $begin" | bc)
}

start_app "$@"
first=$took
kill $pid && while kill -0 $pid 2>/dev/null; do sleep 0.2; done
start_app "$@"
restart=$took
sleep 20 # idle: mailbox readers, job executor and timers running, no work
rss_mib=$(( $(awk '/^VmRSS:/ {print $2}' /proc/$pid/status) / 1024 ))

printf '\n%-46s %10s\n' "footprint (java -jar, default profile)" "value"
printf '%-46s %8.1f s\n' "first start to health UP (creates the database)" "$first"
printf '%-46s %8.1f s\n' "restart to health UP" "$restart"
printf '%-46s %6d MiB\n' "resident memory, idle 20 s after the restart" "$rss_mib"
printf '%-46s %s\n\n' "JVM options" "${*:-(defaults)}"
printf 'metric,value\nfirst_start_seconds,%.1f\nrestart_seconds,%.1f\nrss_mib,%d\njvm_options,"%s"\n' \
  "$first" "$restart" "$rss_mib" "$*" > ../footprint.csv
echo "CSV: bench/target/footprint.csv"
