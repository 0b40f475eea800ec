# Sourced by scripts/test and .ci/run: installs the external tools the tests drive
# (real clients, not mocks; liburiparser1 is what libest's estclient in ../shared/interop needs)
# when any is missing. Needs root and apt; otherwise says what to install.
simca_test_packages="openssl curl gnutls-bin softhsm2 python3-cryptography wrk apache2-utils procps liburiparser1 libcoap3-bin"

simca_install_test_deps() {
  local missing="" p
  for p in $simca_test_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "simca: installing test tools:$missing" >&2
    local log; log=$(mktemp /tmp/simca-apt.XXXXXX)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
           DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"; echo "simca: installing$missing failed" >&2; return 1
    fi
    rm -f "$log"
  else
    echo "simca: tests need these Debian packages:$missing (run as root or install them)" >&2
    return 1
  fi
}
