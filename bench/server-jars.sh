# Sourced by the benchmarks of the packaged server (from the repository's root): builds the benchmarks jar and the
# server jar when either is missing, both with REBUILD=1; sets $jar (the benchmarks) and $server.
jar=llm-service-benchmarks/target/benchmarks.jar
server=llm-service-server/target/llm-service.jar
if [[ ! -f $jar || ${REBUILD:-0} == 1 ]]; then
  mvn -B -q -Pbenchmarks -DskipTests -pl llm-service-benchmarks -am package
fi
if [[ ! -f $server || ${REBUILD:-0} == 1 ]]; then
  mvn -B -q -DskipTests -pl llm-service-server -am package
fi
