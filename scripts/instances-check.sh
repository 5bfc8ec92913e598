#!/usr/bin/env bash
# Shows that the instances of each service share the work (./platform run --instances 2; docs/scaling.md):
#   1. REQUESTS GETs per service through the gateway, then the /api requests each instance served, from its
#      Prometheus counter http_server_requests_seconds_count (difference before/after);
#   2. the partitions each instance's consumers hold: the last "partitions assigned" line of each consumer (listener
#      thread) in each instance's console output (run/logs/NAME.out) since its last start;
#   3. which instance holds the outbox relay lease: the last "is now / is no longer the relay" line of that output.
#
# usage: scripts/instances-check.sh [--run-dir DIR] [--requests 200]   (needs the platform running)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
run_dir="${PLATFORM_RUN_DIR:-$ROOT/run}"
requests=200
while [ $# -gt 0 ]; do
  case "$1" in
    --run-dir) run_dir="$2"; shift ;;
    --requests) requests="$2"; shift ;;
    *) echo "usage: $0 [--run-dir DIR] [--requests N]" >&2; exit 2 ;;
  esac
  shift
done
state="$run_dir/platform.state"
[ -f "$state" ] || { echo "no $state: start the platform first (./platform run --instances 2)" >&2; exit 1; }

# name -> http://127.0.0.1:PORT, from the launcher's state file (name, pid, port, health, output)
base_of() { awk -F'\t' -v n="$1" '$1 == n { sub("/actuator/health", "", $4); print $4; exit }' "$state"; }
instances_of() { awk -F'\t' -v n="$1" '$1 == n || $1 ~ "^" n "-[0-9]+$" { print $1 }' "$state"; }

gateway="$(base_of gateway)"
issuer="$(base_of auth-server | sed 's/127.0.0.1/localhost/')"
token="$(ISSUER="$issuer" "$ROOT/scripts/token.sh" manon demo | tail -1)"

served() { # the /api requests an instance answered so far
  curl -fsS -H "Authorization: Bearer $token" "$(base_of "$1")/actuator/prometheus" |
    awk '/^http_server_requests_seconds_count\{/ && /uri="\/api/ { n += $NF } END { printf "%d\n", n }'
}

declare -A paths=(
  [membership-service]=/api/members [project-service]=/api/projects [funding-watch-service]=/api/calls
  [finance-service]=/api/finance/grants [notification-service]=/api/notifications)
services=(membership-service project-service funding-watch-service finance-service notification-service)

declare -A before
for s in "${services[@]}"; do
  for i in $(instances_of "$s"); do before[$i]="$(served "$i")"; done
done
failed=0
for s in "${services[@]}"; do
  for _ in $(seq 1 "$requests"); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$gateway${paths[$s]}")"
    [ "$code" = 200 ] || failed=$((failed + 1))
  done
done
echo "$requests GETs per service through the gateway ($gateway), $failed not 200"
printf '  %-24s %-18s %s\n' INSTANCE "REQUESTS SERVED" "PARTITIONS HELD (groups)"
for s in "${services[@]}"; do
  for i in $(instances_of "$s"); do
    after="$(served "$i")"
    # the last assignment of each consumer (a listener container's thread; a group may have several) in the
    # instance's console output since its last start: "GROUP: partitions assigned: [t-0, t-1]"
    held="$(awk '/^# .*started by the platform launcher/ { delete last; delete group; next }
        /: partitions assigned: \[/ {
          if (match($0, /--- \[[^]]*\] \[[^]]*\]/) == 0) next
          head = substr($0, RSTART, RLENGTH); sub(/.*\[/, "", head); sub(/\]$/, "", head)
          msg = $0; sub(/.* : /, "", msg)
          split(msg, parts, ": partitions assigned: ")
          last[head] = parts[2]; group[parts[1]] = 1
        }
        END { for (t in last) { v = last[t]; total += gsub(/-[0-9]+/, "", v) } for (g in group) groups++
              printf "%d (%d)\n", total, groups }' "$run_dir/logs/$i.out" 2>/dev/null)"
    log="$run_dir/logs/$i.out"
    relay="$(grep -o 'Outbox relay [^ ]* is [a-z ]* the relay' "$log" 2>/dev/null | tail -1 || true)"
    printf '  %-24s %-18s %-24s %s\n' "$i" "$((after - ${before[$i]}))" "$held" "${relay:-}"
  done
done
