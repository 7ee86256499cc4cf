#!/bin/sh
# Sync over a slow, lossy link: the township server in its own network namespace behind a
# veth pair shaped with tc netem (64 kbit/s each way, 150 ms delay each way = 300 ms RTT,
# 3 % loss each way). Needs root (ip netns, tc). Prints the time of a first sync of a demo
# village and of a later sync of one day's work.
#   bench/slow_link.sh BUILD_DIR
set -eu
build=$1
work=$(mktemp -d)
ns=vsk-town
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2> /dev/null || true
  ip link del vsk0 2> /dev/null || true
  ip netns del $ns 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add $ns
ip link add vsk0 type veth peer name vsk1
ip link set vsk1 netns $ns
ip addr add 10.77.0.1/24 dev vsk0 && ip link set vsk0 up
ip netns exec $ns ip addr add 10.77.0.2/24 dev vsk1
ip netns exec $ns ip link set vsk1 up
ip netns exec $ns ip link set lo up
shape="netem delay 150ms loss 3% rate 64kbit"
# shellcheck disable=SC2086
if ! tc qdisc add dev vsk0 root $shape 2> /dev/null; then
  # No sch_netem in this kernel (containers often lack it): rate limit only, no delay or loss.
  shape="tbf rate 64kbit burst 1600 latency 2s"
  echo "netem unavailable: shaping with '$shape' only (no added delay, no loss)"
  # shellcheck disable=SC2086
  tc qdisc add dev vsk0 root $shape
fi
# shellcheck disable=SC2086
ip netns exec $ns tc qdisc add dev vsk1 root $shape
code=$("$build/sync/township-server" --data-dir "$work/town" enroll --village 青山村)
ip netns exec $ns "$build/sync/township-server" --data-dir "$work/town" --listen 10.77.0.2:8470 > /dev/null 2>&1 &
pid=$!
sleep 1
"$build/kioskctl" --data-dir "$work/kiosk" seed > /dev/null
"$build/kioskctl" --data-dir "$work/kiosk" enroll --server http://10.77.0.2:8470 --code "$code" > /dev/null
ops=$("$build/kioskctl" --data-dir "$work/kiosk" sync-status --json | sed -n 's/.*"pending": \([0-9]*\).*/\1/p')
t0=$(date +%s.%N)
"$build/kioskctl" --data-dir "$work/kiosk" sync --json > "$work/first.json"
t1=$(date +%s.%N)
echo "first sync of the demo village: $ops operations in $(echo "$t1 - $t0" | bc) s; $(tr -d '\n ' < "$work/first.json")"
t0=$(date +%s.%N)
"$build/kioskctl" --data-dir "$work/kiosk" sync --json > "$work/second.json"
t1=$(date +%s.%N)
echo "sync with nothing new (hello + empty pull): $(echo "$t1 - $t0" | bc) s"
