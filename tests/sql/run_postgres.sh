#!/usr/bin/env bash
# Runs the PostgreSQL dialect of `flywheel sql` on a data set and prints the views as JSON:
#   run_postgres.sh DATA_DIR METRICS_SQL > results.json
# Starts a private cluster (initdb in a temporary folder, port ${FLYWHEEL_PG_PORT:-55432},
# as the postgres user when run as root), loads the CSVs with \copy into typed tables,
# runs the script and stops the server on exit. Any failure (no PostgreSQL, no server)
# exits non-zero: it never passes silently.
set -euo pipefail
data_dir=$(cd "$1" && pwd)
sql_file=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
port=${FLYWHEEL_PG_PORT:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "run_postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "run_postgres.sh: no postgres user" >&2; exit 1; }
  as_pg=(runuser -u postgres --)
fi
tmp=$(mktemp -d /tmp/flywheel_pg.XXXXXX)
chmod 755 "$tmp"
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$tmp/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/data" "$tmp/run"
cp "$data_dir"/*.csv "$tmp/data/"
cp "$sql_file" "$tmp/metrics.sql"
[[ ${#as_pg[@]} -gt 0 ]] && chown -R postgres:postgres "$tmp"

"${as_pg[@]}" "$bin/initdb" -D "$tmp/db" -U postgres -A trust --no-sync >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$tmp/db" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp/run -c listen_addresses='' -c fsync=off" start >/dev/null ||
  { cat "$tmp/server.log" >&2; exit 1; }

psql=("${as_pg[@]}" env PGOPTIONS="-c client_min_messages=warning" "$bin/psql" -h "$tmp/run" -p "$port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1)

# Typed tables: every column of the CSV header, the known ones with their type, others TEXT.
type_of() {
  case "$1" in
    start_date|end_date|created_at|closed_at|qualified_at|date|entered_at) echo DATE ;;
    amount|rate|net_burn|gross_margin|value) echo "DOUBLE PRECISION" ;;
    *) echo TEXT ;;
  esac
}
load=""
for t in subscriptions opportunities leads spend finance fx usage advocacy journey; do
  header=$(head -1 "$tmp/data/$t.csv" | tr -d '\r' | tr 'A-Z' 'a-z')
  cols=""
  IFS=',' read -ra names <<<"$header"
  for c in "${names[@]}"; do cols+="${cols:+, }$c $(type_of "$c")"; done
  load+="CREATE TABLE $t ($cols);"$'\n'
  load+="\\copy $t FROM '$tmp/data/$t.csv' WITH (FORMAT csv, HEADER true)"$'\n'
done
printf '%s' "$load" >"$tmp/load.sql"
[[ ${#as_pg[@]} -gt 0 ]] && chown postgres:postgres "$tmp/load.sql"
"${psql[@]}" -f "$tmp/load.sql"
"${psql[@]}" -f "$tmp/metrics.sql" >/dev/null
"${psql[@]}" -At -c "SELECT json_build_object(
  'revenue_month', (SELECT json_agg(t ORDER BY t.month_idx) FROM revenue_month t),
  'cohort_nrr', (SELECT json_agg(t) FROM cohort_nrr t),
  'lvr', (SELECT json_agg(t ORDER BY t.month_idx) FROM lvr t),
  'win_rate', (SELECT json_agg(t) FROM win_rate t),
  'sales_cycle_median', (SELECT json_agg(t) FROM sales_cycle_median t),
  'bowtie_conversion', (SELECT json_agg(t ORDER BY t.month_idx, t.stage_idx) FROM bowtie_conversion t),
  'cac_payback', (SELECT json_agg(t) FROM cac_payback t),
  'burn_multiple', (SELECT json_agg(t) FROM burn_multiple t))"
