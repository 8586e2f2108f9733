#!/usr/bin/env bash
# The whole third-party loop, as its README describes it: build this plugin from its own
# folder, drop the jar into a plugins folder, and have Tempest list it, score with it, and
# train with it: a short GRPO run (grpo.yaml) whose tasks name its verifier.
# Needs a built Tempest: `mvn install` at the repository root first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tempest="$root/core/cli/target/tempest/bin/tempest"
plugins=$(mktemp -d)
trap 'rm -rf "$plugins"' EXIT

mvn -B -ntp -q -f "$here/pom.xml" package
cp "$here/target/verifier-units-1.0.0.jar" "$plugins/"

passed=0
failed=0
check() { # check NAME EXPECTED-TEXT OUTPUT
  if grep -qF -- "$2" <<<"$3"; then passed=$((passed + 1)); echo "ok: $1"
  else failed=$((failed + 1)); echo "FAILED: $1: expected to see: $2"; echo "$3"; fi
}

listed=$("$tempest" --plugins-dir "$plugins" plugins 2>&1)
check "tempest plugins lists the third-party plugin" "Verifier units" "$listed"

scored=$("$tempest" --plugins-dir "$plugins" verify --task "$here/tasks.jsonl" --completions "$here/completions.jsonl" 2>&1)
check "tempest verify scores with it" "4 completions: 2 CORRECT, 1 INCORRECT, 1 NO_ANSWER, 0 TIMEOUT, 0 ERROR" "$scored"

# The run needs the bundled model and dataset plugins beside the third-party one.
cp "$root"/core/cli/target/tempest/plugins/*.jar "$plugins/"
run="$plugins/run"
trained=$("$tempest" --plugins-dir "$plugins" run "$here/grpo.yaml" --output "$run" 2>&1)
check "a GRPO run trains with it" "trained to step 3" "$trained"
check "its verdicts score the held-out answers" "NO_ANSWER (no quantity with a known unit in the completion)" "$trained"
check "every rollout's 12 answers get its verdicts" "steps with 12 of them: 3" \
  "steps with 12 of them: $(grep -c '"verdicts/no_answer":12' "$run/metrics.jsonl")"

echo "third-party verifier example: $passed of $((passed + failed)) checks passed"
[ "$failed" -eq 0 ]
