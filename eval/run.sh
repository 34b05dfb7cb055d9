#!/usr/bin/env bash
# `npm run eval`: the held-out evaluation. Runs whichever extractor EXTRACTOR selects over
# eval/articles (scored with ../shared/tools/score-extraction.mjs), over the NER sentences,
# and seeds the event clusters into an emptied evaluation Neo4j (see eval/README.md).
#   eval/run.sh [articles|ner|clusters ...]     default: all three
# EVAL_DETAILS=1 also lists wrong NER spans and where each happening's mentions landed; keep it
# off while tuning, or the held-out texts stop being held out.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() {
  cat <<'EOF_USAGE'
Usage: npm run eval -- [articles|ner|clusters ...]      (default: all three)

articles   extract eval/articles and score against eval/gold
ner        extract the NER sentences (eval/ner) and score entity spans
clusters   seed eval/clusters into an emptied evaluation Neo4j and score event resolution
--help     this text

EXTRACTOR picks the extractor (corenlp, rules, llm); EVAL_DETAILS=1 lists wrong spans and
where mentions landed (it shows the held-out texts). See eval/README.md.
EOF_USAGE
}
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
parts=("$@"); [ ${#parts[@]} -eq 0 ] && parts=(articles ner clusters)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The extractor exits 1 when some input line failed; the scorers count those as misses. 2 (bad
# arguments) and 3 (the NLP server not there) stop the run.
extract() { local rc=0; npm run --silent extract -- "$1" --json > "$2" 2> "$2.err" || rc=$?; if [ $rc -gt 1 ]; then cat "$2.err" >&2; exit $rc; fi; }

echo "EXTRACTOR=${EXTRACTOR:-(unset: the project default)}"
for part in "${parts[@]}"; do
  case "$part" in
    articles)
      echo; echo "== articles (eval/articles, gold in eval/gold) =="
      node eval/score-articles.mjs --batch > "$tmp/articles.jsonl"
      extract "$tmp/articles.jsonl" "$tmp/articles.out.jsonl"
      node eval/score-articles.mjs "$tmp/articles.out.jsonl" ;;
    ner)
      echo; echo "== NER spans (eval/ner/reuters-style.jsonl) =="
      extract eval/ner/reuters-style.jsonl "$tmp/ner.out.jsonl"
      node eval/score-ner.mjs ${EVAL_DETAILS:+--errors 30} "$tmp/ner.out.jsonl" ;;
    clusters)
      echo; echo "== event clusters (eval/clusters) =="
      npx tsx eval/score-clusters.ts ${EVAL_DETAILS:+--details} ;;
    *) echo "unknown part $part" >&2; usage >&2; exit 2 ;;
  esac
done
