#!/usr/bin/env bash
# Decision journal targets (BENCHMARKS.md): 1,000 entries/s sustained without drops, the writer's capacity,
# scorecard over 100,000 entries <= 2 s, history of one pair among 1,000,000 votes <= 50 ms.
# Runs against a new SQLite file and a throwaway PostgreSQL cluster (.ci/postgres.sh); 'sqlite' or 'postgresql' as
# the first argument runs one of them; a second argument sets the sustained phase's seconds (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=llm-service-benchmarks/target/benchmarks.jar
if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
  mvn -B -q -Pbenchmarks -DskipTests -pl llm-service-benchmarks -am package
fi
which=${1:-both}
seconds=${2:-30}
if [[ $which == both || $which == sqlite ]]; then
  dir=$(mktemp -d)
  echo "== SQLite ($(uptime | sed 's/.*load/load/'))"
  LLM_JOURNAL_URL="jdbc:sqlite:$dir/journal.db" java -Xmx2g -cp "$jar" dev.llmservice.benchmarks.JournalBenchmark "$seconds"
  ls -l "$dir"
  echo "   done ($(uptime | sed 's/.*load/load/'))"
  rm -rf "$dir"
fi
if [[ $which == both || $which == postgresql ]]; then
  . .ci/postgres.sh
  postgres_start
  echo "== PostgreSQL ($(uptime | sed 's/.*load/load/'))"
  LLM_JOURNAL_URL="$LLM_TEST_POSTGRES_URL" LLM_JOURNAL_USER="$LLM_TEST_POSTGRES_USER" \
    LLM_JOURNAL_PASSWORD="$LLM_TEST_POSTGRES_PASSWORD" \
    java -Xmx2g -cp "$jar" dev.llmservice.benchmarks.JournalBenchmark "$seconds"
  echo "   done ($(uptime | sed 's/.*load/load/'))"
fi
