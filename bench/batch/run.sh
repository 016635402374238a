#!/usr/bin/env bash
# The batch comparison of issue #20: `screenpopup evaluate --request FILE.jsonl --script bench/batch/reference.js`
# against bench/ScreenPopup.BatchBaseline, a native C# program making the same decisions with the same JSON I/O.
#
#   bash bench/batch/run.sh [N]        N requests (default 100000)
#
# Builds both in Release once, generates N requests (fixed seed), runs the two programs alternately, 5 times each,
# checks that their outputs are byte-identical, and prints each run's elapsed time and maximum resident set size, the
# median time of each program and the ratio tool / native of the medians (the goal: at most 1.5).
#
# It measures whole-process time, .NET start-up and JIT included (and, for the tool, compiling the script): that is
# what a user of `screenpopup evaluate` waits for. Compare the ratio, not the seconds: the machines are shared and noisy.
#
# Builds and timed runs take the lock file $BUILD_LOCK (default /tmp/build.lock) when flock is installed, so that no
# other build on a shared machine overlaps them.
set -euo pipefail

count="${1:-100000}"
if ! [[ "$count" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N]   (N, the number of requests, a positive integer; default 100000)" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
lock="${BUILD_LOCK:-/tmp/build.lock}"
runs=5
script=bench/batch/reference.js
native_dll=bench/ScreenPopup.BatchBaseline/bin/Release/net10.0/ScreenPopup.BatchBaseline.dll

locked() {
  if command -v flock > /dev/null; then flock "$lock" "$@"; else "$@"; fi
}

work="$(mktemp -d "${TMPDIR:-/tmp}/screenpopup-batch.XXXXXX")"
keep=false
trap '$keep || rm -rf "$work"' EXIT

echo "packing and installing the tool, building the native program (Release)..."
version="0.0.0-batch.$(date +%s)"
locked dotnet pack -c Release -nologo -v quiet src/ScreenPopup.Cli/ScreenPopup.Cli.csproj -o "$work/feed" "-p:Version=$version"
printf '<configuration><packageSources><clear /><add key="local" value="%s" /></packageSources></configuration>\n' "$work/feed" > "$work/nuget.config"
NUGET_PACKAGES="$work/packages" dotnet tool install ScreenPopup.Cli --tool-path "$work/tools" --version "$version" --configfile "$work/nuget.config" > /dev/null
locked dotnet build -c Release -nologo -v quiet bench/ScreenPopup.BatchBaseline/ScreenPopup.BatchBaseline.csproj
requests="$work/requests.jsonl"
dotnet "$native_dll" generate "$count" "$requests" 2> "$work/generated.txt"

# Runs one program once: "$1" names it (tool or native), "$2" is the run number, the rest is the command.
# Writes its output to $work/NAME.out, "SECONDS MAXRSS_KB" to $work/NAME.N.time and its exit code to $work/NAME.status;
# stops the script when that code is neither 0 nor 1 (1: an error decision, which both programs report alike).
measure() {
  local name="$1" run="$2"
  shift 2
  local out="$work/$name.out" err="$work/$name.$run.err" timing="$work/$name.$run.time" status=0
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %M' -o "$timing" "$@" > "$out" 2> "$err" || status=$?
  else
    local TIMEFORMAT='%R -'
    { time "$@" > "$out" 2> "$err" || status=$?; } 2> "$timing"
  fi

  if ((status > 1)); then
    echo "$name, run $run: exit code $status" >&2
    cat "$err" >&2
    exit 1
  fi

  echo "$status" > "$work/$name.status"
}

tool_cmd=("$work/tools/screenpopup" evaluate --request "$requests" --script "$script")
native_cmd=(dotnet "$native_dll" "$requests")

if command -v flock > /dev/null; then
  exec 9> "$lock"
  flock 9
fi
for ((run = 1; run <= runs; run++)); do
  echo "run $run of $runs..."
  measure tool "$run" "${tool_cmd[@]}"
  measure native "$run" "${native_cmd[@]}"
done
if command -v flock > /dev/null; then
  exec 9>&-
fi

if ! cmp "$work/tool.out" "$work/native.out"; then
  keep=true
  echo "the outputs differ: see $work/tool.out and $work/native.out (kept)" >&2
  exit 1
fi

if [[ "$(cat "$work/tool.status")" != "$(cat "$work/native.status")" ]]; then
  echo "the exit codes differ: tool $(cat "$work/tool.status"), native $(cat "$work/native.status")" >&2
  exit 1
fi

field() { # field NAME N: field N of every run's time file, one per line
  for ((run = 1; run <= runs; run++)); do cut -d' ' -f"$2" "$work/$1.$run.time" | tail -n 1; done
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

maximum() { sort -g | tail -n 1; }

mapfile -t tool_times < <(field tool 1)
mapfile -t native_times < <(field native 1)
mapfile -t tool_rss < <(field tool 2)
mapfile -t native_rss < <(field native 2)
tool_median="$(printf '%s\n' "${tool_times[@]}" | median)"
native_median="$(printf '%s\n' "${native_times[@]}" | median)"

echo
echo "$(sed "s|^$requests: ||" "$work/generated.txt"); script $script"
echo "outputs byte-identical ($(wc -l < "$work/tool.out") decisions, exit code $(cat "$work/tool.status") for both)"
echo
printf '%-8s %12s %12s %18s %18s\n' run "tool s" "native s" "tool max RSS KB" "native max RSS KB"
for ((i = 0; i < runs; i++)); do
  printf '%-8s %12s %12s %18s %18s\n' "$((i + 1))" "${tool_times[i]}" "${native_times[i]}" "${tool_rss[i]}" "${native_rss[i]}"
done
printf '%-8s %12s %12s %18s %18s\n' median "$tool_median" "$native_median" \
  "$(printf '%s\n' "${tool_rss[@]}" | median)" "$(printf '%s\n' "${native_rss[@]}" | median)"
echo
awk -v t="$tool_median" -v n="$native_median" 'BEGIN { printf "ratio tool / native (medians): %.2f (goal: at most 1.5)\n", t / n }'
echo "max RSS: tool $(printf '%s\n' "${tool_rss[@]}" | maximum) KB, native $(printf '%s\n' "${native_rss[@]}" | maximum) KB"
