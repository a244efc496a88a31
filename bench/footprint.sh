#!/usr/bin/env bash
# Start-up time to ready and idle resident memory of the application itself (java -jar, default
# profile: H2 file database, embedded mail server and directory, demo users), measured on its own
# process, not inside a benchmark JVM. The first start creates the database; then three rounds of
# everyday restarts: with java -jar, of the same application extracted from its jar, and of the
# extracted one with a class data sharing archive (CDS, made by one training run), as README
# "Faster start-up" describes. The median of each kind is reported (range next to it): single
# starts on a small, busy machine differ by seconds.
# Usage: bench/footprint.sh [extra JVM options...]
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
ports=(--server.port="$http" --itil.mail.embedded.imap-port="$imap" --itil.mail.embedded.smtp-port="$smtp"
  --itil.directory.embedded.port="$ldap")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true' EXIT

# start_app JAR [JVM options]: starts the app, waits for health UP; sets pid and took (seconds,
# JVM start included).
start_app() {
  local jar=$1; shift
  local begin; begin=$(date +%s.%N)
  java "$@" -jar "$jar" "${ports[@]}" >> app.log 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$http/actuator/health" > /dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the application died; see $work/app.log" >&2; exit 1; }
    sleep 0.2
  done
  took=$(echo "$(date +%s.%N) - $begin" | bc)
}
stop_app() { kill $pid && while kill -0 $pid 2>/dev/null; do sleep 0.2; done; pid=; }
idle_rss_mib() { sleep 20; echo $(( $(awk '/^VmRSS:/ {print $2}' /proc/$pid/status) / 1024 )); }
# median_of SECONDS...: sets median and range (low..high).
median_of() {
  read -r low median high < <(printf '%s\n' "$@" | sort -n | paste -sd ' ')
  range="$(printf '%.1f..%.1f' "$low" "$high")"
}

start_app app.jar "$@"; first=$took; stop_app

# The same jar extracted (no classes read from nested jars), and a class data sharing archive of
# it written by one training run that stops after the context refresh.
java -Djarmode=tools -jar app.jar extract --destination extracted > /dev/null
java "$@" -XX:ArchiveClassesAtExit=extracted/app.jsa -Dspring.context.exit=onRefresh \
  -jar extracted/app.jar "${ports[@]}" >> training.log 2>&1 || { echo "the training run failed; see $work/training.log" >&2; exit 1; }

# Three rounds, each restarting the three kinds in turn, so a slow spell of the machine hits all
# of them; the resident memory is read once, idle, in the last round.
jar_times=(); extracted_times=(); cds_times=()
for round in 1 2 3; do
  start_app app.jar "$@"; jar_times+=("$took")
  if [ $round -eq 3 ]; then rss=$(idle_rss_mib); fi
  stop_app
  start_app extracted/app.jar "$@"; extracted_times+=("$took"); stop_app
  start_app extracted/app.jar "$@" -XX:SharedArchiveFile=extracted/app.jsa; cds_times+=("$took")
  if [ $round -eq 3 ]; then cds_rss=$(idle_rss_mib); fi
  stop_app
done
median_of "${jar_times[@]}"; restart=$median; restart_range=$range
median_of "${extracted_times[@]}"; extracted=$median; extracted_range=$range
median_of "${cds_times[@]}"; cds=$median; cds_range=$range

printf '\n%-52s %10s\n' "footprint (default profile, own process)" "value"
printf '%-52s %8.1f s\n' "first start to health UP (java -jar, creates the DB)" "$first"
printf '%-52s %8.1f s   median of 3 (%s)\n' "restart to health UP (java -jar)" "$restart" "$restart_range"
printf '%-52s %8.1f s   median of 3 (%s)\n' "restart to health UP (extracted, no archive)" "$extracted" "$extracted_range"
printf '%-52s %8.1f s   median of 3 (%s)\n' "restart to health UP (extracted + CDS archive)" "$cds" "$cds_range"
printf '%-52s %6d MiB\n' "resident memory, idle 20 s after the restart" "$rss"
printf '%-52s %6d MiB\n' "the same, extracted + CDS archive" "$cds_rss"
printf '%-52s %s\n\n' "JVM options" "${*:-(defaults)}"
printf 'metric,value\nfirst_start_seconds,%.1f\nrestart_seconds,%.1f\nrestart_range_seconds,%s\nextracted_restart_seconds,%.1f\nextracted_range_seconds,%s\ncds_restart_seconds,%.1f\ncds_range_seconds,%s\nrss_mib,%d\ncds_rss_mib,%d\njvm_options,"%s"\n' \
  "$first" "$restart" "$restart_range" "$extracted" "$extracted_range" "$cds" "$cds_range" "$rss" "$cds_rss" "$*" > ../footprint.csv
echo "CSV: bench/target/footprint.csv"
