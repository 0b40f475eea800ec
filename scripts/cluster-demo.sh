#!/usr/bin/env bash
# Two stateless simca nodes on one PostgreSQL store, sharing the issuing key (the data dir's
# hierarchy files copied to each node). Enrols one device through each node, revokes one SIM
# through node A's admin API, and checks that node B's OCSP answers revoked within a second.
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`); uses its own schema and
# drops it afterwards. Exits non-zero if any step misbehaves.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
SIMCA="$root/scripts/simca"
PG_BASE=${SIMCA_CLUSTER_PG:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
work=$(mktemp -d /tmp/simca-cluster.XXXXXX)
schema="simca_cluster_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] && echo "cluster-demo: kept $work" || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "cluster-demo: FAILED: $*" >&2; for f in "$work"/node-*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null || fail "cannot reach PostgreSQL"
export SIMCA_STORE_URL="$PG_BASE&currentSchema=$schema"

echo "== one hierarchy, copied to two nodes (the issuing key is shared; the store is shared)"
"$SIMCA" ca init --data "$work/a" >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; fail "ca init"; }
"$SIMCA" attester keygen --id demo --data "$work/a" >/dev/null
cp -a "$work/a" "$work/b"

declare -A est http admin
start_node() { # name
  local n=$1
  est[$n]=$(free_port); http[$n]=$(free_port); admin[$n]=$(free_port)
  SIMCA_SERVER_EST_PORT=${est[$n]} SIMCA_SERVER_HTTP_PORT=${http[$n]} SIMCA_SERVER_ADMIN_PORT=${admin[$n]} SIMCA_SERVER_COAP_PORT=0 \
    "$SIMCA" serve --data "$work/$n" >"$work/node-$n.log" 2>&1 &
  pids+=($!)
}
start_node a
start_node b
for n in a b; do
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:${http[$n]}/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "http://127.0.0.1:${http[$n]}/health" >/dev/null || fail "node $n not healthy"
  echo "   node $n: EST :${est[$n]}  OCSP :${http[$n]}  admin :${admin[$n]}"
done

echo "== import two SIMs through node A (the store is shared)"
printf 'iccid,imsi,imei,tenant\n8944501000000000013,234150000000001,,acme\n8944501000000000021,234150000000002,,acme\n' >"$work/sims.csv"
"$SIMCA" sim import "$work/sims.csv" --data "$work/a" --server "https://127.0.0.1:${admin[a]}" >/dev/null

enrol() { # node iccid imsi name
  local n=$1 iccid=$2 imsi=$3 name=$4
  openssl ecparam -name prime256v1 -genkey -noout -out "$work/$name.key" 2>/dev/null
  openssl req -new -key "$work/$name.key" -subj /CN=x -out "$work/$name.csr"
  local token; token=$("$SIMCA" attester issue --key "$work/$n/attesters/demo.key" --iccid "$iccid" --imsi "$imsi" \
    --imei 352099001761481 --csr "$work/$name.csr" --data "$work/$n")
  openssl req -in "$work/$name.csr" -outform DER | openssl base64 >"$work/$name.b64"
  local code; code=$(curl -sS -o "$work/$name.p7" -w '%{http_code}' --cacert "$work/$n/ca/root.pem" -u "$iccid:$token" \
    -H 'Content-Type: application/pkcs10' --data-binary @"$work/$name.b64" "https://127.0.0.1:${est[$n]}/.well-known/est/simpleenroll")
  [ "$code" = 200 ] || fail "enrolment via node $n answered $code: $(cat "$work/$name.p7")"
  openssl base64 -d -in "$work/$name.p7" | openssl pkcs7 -inform DER -print_certs -out "$work/$name.pem"
  echo "   enrolled $iccid via node $n: serial $(openssl x509 -in "$work/$name.pem" -noout -serial | cut -d= -f2)"
}
echo "== enrol one device through each node"
enrol a 8944501000000000013 234150000000001 dev1
enrol b 8944501000000000021 234150000000002 dev2

ocsp_status() { # node cert
  openssl ocsp -issuer "$work/a/ca/default.pem" -cert "$work/$2.pem" -url "http://127.0.0.1:${http[$1]}/ocsp" \
    -CAfile "$work/a/ca/root.pem" -no_nonce 2>/dev/null | awk -v c="$work/$2.pem:" '$1==c {print $2}'
}
for n in a b; do for d in dev1 dev2; do
  [ "$(ocsp_status $n $d)" = good ] || fail "node $n says $(ocsp_status $n $d) for $d"
done; done
echo "   both nodes answer good for both devices"

echo "== revoke dev2's SIM through node A; node B must answer revoked within 1 s"
"$SIMCA" sim revoke 8944501000000000021 --reason stolen --data "$work/a" --server "https://127.0.0.1:${admin[a]}" | sed 's/^/   /'
t0=$(date +%s%N)
until [ "$(ocsp_status b dev2)" = revoked ]; do
  [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 1000 ] && fail "node B still says $(ocsp_status b dev2) after 1 s"
  sleep 0.02
done
echo "   node B: revoked after $(( ($(date +%s%N) - t0) / 1000000 )) ms; dev1 still $(ocsp_status b dev1)"
echo "cluster-demo: all steps behaved"
