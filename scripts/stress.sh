#!/bin/sh
# make stress: the whole e2e suite STRESS_RUNS times (default 5) in a row while one busy loop
# per core competes for the CPU — a slow phone in miniature. Prints every run's summary and each
# failing test; exits 1 if any run failed. The hog is bounded (timeout) and stopped on exit.
set -u
PY=${1:-.venv/bin/python}
RUNS=${STRESS_RUNS:-5}
CORES=$(nproc 2>/dev/null || echo 2)

HOGS=""
stop_hogs() {
  [ -n "$HOGS" ] && kill $HOGS 2>/dev/null
  HOGS=""
}
trap stop_hogs EXIT
trap 'stop_hogs; exit 130' INT TERM
for _ in $(seq "$CORES"); do
  timeout 7200 sh -c 'while :; do :; done' &
  HOGS="$HOGS $!"
done
echo "stress: $RUNS runs of tests/e2e beside $CORES busy loops"

failed_runs=0
failed_tests=0
for run in $(seq "$RUNS"); do
  # Run the way `make test` runs them (PYTEST_JOBS, exported by the Makefile).
  # shellcheck disable=SC2086
  out=$("$PY" -m pytest tests/e2e -q -p no:cacheprovider ${PYTEST_JOBS:-} 2>&1)
  rc=$?
  echo "run $run/$RUNS: $(printf '%s\n' "$out" | tail -1)"
  failures=$(printf '%s\n' "$out" | grep -a -E '^(FAILED|ERROR) ' || true)
  if [ -n "$failures" ]; then
    printf '%s\n' "$failures"
    failed_tests=$((failed_tests + $(printf '%s\n' "$failures" | wc -l)))
  fi
  [ "$rc" -eq 0 ] || failed_runs=$((failed_runs + 1))
done
echo "STRESS runs=$RUNS failed_runs=$failed_runs failed_tests=$failed_tests"
[ "$failed_runs" -eq 0 ]
