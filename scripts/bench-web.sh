#!/usr/bin/env bash
# Load test of the web application (issue 4): wrk on loopback against an instrument page and the mandate list,
# 64 connections, with a signed-in viewer's session; then the same pages spread over the whole registry
# (scripts/wrk-many.lua); then the server's memory (VmRSS now, VmHWM the peak).
#
#   scripts/bench-web.sh REGISTRY [SECONDS]
#
# REGISTRY is an SQLite file or a postgres:// URL, e.g. one loaded with 40,000 synthetic resolutions by
#   target/release/registry_load --db /tmp/reg40k.db --resolutions 40000 --runs 10 --unbounded-runs 1
# Needs `cargo build --release -p mandates` and wrk (Debian: apt-get install wrk). Request logs are turned down
# to warnings (MANDATES_LOG=warn) so that the terminal is not what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: scripts/bench-web.sh REGISTRY [SECONDS]}
seconds=${2:-20}
bin=target/release/mandates
port=18090
base=http://127.0.0.1:$port

MANDATES_PASSWORD=bench-password "$bin" --db "$db" user add bench --role viewer >/dev/null
MANDATES_LOG=warn "$bin" --db "$db" serve --bind "127.0.0.1:$port" 2>/tmp/mandates-bench-serve.log &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null "$base/login" && break; sleep 0.1; done

cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d '{"name":"bench","password":"bench-password"}' "$base/api/session" \
  | tr -d '\r' | sed -n 's/^set-cookie: \([^;]*\).*/\1/Ip')
# An instrument from the middle of the registry.
count=$(curl -s -H "cookie: $cookie" "$base/api/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["mandates"])')
instrument=$(curl -s -H "cookie: $cookie" "$base/api/mandates?limit=1&offset=$((count / 2))" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["instrument_id"])')

echo "registry: $db ($count current mandates); instrument $instrument; $(nproc) cores; $(date -u +%F)"
for path in "/instruments/$instrument" "/mandates" "/api/mandates?limit=100"; do
  echo "== GET $path"
  wrk -t2 -c64 -d"${seconds}s" --latency -H "cookie: $cookie" "$base$path" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done
# The same pages spread over the registry: most are made afresh (the first view of an instrument reads and
# parses its text), which is what the busiest pages cost before they are kept.
instruments=$(curl -s -H "cookie: $cookie" "$base/api/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["instruments"])')
for spread in "/instruments/%d $instruments 1" "/mandates?offset=%d 50 100"; do
  read -r format max step <<<"$spread"
  echo "== GET $format, random in 1..$max (x $step)"
  MANY_PATH=$format MANY_MAX=$max MANY_STEP=$step wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/wrk-many.lua \
    -H "cookie: $cookie" "$base" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done
grep -E 'VmRSS|VmHWM' "/proc/$pid/status"
