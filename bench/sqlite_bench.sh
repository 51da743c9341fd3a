#!/usr/bin/env bash
# Times the sqlite3 CLI on the SQL that `flywheel sql --dialect sqlite` emits, for run.sh:
#   load   a fresh database file: CREATE TABLE per CSV (money REAL, the rest TEXT; dates stay
#          ISO text as the dialect expects), .import --csv, empty fields set to NULL
#   suite  SELECT * from every report view (all views but the helpers), written as JSON
#   slice  the report views with a month column, restricted to the months of one quarter
# Every phase runs under `timeout LIMIT`; a phase past it is recorded as not finished and
# nothing after it runs. After a first run longer than 60 s no further runs are made.
# Prints JSON (times in ms, peak resident memory of sqlite3 in KiB from /usr/bin/time) and,
# when the suite finished, writes OUT_DIR/views.json in run_duckdb.mjs's shape.
#   sqlite_bench.sh DATA_DIR METRICS_SQL OUT_DIR REPS LIMIT_S QUARTER(M1,M2,M3)
set -euo pipefail
data=$(cd "$1" && pwd)
sql=$2 out=$3 reps=$4 limit=$5 quarter=$6
mkdir -p "$out/views"
db="$out/bench.db"
helpers=" flywheel_params flywheel_months mrr_subscription_rows mrr_account_month mrr_movements pipeline_months bowtie_stage_dates "

{
  for csv in "$data"/*.csv; do
    table=$(basename "$csv" .csv)
    IFS=, read -r -a cols < <(head -1 "$csv" | tr -d '\r')
    defs=() nulls=()
    for c in "${cols[@]}"; do
      case "$c" in amount|net_burn|gross_margin|rate|value) defs+=("$c REAL") ;; *) defs+=("$c TEXT") ;; esac
      nulls+=("$c = NULLIF($c, '')")
    done
    echo "CREATE TABLE $table($(IFS=,; echo "${defs[*]}"));"
    echo ".import --csv --skip 1 '$csv' $table"
    echo "UPDATE $table SET $(IFS=,; echo "${nulls[*]}");"
  done
} >"$out/load.sql"

# run PHASE FILE: runs sqlite3 on FILE under the limit; sets ms, rss, finished.
run() {
  local start end
  start=$(date +%s%N)
  local rc=0
  timeout "$limit" /usr/bin/time -f "%M" -o "$out/$1.time" sqlite3 -bail "$db" <"$2" >/dev/null 2>"$out/$1.err" || rc=$?
  finished=true
  if ((rc == 124)); then finished=false; elif ((rc != 0)); then cat "$out/$1.err" >&2; exit 1; fi
  end=$(date +%s%N)
  ms=$(((end - start) / 1000000))
  rss=$(grep -sE "^[0-9]+\$" "$out/$1.time" | tail -1 || true)  # no line when the limit killed it
  rss=${rss:-0}
  if ((rss > peak)); then peak=$rss; fi
}

peak=0 load_ms=() suite_ms=() slice_ms=() status=finished views="" slice_views=""
for ((r = 0; r < reps; r++)); do
  rm -f "$db"
  run load "$out/load.sql"
  [[ $finished == true ]] || { status="load did not finish within ${limit} s"; break; }
  load_ms+=("$ms")
  sqlite3 -bail "$db" <"$sql" >/dev/null
  if [[ -z "$views" ]]; then
    for v in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"); do
      [[ "$helpers" == *" $v "* ]] && continue
      views+="$v "
      [[ -n $(sqlite3 "$db" "SELECT name FROM pragma_table_info('$v') WHERE name = 'month'") ]] && slice_views+="$v "
    done
    { echo ".mode json"
      for v in $views; do echo ".output $out/views/$v.json"; echo "SELECT * FROM $v;"; done
    } >"$out/suite.sql"
    months="'${quarter//,/\', \'}'"
    { echo ".mode json"
      for v in $slice_views; do echo "SELECT * FROM $v WHERE month IN ($months);"; done
    } >"$out/slice.sql"
  fi
  run suite "$out/suite.sql"
  [[ $finished == true ]] || { status="suite did not finish within ${limit} s"; break; }
  suite_ms+=("$ms")
  run slice "$out/slice.sql"
  [[ $finished == true ]] || { status="slice did not finish within ${limit} s"; break; }
  slice_ms+=("$ms")
  ((load_ms[0] + suite_ms[0] + slice_ms[0] > 60000)) && break
done
rm -f "$db"

if ((${#suite_ms[@]})); then
  node -e '
    const fs = require("fs"); const [dir, ...views] = process.argv.slice(1); const out = {};
    for (const v of views) { const t = fs.readFileSync(`${dir}/${v}.json`, "utf8").trim(); out[v] = t ? JSON.parse(t) : []; }
    // 12 significant digits, the precision of the Flywheel JSON, as in duckdb_bench.mjs.
    const round12 = (k, v) => (typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(12)) : v);
    fs.writeFileSync(`${dir}/../views.json`, JSON.stringify(out, round12));' "$out/views" $views
fi
list() { local IFS=,; echo "[$*]"; }
words() { local w s=""; for w in "$@"; do s+="${s:+,}\"$w\""; done; echo "[$s]"; }
echo "{\"status\":\"$status\",\"limit_s\":$limit,\"load_ms\":$(list "${load_ms[@]}"),\"suite_ms\":$(list "${suite_ms[@]}"),\"slice_ms\":$(list "${slice_ms[@]}"),\"peak_rss_kib\":$peak,\"views\":$(words $views)}"
