# Sourced by keymail's scripts (./keymail, ./run-tests, bench/*): finds a JDK of version 21 or
# newer and sets KEYMAIL_JAVA_HOME to it. Looks at $JAVA_HOME, then `java` on the PATH, then the
# newest JDK under /usr/lib/jvm. A JDK means java and javac: the scripts build keymail with Maven.

# The major version of a java executable: "17.0.15" -> 17, "25" -> 25, "21-ea" -> 21, "1.8.0_392" -> 8.
keymail_java_major() {
  local quoted version
  quoted="$("$1" -version 2>&1 | grep -m1 -E 'version "[^"]+"' || true)"
  version="${quoted#*version \"}"
  version="${version%%\"*}"
  [[ -n "$quoted" && -n "$version" ]] || { echo 0; return; }
  [[ "$version" == 1.* ]] && version="${version#1.}"
  version="${version%%[.+_-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

keymail_find_java_home() {
  local candidate major best="" best_major=0
  local -a first=()
  [[ -n "${JAVA_HOME:-}" ]] && first+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    first+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${first[@]}"; do
    if [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] \
        && (( $(keymail_java_major "$candidate/bin/java") >= 21 )); then
      KEYMAIL_JAVA_HOME="$candidate"
      return 0
    fi
  done
  for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
    major="$(keymail_java_major "$candidate/bin/java")"
    if (( major >= 21 && major > best_major )); then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [[ -n "$best" ]]; then
    KEYMAIL_JAVA_HOME="$best"
    return 0
  fi
  echo "keymail needs a JDK 21 or newer: none found in JAVA_HOME, on the PATH or under /usr/lib/jvm; install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME" >&2
  return 1
}
