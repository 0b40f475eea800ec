# Sourced by scripts/bench-*: start and stop a throwaway simca node on free ports.
# bench_start_node DIR [store-url]  -> sets BENCH_PID, BENCH_EST, BENCH_HTTP, BENCH_ADMIN, BENCH_COAP (UDP)
bench_free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
bench_free_udp_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

bench_start_node() {
  local dir=$1 url=${2:-}
  BENCH_EST=$(bench_free_port); BENCH_HTTP=$(bench_free_port); BENCH_ADMIN=$(bench_free_port); BENCH_COAP=$(bench_free_udp_port)
  if [ ! -d "$dir/ca" ] && ! "$SIMCA" ca init --data "$dir" >"$dir.init.log" 2>&1; then
    echo "bench: ca init failed:" >&2; cat "$dir.init.log" >&2; return 1
  fi
  SIMCA_STORE_URL="$url" SIMCA_SERVER_EST_PORT=$BENCH_EST SIMCA_SERVER_HTTP_PORT=$BENCH_HTTP SIMCA_SERVER_ADMIN_PORT=$BENCH_ADMIN SIMCA_SERVER_COAP_PORT=$BENCH_COAP \
    SIMCA_POLICY_MAX_ENROLLMENTS_PER_HOUR=0 SIMCA_LOG_LEVEL=WARN SIMCA_JAVA_OPTS="${BENCH_SERVER_JAVA_OPTS:-}" \
    "$SIMCA" serve --data "$dir" >"$dir.log" 2>&1 &
  BENCH_PID=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$BENCH_HTTP/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "bench: node did not start; see $dir.log" >&2; tail -20 "$dir.log" >&2; return 1
}

bench_stop_node() {
  [ -n "${BENCH_PID:-}" ] && kill -TERM "$BENCH_PID" 2>/dev/null && wait "$BENCH_PID" 2>/dev/null || true
  BENCH_PID=""
}
