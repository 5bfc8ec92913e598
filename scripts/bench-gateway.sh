#!/usr/bin/env bash
# Gateway overhead benchmark: an authenticated read (GET /api/members/{id}, manager token) straight to
# membership-service, then through a gateway, with wrk. Run by ./platform bench gateway; needs the platform
# running (./platform run) and wrk (Debian: apt-get install wrk).
#
# It starts its own gateway instance (same jar as ./platform run, port $BENCH_GATEWAY_PORT) whose per-principal
# rate limit is raised so the limiter is still on the path but does not cap the benchmark; the platform's own
# gateway keeps its limits. JVM flags: BENCH_GATEWAY_JVM_OPTS, by default the launcher's but with the C2 compiler
# (no -XX:TieredStopAtLevel=1): C1-only code costs the proxy path noticeably more CPU per request, and the gateway
# is the one process of the platform that runs hot; and one Netty event loop, as the launcher gives it. WARMUP (60 s by
# default) lets C2 compile the proxy path.
#
# ROUNDS times (3 by default), direct and gateway runs alternating:
#   1. saturation: wrk -t$WRK_THREADS (1) -c$CONNECTIONS for $DURATION s, direct then gateway → requests/s (target: ≥ 70 %)
#   2. half load: both at half the direct saturation rate, paced per connection → p50/p99 (target: +≤ 3 ms p99)
# then the median of the rounds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
JDK="${JDK:?run through ./platform bench gateway}"
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-60}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
# one wrk thread: the load generator shares the two cores with the gateway and the service, so it should take as
# little of them as it can (each run prints the CPU wrk itself used)
WRK_THREADS=${WRK_THREADS:-1}
BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-18080}
membership=${MEMBERSHIP_URL:-http://127.0.0.1:8081}
issuer=${ISSUER:-http://localhost:9000}
member=11111111-1111-4111-8111-111111111111
path="/api/members/$member"
log="$root/run/logs/bench-gateway.log"
# Each wrk run gets a fresh token (the demo issuer's tokens live 15 min; an expired one would be measured as fast 401s).
auth_header() { echo "Authorization: Bearer $("$here/token.sh" manon demo)"; }

command -v wrk >/dev/null || { echo "bench gateway: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
curl -fsS -o /dev/null "$membership/actuator/health" ||
  { echo "bench gateway: membership-service does not answer at $membership; start the platform first" >&2; exit 1; }

code=$(curl -s -o /dev/null -w '%{http_code}' -H "$(auth_header)" "$membership$path")
[ "$code" = 200 ] || { echo "bench gateway: GET $path answers $code directly" >&2; exit 1; }

echo "bench gateway: starting a gateway for the benchmark on port $BENCH_GATEWAY_PORT (log $log)"
SERVER_PORT=$BENCH_GATEWAY_PORT CLUSTER_IDENTITY_ISSUER="$issuer" \
  CLUSTER_SERVICES_MEMBERSHIP_URL="$membership" \
  CLUSTER_GATEWAY_RATE_LIMIT_REPLENISH_PER_SECOND=1000000 CLUSTER_GATEWAY_RATE_LIMIT_BURST_CAPACITY=1000000 \
  LOGGING_FILE_NAME="$log" \
  "$JDK/bin/java" ${BENCH_GATEWAY_JVM_OPTS:--XX:+UseSerialGC -Xss512k -Xmx256m -XX:MaxMetaspaceSize=160m -Dreactor.netty.ioWorkerCount=1} \
  -jar "$root/gateway/target/gateway.jar" >"$log.out" 2>&1 &
gw_pid=$!
trap 'kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true' EXIT
gateway="http://127.0.0.1:$BENCH_GATEWAY_PORT"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$gateway/actuator/health" 2>/dev/null && break
  kill -0 "$gw_pid" 2>/dev/null || { echo "bench gateway: the gateway exited; see $log.out" >&2; exit 1; }
  sleep 0.5
done
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$(auth_header)" "$gateway$path")
[ "$code" = 200 ] || { echo "bench gateway: GET $path answers $code through the gateway" >&2; exit 1; }

pacer=$(mktemp --suffix .lua)
trap 'rm -f "$pacer" "$pacer.time"; kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true' EXIT
cat >"$pacer" <<'LUA'
-- paces each connection: one request every PACE_MS milliseconds
local pace = tonumber(os.getenv("PACE_MS"))
function delay() return pace end
LUA


# run LABEL URL [extra wrk args] → prints wrk's output, sets rps/p50/p99 (ms); any non-2xx answer aborts the benchmark
run() {
  local label="$1" url="$2" output
  shift 2
  local timing="$pacer.time"
  output=$( { TIMEFORMAT='%U %S'; time wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -H "$(auth_header)" "$@" "$url$path"; } 2>"$timing")
  wrk_cpu=$(awk '{ printf "%.0f", 100 * ($1 + $2) / '"$DURATION"' }' "$timing")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$output")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$output")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$output")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$output")
  printf '  %-34s %10s req/s   p50 %-9s p99 %-9s wrk %3s %% of a core %s\n' "$label" "$rps" "$p50" "$p99" \
    "$wrk_cpu" "${non2xx:+non-2xx $non2xx}"
  [ -z "$non2xx" ] || { echo "bench gateway: $label answered $non2xx non-2xx responses; the figures are void" >&2; exit 1; }
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else if (v ~ /s$/) print v*1000; else print v }'; }
median() { tr ' ' '\n' <<<"$*" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "warm-up: ${WARMUP}s each"
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$(auth_header)" "$membership$path" >/dev/null
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$(auth_header)" "$gateway$path" >/dev/null

# The machine is shared and noisy (runs differ by ±20-35 %), so direct and gateway runs alternate, ROUNDS times, and
# the verdict is the median of the rounds' ratios and differences, each round comparing runs made seconds apart.
ratios=() added_p99s=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS"
  echo " 1. saturation, ${DURATION}s, $CONNECTIONS connections"
  run "direct to membership-service" "$membership"
  direct_rps=$rps
  run "through the gateway" "$gateway"
  gateway_rps=$rps
  ratios+=("$(awk -v g="$gateway_rps" -v d="$direct_rps" 'BEGIN { printf "%.1f", 100 * g / d }')")

  half=$(awk -v d="$direct_rps" 'BEGIN { printf "%.0f", d / 2 }')
  pace=$(awk -v r="$half" -v c="$CONNECTIONS" 'BEGIN { printf "%.2f", 1000 * c / r }')
  echo " 2. half load: $half req/s ($CONNECTIONS connections, one request every $pace ms each)"
  PACE_MS=$pace run "direct to membership-service" "$membership" -s "$pacer"
  direct_p99=$(to_ms "$p99")
  PACE_MS=$pace run "through the gateway" "$gateway" -s "$pacer"
  gateway_p99=$(to_ms "$p99")
  added_p99s+=("$(awk -v g="$gateway_p99" -v d="$direct_p99" 'BEGIN { printf "%.2f", g - d }')")
  echo "  → ${ratios[-1]} % of direct, p99 +${added_p99s[-1]} ms"
done

echo
echo "gateway throughput, median of $ROUNDS rounds: $(median "${ratios[@]}") % of direct (target ≥ 70 %; rounds: ${ratios[*]})"
echo "p99 added by the gateway at half load, median: $(median "${added_p99s[@]}") ms (target ≤ 3 ms; rounds: ${added_p99s[*]})"
