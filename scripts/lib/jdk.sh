# Sourced by scripts/* and .ci/run: exports JAVA_HOME as the newest JDK >= 21.
# Order: JAVA_HOME if it is already >= 21, else the newest under /usr/lib/jvm.

simca_java_major() { # $1 = java binary; prints the feature version (17, 21, 25...)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

simca_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    local v; v=$(simca_java_major "$JAVA_HOME/bin/java")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then export JAVA_HOME; return 0; fi
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    [ -L "$d" ] && continue
    v=$(simca_java_major "$d/bin/java")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "simca: no JDK >= 21 found (JAVA_HOME unset or older, nothing suitable under /usr/lib/jvm). Install Temurin 21+ and retry." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
