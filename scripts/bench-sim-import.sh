#!/usr/bin/env bash
# Times `simca sim import` of a generated CSV (default 1,000,000 Luhn-correct SIMs) against a
# node started here on a temp data dir and free ports. Nothing is committed or left behind.
#   scripts/bench-sim-import.sh [ROWS]
# Needs a packaged CLI (./mvnw -B -q -ntp -pl ca-cli -am package -DskipTests) and python3.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$root/scripts/lib/jdk.sh"
simca_pick_jdk
rows=${1:-1000000}
jar="$root/ca-cli/target/simca.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -B -q -ntp -pl ca-cli -am package -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/simca-bench.XXXXXX)
simca() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

python3 - "$rows" "$work/sims.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
def check(body):
    s, dbl = 0, True
    for c in reversed(body):
        d = ord(c) - 48
        if dbl:
            d *= 2
            if d > 9: d -= 9
        s += d; dbl = not dbl
    return str((10 - s % 10) % 10)
with open(path, "w") as f:
    f.write("iccid,imsi,imei,tenant\n")
    for n in range(rows):
        iccid = "8944%014d" % n
        imei = "35209900%06d" % (n % 1000000)
        f.write("%s%s,90170%010d,%s,tenant%d\n" % (iccid, check(iccid), n, imei + check(imei) if n % 3 else "", n % 10))
PY
echo "generated $rows rows: $(du -h "$work/sims.csv" | cut -f1)" >&2

export SIMCA_SERVER_EST_PORT=$(free_port) SIMCA_SERVER_HTTP_PORT=$(free_port) SIMCA_SERVER_ADMIN_PORT=$(free_port)
export SIMCA_SERVER_COAP_PORT=0 # ephemeral UDP port: never the default 5684
# The JVM itself in the background (not the simca function's subshell), so the trap's kill reaches it.
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" serve --data "$work/data" >"$work/serve.log" 2>&1 &
pid=$!
trap 'rc=$?; kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"; exit $rc' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$SIMCA_SERVER_HTTP_PORT/health" >/dev/null 2>&1 && break
  sleep 0.5
done
echo "+ simca sim import $work/sims.csv --data $work/data (admin port $SIMCA_SERVER_ADMIN_PORT)" >&2
start=$(date +%s.%N)
simca sim import "$work/sims.csv" --data "$work/data"
end=$(date +%s.%N)
python3 -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'{n} rows in {t:.1f} s ({n/t:,.0f} rows/s)')" "$start" "$end" "$rows"
simca sim list --data "$work/data" --limit 1 | tail -1
