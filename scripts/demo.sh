#!/usr/bin/env bash
# End-to-end demo of simca with stock tools: start a CA on a temp data dir, import a SIM, mint an
# attestation token with the reference attester, enrol with curl + openssl (and libest's estclient
# when ../shared/interop/libest is there) and a constrained device over EST-coaps (RFC 9148)
# with libcoap's coap-client, run the network attester service with RADIUS accounting from
# radclient and let the reference device agent enrol, renew and be refused once its PDN session
# stops, check OCSP, revoke the SIM with the CLI, see OCSP say revoked and the CRL list it, see re-enrolment refused, and
# print the audit trail. Exits non-zero as soon as a step does not behave. Uses free ports, so it
# runs beside a live server; leaves nothing behind unless KEEP=1.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
SIMCA="$root/scripts/simca"
work=$(mktemp -d /tmp/simca-demo.XXXXXX)
data="$work/data"
server_pid=""
attester_pid=""

cleanup() {
  if [ -n "$attester_pid" ] && kill -0 "$attester_pid" 2>/dev/null; then
    kill -TERM "$attester_pid"; wait "$attester_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "demo: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "demo: FAILED: $*" >&2; [ -f "$work/server.log" ] && tail -30 "$work/server.log" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
free_udp_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export SIMCA_SERVER_EST_PORT=$(free_port) SIMCA_SERVER_HTTP_PORT=$(free_port) SIMCA_SERVER_ADMIN_PORT=$(free_port)
export SIMCA_SERVER_COAP_PORT=$(free_udp_port)
COAPS="coaps://127.0.0.1:$SIMCA_SERVER_COAP_PORT/.well-known/est"
EST="https://127.0.0.1:$SIMCA_SERVER_EST_PORT/.well-known/est"
HTTP="http://127.0.0.1:$SIMCA_SERVER_HTTP_PORT"
ADMIN=(--server "https://127.0.0.1:$SIMCA_SERVER_ADMIN_PORT" --data "$data")

ICCID=8944501000000000013 IMSI=234150000000001 IMEI=352099001761481
ICCID2=8944501000000000021 IMSI2=234150000000002 IMEI2=352099001761499
# The gateway of the attested path: its IMEISV as the packet core reports it (TAC, SNR, SVN 03).
ICCID3=8944501000000000039 IMSI3=234150000000003 IMEISV3=3520990017615103 GW_IP=127.0.0.23

step "1. Create the CA hierarchy and a reference attester key"
"$SIMCA" ca init --data "$data" 2>&1 | sed 's/^/   /'
"$SIMCA" attester keygen --id demo --data "$data" | sed 's/^/   /'

step "2. Start the CA (EST :$SIMCA_SERVER_EST_PORT, OCSP/CRL :$SIMCA_SERVER_HTTP_PORT, admin :$SIMCA_SERVER_ADMIN_PORT, EST-coaps udp/$SIMCA_SERVER_COAP_PORT)"
"$SIMCA" serve --data "$data" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$HTTP/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || fail "server exited"
  sleep 0.5
done
curl -fsS "$HTTP/health" >/dev/null || fail "server not healthy"
echo "   healthy: $(curl -fsS "$HTTP/health")"

step "3. Import the SIM inventory"
printf 'iccid,imsi,imei,tenant\n%s,%s,,acme\n%s,%s,,acme\n%s,%s,,acme\n' "$ICCID" "$IMSI" "$ICCID2" "$IMSI2" \
  "$ICCID3" "$IMSI3" >"$work/sims.csv"
"$SIMCA" sim import "$work/sims.csv" "${ADMIN[@]}" | sed 's/^/   /'

step "4. Device: key + CSR (openssl); network attester: token bound to that key"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/dev.key" 2>/dev/null
openssl req -new -key "$work/dev.key" -subj "/CN=ignored-by-the-ca" -out "$work/dev.csr"
TOKEN=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID" --imsi "$IMSI" --imei "$IMEI" \
  --csr "$work/dev.csr" --data "$data")
echo "   token: ${TOKEN:0:40}... (${#TOKEN} chars)"

step "5. Enrol over EST with curl (HTTP Basic: ICCID:token)"
openssl req -in "$work/dev.csr" -outform DER | openssl base64 >"$work/dev.csr.b64"
code=$(curl -sS -o "$work/dev.p7.b64" -w '%{http_code}' --cacert "$data/ca/root.pem" -u "$ICCID:$TOKEN" \
  -H 'Content-Type: application/pkcs10' --data-binary @"$work/dev.csr.b64" "$EST/simpleenroll")
[ "$code" = 200 ] || fail "simpleenroll answered $code: $(cat "$work/dev.p7.b64")"
openssl base64 -d -in "$work/dev.p7.b64" | openssl pkcs7 -inform DER -print_certs -out "$work/dev.pem"
openssl x509 -in "$work/dev.pem" -noout -subject -ext subjectAltName,extendedKeyUsage -dates | sed 's/^/   /'
SERIAL=$(openssl x509 -in "$work/dev.pem" -noout -serial | cut -d= -f2)
openssl verify -CAfile "$data/ca/root.pem" -untrusted "$data/ca/default.pem" "$work/dev.pem" | sed 's/^/   /'

step "5b. The same with Cisco libest's estclient (Bearer token after its 401; canonical headers)"
ESTCLIENT="$root/../shared/interop/libest/estclient"
if [ -x "$ESTCLIENT" ] && ldconfig -p 2>/dev/null | grep -q liburiparser.so.1; then
  le() { EST_OPENSSL_CACERT="$data/ca/root.pem" "$ESTCLIENT" -s 127.0.0.1 -p "$SIMCA_SERVER_EST_PORT" "$@" >>"$work/libest.log" 2>&1; }
  mkdir -p "$work/le/renew"
  le -g -o "$work/le"
  [ -s "$work/le/cacert-0-0.pkcs7" ] || fail "estclient -g wrote no cacerts: $(tail -5 "$work/libest.log")"
  LTOKEN=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID" --imsi "$IMSI" --imei "$IMEI" \
    --csr "$work/dev.csr" --data "$data")
  le -e -y "$work/dev.csr" --auth-token "$LTOKEN" -o "$work/le" --pem-output
  # estclient exits 0 whatever happened: the certificate file is the verdict.
  [ -s "$work/le/cert-0-0.pem" ] || fail "estclient -e wrote no certificate: $(tail -5 "$work/libest.log")"
  LTOKEN=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID" --imsi "$IMSI" --imei "$IMEI" \
    --csr "$work/dev.csr" --data "$data")
  le -r -c "$work/le/cert-0-0.pem" -k "$work/dev.key" --auth-token "$LTOKEN" -o "$work/le/renew" --pem-output
  [ -s "$work/le/renew/cert-0-0.pem" ] || fail "estclient -r wrote no certificate: $(tail -5 "$work/libest.log")"
  openssl x509 -in "$work/le/renew/cert-0-0.pem" -noout -subject -serial | sed 's/^/   libest re-enrolled: /'
else
  echo "   skipped: no $ESTCLIENT (or liburiparser1 missing)"
fi

step "5c. A constrained device enrols over EST-coaps (CoAP + DTLS 1.2) with libcoap's coap-client"
command -v coap-client-openssl >/dev/null || fail "coap-client-openssl not installed (Debian package libcoap3-bin)"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/nb.key" 2>/dev/null
openssl req -new -key "$work/nb.key" -subj "/CN=ignored" -out "$work/nb.csr"
NBTOKEN=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID2" --imsi "$IMSI2" --imei "$IMEI2" \
  --csr "$work/nb.csr" --data "$data")
# CoAP has no Authorization header: the token rides inside the CSR (attribute ...1.2, one UTF8String).
cat >"$work/nb-token.cnf" <<CNF
oid_section = oids
[ oids ]
simcaToken = 2.25.125338317216575072951466842463323497085.1.2
[ req ]
prompt = no
string_mask = utf8only
distinguished_name = dn
attributes = attrs
[ dn ]
CN = ignored
[ attrs ]
simcaToken = $NBTOKEN
CNF
openssl req -new -key "$work/nb.key" -config "$work/nb-token.cnf" -outform DER -out "$work/nb.csr.der"
coap-client-openssl -B 20 -R "$data/ca/root.pem" -A 281 -b 64 -o "$work/crts.der" "$COAPS/crts"
openssl pkcs7 -inform DER -in "$work/crts.der" -print_certs -noout | grep subject | sed 's/^/   crts: /'
coap-client-openssl -B 20 -R "$data/ca/root.pem" -m post -t 286 -A 281 -b 64 -f "$work/nb.csr.der" \
  -o "$work/nb.p7" "$COAPS/sen" >"$work/sen.txt" 2>&1 || fail "coap-client failed: $(cat "$work/sen.txt")"
openssl pkcs7 -inform DER -in "$work/nb.p7" -print_certs -out "$work/nb.pem" 2>/dev/null \
  || fail "sen did not return a certificate: $(cat "$work/sen.txt")"
openssl x509 -in "$work/nb.pem" -noout -subject -ext subjectAltName | sed 's/^/   /'
openssl x509 -in "$work/nb.pem" -noout -subject | grep -q "CN = $ICCID2" || fail "EST-coaps certificate is not for $ICCID2"

step "5d. The network attester on the APN: RADIUS accounting in, key-bound tokens out"
command -v radclient >/dev/null || fail "radclient is missing (Debian package freeradius-utils)"
RADIUS_PORT=$(free_udp_port) ATTEST_PORT=$(free_port)
ATTESTER="http://127.0.0.1:$ATTEST_PORT"
"$SIMCA" operator issue --name attester-apn1 --role attester "${ADMIN[@]}" | sed 's/^/   /'
"$SIMCA" attester keygen --id apn1 --data "$data" | sed 's/^/   /'
umask 077; echo "pgw-accounting-secret" >"$work/radius.secret"; umask 022
"$SIMCA" attester serve --id apn1 --radius "127.0.0.1:$RADIUS_PORT" --radius-secret-file "$work/radius.secret" \
  --listen "127.0.0.1:$ATTEST_PORT" --operator "$data/operators/attester-apn1.p12" "${ADMIN[@]}" \
  >"$work/attester.log" 2>&1 &
attester_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$ATTESTER/health" >/dev/null 2>&1 && break
  kill -0 "$attester_pid" 2>/dev/null || fail "attester exited: $(cat "$work/attester.log")"
  sleep 0.5
done
echo "   attester: $(curl -fsS "$ATTESTER/health")"
pgw() { # $1 = Start|Stop: the packet gateway's accounting for the gateway's PDN connection
  radclient -r 2 -t 3 "127.0.0.1:$RADIUS_PORT" acct "$(cat "$work/radius.secret")" <<ACCT
Acct-Status-Type = $1
Acct-Session-Id = "pdn-0001"
Framed-IP-Address = $GW_IP
Calling-Station-Id = "447700900003"
Called-Station-Id = "iot.simca"
3GPP-IMSI = "$IMSI3"
3GPP-IMEISV = "$IMEISV3"
3GPP-SGSN-MCC-MNC = "23415"
3GPP-RAT-Type = 9
Acct-Interim-Interval = 600
ACCT
}
pgw Start | sed 's/^/   radclient: /'
echo "   the gateway ($GW_IP on the APN): key, token from the attester, EST enrolment"
"$SIMCA" device enroll --attester "$ATTESTER" --est "$EST" --trust "$data/ca/root.pem" \
  --source-address "$GW_IP" --out "$work/gw" | sed 's/^/   /' || fail "device enroll failed"
openssl x509 -in "$work/gw/device.pem" -noout -subject -ext subjectAltName | sed 's/^/   /'
openssl x509 -in "$work/gw/device.pem" -noout -subject | grep -q "CN = $ICCID3" || fail "gateway certificate is not for $ICCID3"
"$SIMCA" device renew --out "$work/gw" | sed 's/^/   /' || fail "device renew failed"
echo "   the PDN connection ends: no session, no token"
pgw Stop | sed 's/^/   radclient: /'
if out=$("$SIMCA" device renew --out "$work/gw" 2>&1); then fail "renewal after Stop succeeded"; fi
echo "   $out"
echo "$out" | grep -q "HTTP 403" || fail "attester did not refuse after Stop: $out"

ocsp() {
  openssl ocsp -issuer "$data/ca/default.pem" -cert "$work/dev.pem" -url "$HTTP/ocsp" -CAfile "$data/ca/root.pem" -no_nonce 2>&1
}
step "6. OCSP says good"
out=$(ocsp); echo "$out" | sed 's/^/   /'
echo "$out" | grep -q "dev.pem: good" || fail "OCSP did not say good"
echo "   the whole chain, as a relying party at full-chain settings checks it:"
curl -fsS "$HTTP/crl/root.crl" | openssl crl -inform DER -out "$work/root.crl.pem" || fail "no root CRL at /crl/root.crl"
curl -fsS "$HTTP/crl/default.crl" | openssl crl -inform DER -out "$work/default.crl.pem"
openssl verify -crl_check_all -CRLfile "$work/root.crl.pem" -CRLfile "$work/default.crl.pem" -CAfile "$data/ca/root.pem" \
  -untrusted "$data/ca/default.pem" "$work/dev.pem" | sed 's/^/   openssl verify -crl_check_all: /' \
  || fail "openssl verify -crl_check_all refused the chain"
out=$(openssl ocsp -issuer "$data/ca/root.pem" -cert "$data/ca/default.pem" -url "$HTTP/ocsp" -CAfile "$data/ca/root.pem" -no_nonce 2>&1)
echo "$out" | grep -q "default.pem: good" || fail "OCSP about the issuing CA (signed by the root) is not good: $out"
echo "   OCSP about the issuing CA (the root's pre-signed answer): good"

step "7. The SIM is lost: revoke it with the CLI"
"$SIMCA" sim revoke "$ICCID" --reason lost "${ADMIN[@]}" | sed 's/^/   /'

step "8. OCSP says revoked (keyCompromise) within a second"
t0=$(date +%s%N); out=""
while :; do
  out=$(ocsp)
  echo "$out" | grep -q "dev.pem: revoked" && break
  [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 1000 ] && fail "OCSP still not revoked after 1 s: $out"
  sleep 0.05
done
echo "$out" | sed 's/^/   /'
echo "   seen after $(( ($(date +%s%N) - t0) / 1000000 )) ms"

step "9. The CRL lists the serial (regenerated within seconds)"
for _ in $(seq 1 40); do
  curl -fsS -o "$work/default.crl" "$HTTP/crl/default.crl"
  openssl crl -inform DER -in "$work/default.crl" -noout -text | grep -qi "Serial Number: $SERIAL" && break
  sleep 0.25
done
openssl crl -inform DER -in "$work/default.crl" -noout -text | grep -A3 -i "Serial Number: $SERIAL" | sed 's/^/   /' \
  || fail "CRL does not list $SERIAL"
openssl crl -inform DER -in "$work/default.crl" -out "$work/default.crl.pem"
if openssl verify -crl_check_all -CRLfile "$work/root.crl.pem" -CRLfile "$work/default.crl.pem" -CAfile "$data/ca/root.pem" \
    -untrusted "$data/ca/default.pem" "$work/dev.pem" >"$work/verify.txt" 2>&1; then
  fail "openssl verify -crl_check_all accepted a revoked certificate"
fi
grep -q "certificate revoked" "$work/verify.txt" || fail "unexpected verify output: $(cat "$work/verify.txt")"
echo "   openssl verify -crl_check_all: certificate revoked"

step "10. Re-enrolment and a fresh enrolment for the lost SIM are refused"
TOKEN2=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID" --imsi "$IMSI" --imei "$IMEI" \
  --csr "$work/dev.csr" --data "$data")
code=$(curl -sS -o "$work/re.txt" -w '%{http_code}' --cacert "$data/ca/root.pem" --cert "$work/dev.pem" --key "$work/dev.key" \
  -H "Authorization: Bearer $TOKEN2" -H 'Content-Type: application/pkcs10' --data-binary @"$work/dev.csr.b64" "$EST/simplereenroll")
echo "   simplereenroll -> $code $(cat "$work/re.txt")"
[ "$code" = 403 ] || fail "re-enrolment with a revoked certificate answered $code"
TOKEN3=$("$SIMCA" attester issue --key "$data/attesters/demo.key" --iccid "$ICCID" --imsi "$IMSI" --imei "$IMEI" \
  --csr "$work/dev.csr" --data "$data")
code=$(curl -sS -o "$work/en.txt" -w '%{http_code}' --cacert "$data/ca/root.pem" -u "$ICCID:$TOKEN3" \
  -H 'Content-Type: application/pkcs10' --data-binary @"$work/dev.csr.b64" "$EST/simpleenroll")
echo "   simpleenroll    -> $code $(cat "$work/en.txt")"
[ "$code" = 403 ] || fail "enrolment for a lost SIM answered $code"

step "11. Audit trail (hash-chained) and its verification"
"$SIMCA" audit list "${ADMIN[@]}" | sed 's/^/   /'
"$SIMCA" audit verify "${ADMIN[@]}" | sed 's/^/   /'

echo; echo "demo: all steps behaved"
