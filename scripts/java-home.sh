# Sourced by keymail's scripts (./keymail, ./run-tests, bench/*): finds a JDK of version 21 or
# newer and sets KEYMAIL_JAVA_HOME to it. Looks at $JAVA_HOME, then `java` on the PATH, then the
# newest JDK under /usr/lib/jvm. A JDK means java and javac: the scripts build keymail with Maven.
#
# A JDK's version comes from its `release` file (JAVA_VERSION="25.0.3"), which every JDK since 9
# has: reading it takes no time, while asking `java -version` starts a JVM (0.1-0.5 s each on a
# busy machine, and ./keymail may look at several JDKs on every call).

# The major version of a version string: "17.0.15" -> 17, "25" -> 25, "21-ea" -> 21, "1.8.0_392" -> 8.
keymail_version_major() {
  local version="$1"
  [[ "$version" == 1.* ]] && version="${version#1.}"
  version="${version%%[.+_-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# The major version of the JDK in folder $1, 0 when it is none.
keymail_jdk_major() {
  local home="$1" line version="" quoted
  if [[ -r "$home/release" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" == JAVA_VERSION=* ]]; then
        version="${line#JAVA_VERSION=}"
        version="${version//\"/}"
        break
      fi
    done <"$home/release"
  fi
  if [[ -z "$version" && -x "$home/bin/java" ]]; then
    # No release file (a hand-made runtime image): ask the JVM itself.
    quoted="$("$home/bin/java" -version 2>&1 | grep -m1 -E 'version "[^"]+"' || true)"
    version="${quoted#*version \"}"
    version="${version%%\"*}"
  fi
  keymail_version_major "$version"
}

# Whether folder $1 is a JDK (java and javac) of version 21 or newer.
keymail_is_jdk21() {
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] && (( $(keymail_jdk_major "$1") >= 21 ))
}

keymail_find_java_home() {
  local candidate major best="" best_major=0 java
  if [[ -n "${JAVA_HOME:-}" ]] && keymail_is_jdk21 "$JAVA_HOME"; then
    KEYMAIL_JAVA_HOME="$JAVA_HOME"
    return 0
  fi
  if java="$(command -v java 2>/dev/null)"; then
    java="$(readlink -f "$java")"
    if keymail_is_jdk21 "${java%/bin/java}"; then
      KEYMAIL_JAVA_HOME="${java%/bin/java}"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
    major="$(keymail_jdk_major "$candidate")"
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

# Runs Maven through the project's wrapper (./mvnw: the Maven version the build is made with,
# fetched from Maven Central into ~/.m2/wrapper the first time) on KEYMAIL_JAVA_HOME. From JDK 24
# on, Maven's own libraries would print warnings about sun.misc.Unsafe on every run; the option
# that allows it exists from JDK 23.
keymail_maven() {
  local root_dir opts="${MAVEN_OPTS:-}"
  root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if (( $(keymail_jdk_major "$KEYMAIL_JAVA_HOME") >= 23 )); then
    opts="${opts:+$opts }--sun-misc-unsafe-memory-access=allow"
  fi
  MAVEN_OPTS="$opts" JAVA_HOME="$KEYMAIL_JAVA_HOME" "$root_dir/mvnw" "$@"
}
