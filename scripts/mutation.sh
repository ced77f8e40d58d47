#!/usr/bin/env bash
# `make mutation` (not in CI, slow): mutmut changes one thing at a time in the modules [tool.mutmut] names in
# pyproject.toml and runs the tests that reach it. The quick modules first, the safeguarding detector last (its
# tests read 2,000 sentences per mutant); SAFEGUARDING=0 leaves it out. Prints the score per module.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
rm -rf mutants  # results from older code would mislead: start from a fresh copy
"$BIN/mutmut" run --max-children "${MUTATION_JOBS:-2}" \
  "reminders.deadlines*" "reminders.calendar*" "casework.roles*" "queries.engine*"
if [ "${SAFEGUARDING:-1}" = 1 ]; then
  "$BIN/mutmut" run --max-children "${MUTATION_JOBS:-2}" "intake.safeguarding*"
fi
"$BIN/python" scripts/mutation_score.py
