#!/bin/bash
# The streaming replica: on an empty data directory, copy the primary with pg_basebackup
# (-R writes standby.signal and primary_conninfo; -C -S creates the replication slot "replica1", so
# the primary keeps the WAL the replica still needs), then run PostgreSQL as a hot standby.
set -euo pipefail
export PGPASSWORD="$REPLICATION_PASSWORD"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_isready -h "$PRIMARY_HOST" -p 5432; do sleep 1; done
  pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" -R -X stream -C -S replica1 --checkpoint=fast
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=30s
