#!/usr/bin/env bash
# Start-up time of `bin/llm-providers --status --json` with four configured providers (PROVIDERS=12: twelve, named in
# LLM_PROVIDERS: every bundled type, two of them twice), JVM start included.
# Median of RUNS (default 15) runs after 3 warm-up runs (the first one after a build creates the CDS archive).
# Uses hyperfine when installed (apt-get install -y hyperfine), else (or with BENCH_NO_HYPERFINE=1) a bash
# loop over date +%s%N.
#
#   bench/cli-startup.sh            # after: mvn -B -q -DskipTests package
#   RUNS=30 bench/cli-startup.sh
#   BENCH_COMPARE=0 bench/cli-startup.sh   # only the launcher as shipped (no no-CDS and JVM-alone runs)
#   PROVIDERS=12 bench/cli-startup.sh       # twelve providers by LLM_PROVIDERS (the any-provider target)
#
# The four providers are the built-in types (the jar has them; ServiceLoader finds them as a user's run would).
# Runs in an empty environment and a temporary directory: your keys, .env and state file are not read.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
providers="${PROVIDERS:-4}"
if [[ "$providers" != 4 && "$providers" != 12 ]]; then
  echo "cli-startup: PROVIDERS is 4 or 12, not '$providers'" >&2
  exit 2
fi
jar="$root/llm-service-cli/target/llm-providers.jar"
launcher="$root/bin/llm-providers"
if [[ ! -f "$jar" ]]; then
  echo "cli-startup: $jar not found; build first: mvn -B -q -DskipTests package" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! unzip -l "$jar" 2>/dev/null | grep -q 'META-INF/services/dev.llmservice.provider.ProviderType$' \
   && ! jar tf "$jar" | grep -q '^META-INF/services/dev.llmservice.provider.ProviderType$'; then
  echo "cli-startup: $jar lists no provider types; rebuild it: mvn -B -q -DskipTests package" >&2
  exit 1
fi

# Four configured providers, nothing else from the caller's environment.
envs=(PATH="$PATH" HOME="$work" LLM_STATE_FILE="$work/state.json" LLM_ENV_FILE=/dev/null
      ANTHROPIC_API_KEY=sk-ant-bench-0123456789abcdef OPENAI_API_KEY=sk-proj-bench-0123456789abcdef
      GEMINI_API_KEY=AIza-bench-0123456789abcdef GROK_API_KEY=xai-bench-0123456789abcdef)
if [[ "$providers" == 12 ]]; then
  # The four above, and eight more of every other bundled type (two models of one vendor twice): keys without digit
  # runs, models where a type has none, one keyless local model.
  envs+=(LLM_PROVIDERS=anthropic,openai,gemini,grok,openai-mini,claude-haiku,deepseek,mistral,openrouter,ollama,vllm,lmstudio
         OPENAI_MINI_TYPE=openai OPENAI_MINI_API_KEY=sk-proj-bench-mini-kQvXzJwMhB OPENAI_MINI_MODEL=gpt-4.1-mini
         CLAUDE_HAIKU_TYPE=anthropic CLAUDE_HAIKU_API_KEY=sk-ant-bench-haiku-kQvXzJwMhB CLAUDE_HAIKU_MODEL=claude-haiku-4-5
         DEEPSEEK_API_KEY=sk-bench-deepseek-kQvXzJwMhB MISTRAL_API_KEY=bench-mistral-kQvXzJwMhB
         OPENROUTER_API_KEY=sk-or-bench-kQvXzJwMhB OPENROUTER_MODEL=anthropic/claude-sonnet-4.5
         OLLAMA_MODEL=llama3.2
         VLLM_TYPE=openai-compatible VLLM_BASE_URL=http://127.0.0.1:8000/v1 VLLM_MODEL=Qwen/Qwen2.5-7B-Instruct
         LMSTUDIO_TYPE=openai-compatible LMSTUDIO_BASE_URL=http://127.0.0.1:1234/v1 LMSTUDIO_MODEL=qwen2.5-7b
         LMSTUDIO_API_KEY=lm-studio-bench-kQvXzJwMhB)
  kind="$kind, twelve providers by LLM_PROVIDERS"
fi
[[ -n "${JAVA_HOME:-}" ]] && envs+=(JAVA_HOME="$JAVA_HOME")
cmd="$launcher --status --json"

cd "$work"
out="$(env -i "${envs[@]}" $cmd)"
if ! grep -q "\"total_providers\" : $providers" <<<"$out" || ! grep -q "\"available_providers\" : $providers" <<<"$out"; then
  echo "cli-startup: expected $providers available providers, got:" >&2
  echo "$out" >&2
  exit 1
fi

echo "command:   $cmd   (built-in provider types)"
echo "machine:   $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -z "${BENCH_NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null; then
  compare=()
  if [[ "${BENCH_COMPARE:-1}" != 0 ]]; then
    compare=(-n "without CDS archive" "env LLM_PROVIDERS_CDS=0 $cmd"
             -n "JVM alone (-version)" "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version")
  fi
  env -i "${envs[@]}" hyperfine --shell=none --warmup 3 --runs "$runs" --export-json "$work/h.json" \
    -n "with CDS archive" "$cmd" "${compare[@]}" >&2
  python3 - "$work/h.json" <<'PY' 2>/dev/null || grep -o '"median": [0-9.]*' "$work/h.json"
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:<22} median {r["median"]*1000:.0f} ms  (min {r["min"]*1000:.0f}, max {r["max"]*1000:.0f}, n={len(r["times"])})')
PY
else
  measure() {
    local label="$1"; shift
    local times=() i s e
    for i in 1 2 3; do env -i "${envs[@]}" "$@" >/dev/null 2>&1; done
    for ((i = 0; i < runs; i++)); do
      s=$(date +%s%N); env -i "${envs[@]}" "$@" >/dev/null 2>&1; e=$(date +%s%N)
      times+=($(( (e - s) / 1000000 )))
    done
    local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    printf '%-22s median %s ms  (min %s, max %s, n=%s)\n' "$label" "${sorted[$((runs / 2))]}" \
      "${sorted[0]}" "${sorted[$((runs - 1))]}" "$runs"
  }
  measure "with CDS archive" $cmd
  if [[ "${BENCH_COMPARE:-1}" != 0 ]]; then
    measure "without CDS archive" env LLM_PROVIDERS_CDS=0 $cmd
    measure "JVM alone (-version)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version
  fi
fi
