# Sourced by scripts/test and .ci/run: the external tools the tests drive (real clients, not
# mocks), as Debian packages. Append a package here when a test starts to need one, and teach
# simca_package_present below how to see it when its name is not a command.
#   openssl               openssl (CSR, OCSP, CRL and chain checks)
#   curl                  curl (EST and admin over real TLS)
#   gnutls-bin            certtool, ocsptool (a second, independent X.509/OCSP stack)
#   python3-cryptography  /usr/bin/python3 token minter and the contract smoke
#   liburiparser1         what libest's estclient in ../shared/interop needs
#   libcoap3-bin          coap-client-openssl / -gnutls (EST-coaps over DTLS)
#   freeradius-utils      radclient (the packet core's RADIUS accounting, 3GPP VSAs)
#   nginx-light           nginx as an mTLS gateway checking the whole chain with OCSP
#   softhsm2              softhsm2-util + libsofthsm2.so (CA keys in a PKCS#11 token)
simca_test_packages="openssl curl gnutls-bin python3-cryptography liburiparser1 libcoap3-bin freeradius-utils nginx-light softhsm2"

# True when package $1 is usable here: its tool answers (a developer may have it from elsewhere),
# or dpkg says it is installed.
simca_package_present() {
  case "$1" in
    gnutls-bin) command -v certtool >/dev/null 2>&1 && command -v ocsptool >/dev/null 2>&1 ;;
    python3-cryptography) /usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 ;;
    iproute2) command -v ip >/dev/null 2>&1 ;;
    freeradius-utils) command -v radclient >/dev/null 2>&1 ;;
    softhsm2) command -v softhsm2-util >/dev/null 2>&1 ;;
    nginx-light) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] ;;
    postgresql-client) command -v pg_isready >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac || dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# Installs the missing packages among "$@" (default: the test tools) with apt-get when root, and
# says which. Not root (or no apt): names the missing ones and goes on, so a developer who has the
# tools is never blocked; the tests that need a missing tool report themselves skipped (and fail
# under SIMCA_REQUIRE_TOOLS=1, as on CI). Returns 1 only when an install was tried and failed.
simca_install_test_deps() {
  local missing="" p
  for p in ${*:-$simca_test_packages}; do
    simca_package_present "$p" || missing="$missing $p"
  done
  if [ -z "$missing" ]; then
    echo "simca: test tools present: ${*:-$simca_test_packages}" >&2
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "simca: missing test tools (Debian packages):$missing; tests that need them will be skipped" \
      "(install them, e.g. sudo apt-get install$missing)" >&2
    return 0
  fi
  echo "simca: installing test tools:$missing" >&2
  local log
  log=$(mktemp /tmp/simca-apt.XXXXXX)
  # shellcheck disable=SC2086 # one word per package
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "simca: installing$missing failed" >&2
    return 1
  fi
  rm -f "$log"
}
