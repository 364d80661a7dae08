# The pieces bench/run and bench/soak share: the local stack on fresh databases of the caller's own,
# traced to bench/OtlpSink.java, and the load programs compiled once. Sourced, not run.
#
# The caller sets, before sourcing:
#   REPO_ROOT        the repository's root
#   WORK             the run's directory (logs, compiled programs)
#   DATABASE_PREFIX  infra/local/up's UP_DATABASE_PREFIX: the caller's <prefix>chat, <prefix>payments
#                    and <prefix>reports, recreated by fresh_databases
#   REDIS_DATABASE   infra/local/up's UP_REDIS_DATABASE, emptied by fresh_databases
#   SAY_AS           the name progress lines start with

readonly GATEWAY=http://127.0.0.1:8080 SINK_PORT=4318
readonly UP_READY_SECONDS=600
# service name and the port it listens on (infra/local/up's), for the RSS samples
readonly SERVICE_PORTS=(gateway:8080 chat-service:8081 chat-service-2:8084 payment-service:8082 report-service:8083)

say() { printf '%s: %s\n' "${SAY_AS}" "$*" >&2; }
fail() { printf '%s: ERROR: %s\n' "${SAY_AS}" "$*" >&2; exit 1; }

# require_commands COMMAND... — fails naming the first one missing
require_commands() {
  local command
  for command in "$@"; do
    command -v "${command}" >/dev/null || fail "${command} is not installed"
  done
}

# prepare_machine — PostgreSQL and Redis up, with trust auth, before the caller's databases are made;
# nothing of infra/local/up's already running (the same ports)
prepare_machine() {
  bash "${REPO_ROOT}/infra/local/ensure-infra" >/dev/null || fail "infra/local/ensure-infra failed"
  if curl -fs -o /dev/null --max-time 2 "${GATEWAY}/q/health/ready"; then
    fail "something already answers on ${GATEWAY}: stop infra/local/up first"
  fi
}

up_pid='' sink_pid=''

stop_stack() {
  [[ -n ${up_pid} ]] || return 0
  kill -TERM "${up_pid}" 2>/dev/null || true
  wait "${up_pid}" 2>/dev/null || true
  up_pid=''
}

stop_sink() {
  [[ -n ${sink_pid} ]] && kill "${sink_pid}" 2>/dev/null
  sink_pid=''
}

# fresh_databases — empty <prefix>chat, <prefix>payments and <prefix>reports (the services' Flyway
# migrations fill them with the demo data) and the caller's Redis database. Each start begins from
# the same data: no answer grows with the payments of an earlier mode or run, and no cache outlives
# its database.
fresh_databases() {
  local name
  redis-cli -h 127.0.0.1 -n "${REDIS_DATABASE}" flushdb >/dev/null || fail "cannot empty Redis database ${REDIS_DATABASE}"
  for name in chat payments reports; do
    psql -X -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "drop database if exists ${DATABASE_PREFIX}${name} with (force)" \
      -c "create database ${DATABASE_PREFIX}${name}" || fail "cannot recreate database ${DATABASE_PREFIX}${name}"
  done
}

# start_stack MODE — infra/local/up in the background on fresh databases, until it is ready. MODE
# traced: every trace sampled and exported to the sink; untraced: QUARKUS_OTEL_SDK_DISABLED. The
# gateway's chat and payments rate limits are raised out of the way (each request is still checked
# in Redis).
start_stack() {
  local mode=$1 log=${WORK}/up-$1.log
  fresh_databases
  local -a tracing=(LEARNHUB_TRACING_EXPORTER=otlp QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf
    "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:${SINK_PORT}" LEARNHUB_SAMPLING_RATIO=1.0)
  [[ ${mode} == untraced ]] && tracing+=(QUARKUS_OTEL_SDK_DISABLED=true)
  say "starting the stack, ${mode} (log: ${log})"
  env "${tracing[@]}" "UP_DATABASE_PREFIX=${DATABASE_PREFIX}" "UP_REDIS_DATABASE=${REDIS_DATABASE}" \
    LEARNHUB_GATEWAY_ROUTES_CHAT_RATE_LIMIT_PER_SECOND=1000000 LEARNHUB_GATEWAY_ROUTES_CHAT_RATE_LIMIT_BURST=1000000 \
    LEARNHUB_GATEWAY_ROUTES_PAYMENTS_RATE_LIMIT_PER_SECOND=1000000 LEARNHUB_GATEWAY_ROUTES_PAYMENTS_RATE_LIMIT_BURST=1000000 \
    "${REPO_ROOT}/infra/local/up" >"${log}" 2>&1 &
  up_pid=$!
  local deadline=$((SECONDS + UP_READY_SECONDS))
  until grep -q 'LearnHub is running' "${log}"; do
    kill -0 "${up_pid}" 2>/dev/null || { tail -n 30 "${log}" >&2; fail "infra/local/up stopped (log: ${log})"; }
    ((SECONDS < deadline)) || fail "the stack was not ready within ${UP_READY_SECONDS}s (log: ${log})"
    sleep 2
  done
}

# the load programs and the sink, compiled once (they share DevTokens and SetupFailure)
compile_programs() {
  javac -d "${WORK}/classes" "${REPO_ROOT}"/bench/*.java || fail "the benchmark's programs did not compile"
}

start_sink() {
  java -cp "${WORK}/classes" OtlpSink "${SINK_PORT}" >"${WORK}/otlp-sink.log" 2>&1 &
  sink_pid=$!
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "http://127.0.0.1:${SINK_PORT}/count" && return 0
    sleep 0.5
  done
  fail "the OTLP sink did not start (log: ${WORK}/otlp-sink.log)"
}

exported_spans() { curl -fs "http://127.0.0.1:${SINK_PORT}/count"; }

pid_on_port() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true; }
