#!/usr/bin/env bash
# Creates every FLIPAD topic with kafka-topics.sh (as in the apache/kafka image), idempotently:
#   create-topics.sh BOOTSTRAP [PARTITIONS] [REPLICATION]      defaults: 3 partitions, replication 1
# The local-stack counterpart of k8s/base/topics.yaml (same compaction and retention settings).
set -euo pipefail
bootstrap=${1:?usage: create-topics.sh BOOTSTRAP [PARTITIONS] [REPLICATION]}
partitions=${2:-3}
replication=${3:-1}
topics=${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}
day=86400000

create() { # create TOPIC PARTITIONS CONFIG...
  local topic=$1 count=$2; shift 2
  local configs=()
  for c in "$@"; do configs+=(--config "$c"); done
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$count" --replication-factor "$replication" "${configs[@]}"
}

create flipad.uploads "$partitions" retention.ms=$((7 * day))
create flipad.inversion.requests "$partitions" retention.ms=$day
create flipad.inversion.results "$partitions" retention.ms=$day
create flipad.verdicts "$partitions" retention.ms=$((7 * day))
create flipad.alerts "$partitions" retention.ms=$((30 * day))
create flipad.audit "$partitions" retention.ms=$((400 * day))
create flipad.dlq "$partitions" retention.ms=$((30 * day))
create flipad.decisions "$partitions" cleanup.policy=compact min.compaction.lag.ms=60000
create flipad.control 1   # not compacted: compaction could drop a command the trainer has not read
create flipad.models 1 cleanup.policy=compact
create flipad.training.status 1 retention.ms=$((30 * day))
create flipad.feedback "$partitions" retention.ms=$((90 * day))
create flipad.images "$partitions" cleanup.policy=compact,delete retention.ms=$((30 * day))
create _flipad.schemas 1 cleanup.policy=compact
create flipad.model-bundles 1 cleanup.policy=compact max.message.bytes=2097152
"$topics" --bootstrap-server "$bootstrap" --list | grep flipad
