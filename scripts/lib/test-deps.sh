# Sourced by scripts/test and .ci/run: installs the external tools the tests drive
# (real clients, not mocks) when any is missing. Needs root and apt; otherwise says what to install.
simca_test_packages="openssl curl gnutls-bin softhsm2 python3-cryptography wrk apache2-utils procps"

simca_install_test_deps() {
  local missing="" p
  for p in $simca_test_packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "simca: installing test tools:$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
  else
    echo "simca: tests need these Debian packages:$missing (run as root or install them)" >&2
    return 1
  fi
}
