#!/usr/bin/env bash
# Camunda's job acquisition query (every node runs it every few seconds) while the SLA timers of
# many open incidents wait in ACT_RU_JOB, on PostgreSQL (127.0.0.1:5432): Camunda's default shape
# (undated async jobs, "DUEDATE_ is null or ...", no index on the due date), the same query with
# an index on the due date, and the one the engine uses (JobAcquisitionByDueDate: every job dated,
# oldest first, index itil_idx_job_due).
# Schema from the camunda-engine jar; 20 due jobs plus N future timers; best of 5 EXPLAIN ANALYZE.
# Usage: bench/job-acquisition.sh [timers...]   (default 1000 100000 1000000)
# Writes bench/target/job-acquisition.csv; not part of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 100000 1000000}")
read -r -a sizes <<< "${sizes[*]}"
db=itil_job_acquisition
sql() { PGOPTIONS=--client-min-messages=warning psql -h 127.0.0.1 -U postgres -d "$1" -v ON_ERROR_STOP=1 -qAt; }
jar=$(mvn -B -q -pl engine dependency:build-classpath -Dmdep.outputFile=/dev/stdout | tr ':' '\n' | grep '/camunda-engine-7')
echo "drop database if exists $db with (force); create database $db;" | sql postgres
unzip -p "$jar" org/camunda/bpm/engine/db/create/activiti.postgres.create.engine.sql | sql "$db"

# ms per acquisition, best of 5: the query as Camunda's mapping (Job.xml) renders it.
acquire() { # dated: 1 = every job dated and ordered by due date, 0 = Camunda's default
  local due="(RES.DUEDATE_ is null or RES.DUEDATE_ <= now())" order=""
  [ "$1" = 1 ] && due="(RES.DUEDATE_ <= now())" && order="order by RES.DUEDATE_ asc"
  for _ in 1 2 3 4 5; do
    echo "explain (analyze) select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
      from ACT_RU_JOB RES where (RES.RETRIES_ > 0) and $due
        and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < now()) and RES.SUSPENSION_STATE_ = 1
        and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2
              where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
                and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now())))
          or RES.EXCLUSIVE_ = false)
      $order limit 3;" | sql "$db" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p'
  done | sort -g | head -1
}

mkdir -p bench/target
csv=bench/target/job-acquisition.csv
echo "timers,default_ms,default_with_index_ms,dated_with_index_ms" > "$csv"
printf '\n%-30s %18s %22s %24s\n' "future timers in ACT_RU_JOB" "Camunda default" "default + index" "dated + index (ours)"
filled=0
for n in "${sizes[@]}"; do
  # Timers due in 1 h .. 30 days, one process instance per four timers (an open incident's SLA timers).
  echo "insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, PROCESS_INSTANCE_ID_, RETRIES_, DUEDATE_, HANDLER_TYPE_,
          SUSPENSION_STATE_, PRIORITY_, CREATE_TIME_)
        select 't' || i, 1, 'timer', true, 'p' || (i / 4), 3, now() + (1 + i % 720) * interval '1 hour',
          'timer-transition', 1, 0, now() from generate_series($filled + 1, $n) i;" | sql "$db"
  filled=$n
  # The async steps waiting right now: undated for Camunda's default, dated for ours.
  echo "delete from ACT_RU_JOB where TYPE_ = 'message';
        insert into ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, PROCESS_INSTANCE_ID_, RETRIES_, DUEDATE_, HANDLER_TYPE_,
          SUSPENSION_STATE_, PRIORITY_, CREATE_TIME_)
        select 'm' || i, 1, 'message', true, 'q' || i, 3, null, 'async-continuation', 1, 0, now()
        from generate_series(1, 20) i;
        drop index if exists itil_idx_job_due; vacuum analyze ACT_RU_JOB;" | sql "$db"
  before=$(acquire 0)
  echo "create index itil_idx_job_due on ACT_RU_JOB (DUEDATE_); vacuum analyze ACT_RU_JOB;" | sql "$db"
  indexed=$(acquire 0)
  echo "update ACT_RU_JOB set DUEDATE_ = CREATE_TIME_ where DUEDATE_ is null; vacuum analyze ACT_RU_JOB;" | sql "$db"
  after=$(acquire 1)
  printf '%-30s %15.3f ms %19.3f ms %21.3f ms\n' "$n" "$before" "$indexed" "$after"
  echo "$n,$before,$indexed,$after" >> "$csv"
done
echo "drop database $db with (force);" | sql postgres
echo "CSV: $csv"
