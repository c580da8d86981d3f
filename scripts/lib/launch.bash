#!/usr/bin/env bash
# rca launcher, everything past scripts/rca's fast path (which runs this with bash): builds the jar when it is
# missing or older than the sources, keeps a class-data sharing archive beside it for fast starts, and runs it
# with $RCA_JAVA_OPTS.
#
# The daemon: a query in the middle of an investigation (log, history, suspects, and bisect-helper) goes to a
# long-lived rca over a Unix socket instead of paying a JVM's start and a cold JIT each time; for
# bisect-helper run, the daemon chooses and checks out the commits and rca-client starts the user's test itself,
# with the caller's environment, as a JVM of its own would. The first such command starts
# it in the background and still runs in a JVM of its own; the daemon exits after $RCA_DAEMON_IDLE seconds
# idle (600) or when the jar is rebuilt. There is one daemon per jar, JVM, option set and environment that
# rca or JGit reads, and RCA_DAEMON_INDEX (target/rca-client computes which), so it answers as a fresh JVM
# started here would.
# RCA_DAEMON=off turns it off. Its client is built with the system's C compiler; without one, no daemon.
set -euo pipefail

case "${BASH_SOURCE[0]}" in
  /*) self=${BASH_SOURCE[0]} ;;
  *) self=$PWD/${BASH_SOURCE[0]#./} ;;
esac
[ -L "$self" ] && self=$(readlink -f "$self")
project=${self%/*/*/*}
# What scripts/rca's fast path got from the daemon, if it asked: 125 no daemon answered, 124 one was busy.
tried=${_rca_client_status:-}
unset _rca_client_status
jar="$project/target/rca.jar"
client="$project/target/rca-client"
client_src="$project/src/main/c/rca-client.c"

stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$project/src/main" "$project/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# True when "$@" runs a command the daemon serves (after rca's global options); bisect_run set when it is
# bisect-helper run. No subprocess: this is on the path of every daemon query.
bisect_run=""
daemon_serves() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -C) [ $# -ge 2 ] || return 1; shift 2 ;;
      -*) shift ;;
      log|history|suspects) return 0 ;;
      # run too: rca-client starts the user's test itself, with the caller's environment
      bisect-helper) [ $# -ge 2 ] && case "$2" in
          run) bisect_run=1; return 0 ;;
          start|good|bad|skip|next|status|log|range|reset) return 0 ;;
        esac
        return 1 ;;
      *) return 1 ;;
    esac
  done
  return 1
}

java_bin=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi

use_daemon=""
if [ "${RCA_DAEMON:-on}" != off ] && daemon_serves "$@"; then
  use_daemon=1
  # Whether the sources are newer than the jar, the daemon checks itself (and turns the query away, 124): a
  # find here costs more than the rest of the launcher.
  if [ -x "$client" ] && [ "$client" -nt "$client_src" ]; then
    if [ -n "$bisect_run" ]; then
      # A run lasts minutes and a CI runner's or a script's timeout signals this shell's pid alone: bash would die
      # and leave the client bisecting unattended. So the client runs in the background (with this stdin, and
      # SIGINT and SIGQUIT not ignored unless they were here, as a foreground child has them) and the signal is
      # passed on to it; it kills its test and exits. wait returns as soon as a trap runs, hence the loop.
      client_pid="" signalled="" traps=0
      forward() {
        signalled=$1 traps=$((traps + 1))
        [ -z "$client_pid" ] || kill -"$1" "$client_pid" 2>/dev/null || true
      }
      trap 'forward 1' HUP
      trap 'forward 2' INT
      trap 'forward 15' TERM
      ( trap - INT QUIT; exec "$client" "$jar" "$java_bin" run "$@" ) <&0 &
      client_pid=$!
      [ -z "$signalled" ] || kill -"$signalled" "$client_pid" 2>/dev/null || true
      while :; do
        traps_before=$traps status=0
        wait "$client_pid" || status=$?
        [ "$traps" -eq "$traps_before" ] && break
      done
      trap - HUP INT TERM
      # signalled: the run was stopped on purpose, so no JVM takes it over
      [ -n "$signalled" ] && exit $((128 + signalled))
      [ "$status" -eq 0 ] && exit 0
      [ "$status" -ne 125 ] && [ "$status" -ne 124 ] && exit "$status"
      [ "$status" -eq 124 ] && use_daemon=""
    elif [ "$tried" = 125 ]; then
      :
    elif [ "$tried" = 124 ]; then
      use_daemon=""
    elif "$client" "$jar" "$java_bin" run "$@"; then
      exit 0
    else
      status=$?
      # 125: no daemon answered and nothing was written; 124: the daemon was busy with another command and
      # answered nothing (there is one, so none is started); anything else is the command's own exit code.
      [ "$status" -ne 125 ] && [ "$status" -ne 124 ] && exit "$status"
      [ "$status" -eq 124 ] && use_daemon=""
    fi
  fi
fi

if stale; then
  echo "rca: building $jar ..." >&2
  # The lock keeps two launchers started at once from building over each other.
  (
    flock 9
    if stale; then
      # Debian's Maven prints stray colour resets even in batch mode; keep stderr readable.
      (cd "$project" && mvn -q -B -DskipTests package 2>&1 | sed 's/\x1b\[0m//g' >&2) \
        || { echo "rca: error: build failed (see above)" >&2; exit 4; }
      rm -f "$project"/target/rca-*.jsa
    fi
  ) 9>"$project/target.build.lock" || exit 4
fi

# Class-data sharing: the first run after a build writes an archive of every class in the jar (a short
# training run that only loads them); later runs map it instead of loading and verifying classes. One
# archive per JVM, since an archive is tied to the JVM build; rebuilt whenever the jar changes.
cds=()
java_real=$(readlink -f "$(command -v "$java_bin")")
jvm_id=$(printf '%s %s' "$java_real" "$(stat -c %Y "$java_real" 2>/dev/null)" | cksum | cut -d' ' -f1)
jsa="$project/target/rca-$jvm_id.jsa"
if [ -z "${RCA_NO_CDS:-}" ]; then
  if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
    if [ -w "$project/target" ]; then
      tmp="$jsa.$$.tmp"
      if "$java_bin" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$tmp" \
          -cp "$jar" dev.rca.cli.ClassPreloader "$jar" >/dev/null 2>&1 && [ -s "$tmp" ]; then
        mv -f "$tmp" "$jsa"
      else
        rm -f "$tmp"
      fi
    fi
  fi
  [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ] && cds=(-XX:SharedArchiveFile="$jsa" -Xshare:auto)
fi

if [ -n "$use_daemon" ]; then
  if [ ! -x "$client" ] || [ "$client_src" -nt "$client" ]; then
    cc=$(command -v cc || command -v gcc || true)
    if [ -n "$cc" ] && [ -w "$project/target" ]; then
      "$cc" -O2 -o "$client.$$.tmp" "$client_src" 2>/dev/null && mv -f "$client.$$.tmp" "$client" \
        || rm -f "$client.$$.tmp"
    fi
  fi
  # No daemon answered: start one for the next command (the client names its socket, or nothing when there
  # is no private directory for one), and run this command here. The daemon keeps full JIT compilation,
  # since it lives long enough for C2 to pay off.
  if [ -x "$client" ] && socket=$("$client" "$jar" "$java_bin" socket); then
    # shellcheck disable=SC2086 # RCA_JAVA_OPTS is a list of JVM options, split on purpose
    (cd / && exec setsid "$java_bin" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC -Xss4m "${cds[@]}" \
      ${RCA_JAVA_OPTS:-} -cp "$jar" dev.rca.cli.RcaDaemon "$socket" "$jar" "${RCA_DAEMON_IDLE:-600}" \
      </dev/null >/dev/null 2>&1 &)
  fi
fi

# C1 alone: on two cores the C2 compiler threads compete with the walk itself, and most commands are
# over before C2 would pay off. RCA_JAVA_OPTS can override any of these.
# shellcheck disable=SC2086 # RCA_JAVA_OPTS is a list of JVM options, split on purpose
exec "$java_bin" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss4m \
  "${cds[@]}" ${RCA_JAVA_OPTS:-} -cp "$jar" dev.rca.cli.Rca "$@"
