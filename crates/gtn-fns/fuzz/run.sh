#!/usr/bin/env bash
# Fuzzes the validator (target "validate", or "parts": one pass == parts on
# threads) or the generator ("generate": one-pass generate_jsonl == two-pass
# generate on any JSON Lines): seeds the corpus with the test fixtures, then runs
# libFuzzer for SECONDS (default 600): run.sh [SECONDS] [TARGET]. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it pass its -Z flags. Crashes land in artifacts/validate/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
mkdir -p corpus/validate
cp ../tests/golden/small.xml corpus/validate/golden-small.xml
for d in ../../../tests/validate/*/*/; do
  for f in "$d"*; do cp "$f" "corpus/validate/$(basename "$d")-$(basename "$f")"; done
done
target="${2:-validate}"
corpus=corpus/validate
if [ "$target" = generate ]; then
  corpus=corpus/generate
  mkdir -p "$corpus"
  for f in ../../../examples/records.jsonl ../tests/golden/identity/*.jsonl; do
    split -l 7 -d "$f" "$corpus/$(basename "$f" .jsonl)-"
  done
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=512
