// What PostgreSQL did in the background during a bench:tail run: its cumulative statistics read right
// before and after (read-only; a connection of its own to the benchmark's database, since
// pg_stat_user_tables is per database). A difference in checkpoint or autovacuum counters means one
// ran (or, for buffers written by a checkpoint, was spreading its writes) during the run.
import pg from 'pg';

export type Stats = Record<string, number>;

export class DbStats {
  private constructor(private client: pg.Client, readonly timing: { io: boolean; wal: boolean }, private views: { checkpointer: boolean; wal: boolean }) {}

  static async connect(databaseUrl: string): Promise<DbStats> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'praxis-bench-tail-stats' });
    await client.connect();
    const { rows: [r] } = await client.query(`SELECT current_setting('track_io_timing') = 'on' AS io,
      coalesce(current_setting('track_wal_io_timing', true), 'off') = 'on' AS wal_timing,
      to_regclass('pg_catalog.pg_stat_checkpointer') IS NOT NULL AS checkpointer, to_regclass('pg_catalog.pg_stat_wal') IS NOT NULL AS wal`);
    return new DbStats(client, { io: r.io, wal: r.wal_timing }, { checkpointer: r.checkpointer, wal: r.wal });
  }

  async sample(): Promise<Stats> {
    const q = async (sql: string) => (await this.client.query(sql)).rows[0] as Record<string, unknown>;
    // PostgreSQL 17 moved the checkpoint counters to pg_stat_checkpointer (and dropped buffers_backend).
    const checkpoints = this.views.checkpointer
      ? await q(`SELECT c.num_timed AS checkpoints_timed, c.num_requested AS checkpoints_req, c.buffers_written AS buffers_checkpoint,
                        b.buffers_clean, b.maxwritten_clean FROM pg_stat_checkpointer c, pg_stat_bgwriter b`)
      : await q(`SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_clean, buffers_backend, maxwritten_clean FROM pg_stat_bgwriter`);
    const database = await q(`SELECT blk_read_time, blk_write_time, blks_read, temp_files, temp_bytes, deadlocks
                                FROM pg_stat_database WHERE datname = current_database()`);
    const tables = await q(`SELECT sum(autovacuum_count) AS autovacuum_count, sum(autoanalyze_count) AS autoanalyze_count FROM pg_stat_user_tables`);
    const workers = await q(`SELECT count(*) AS autovacuum_workers FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
    // wal_sync and its time exist in PostgreSQL 14–17; whatever the view has is taken.
    const wal = this.views.wal ? await q(`SELECT * FROM pg_stat_wal`) : {};
    const out: Stats = {};
    for (const [k, v] of Object.entries({ ...checkpoints, ...database, ...tables, ...workers, ...wal })) {
      if (v !== null && v !== '' && Number.isFinite(Number(v))) out[k] = Number(v);
    }
    return out;
  }

  close(): Promise<void> { return this.client.end(); }
}

/** One line on what changed between two samples (the autovacuum workers as seen at the start and end). */
export function describeStats(before: Stats, after: Stats, timing: { io: boolean; wal: boolean }): string {
  const d = (k: string) => (k in before && k in after ? after[k]! - before[k]! : undefined);
  const n = (k: string) => (d(k) === undefined ? '–' : Math.round(d(k)!).toLocaleString('en'));
  const parts = [
    `checkpoints ${n('checkpoints_timed')} timed / ${n('checkpoints_req')} requested, buffers written by checkpoints ${n('buffers_checkpoint')}, `
      + `by the bgwriter ${n('buffers_clean')} (stopped at its limit ${n('maxwritten_clean')}×)` + ('buffers_backend' in after ? `, by backends ${n('buffers_backend')}` : ''),
    `autovacuum ${n('autovacuum_count')}, autoanalyze ${n('autoanalyze_count')} finished (workers running: ${before.autovacuum_workers ?? '–'} at the start, ${after.autovacuum_workers ?? '–'} at the end)`,
    'wal_records' in after
      ? `WAL ${n('wal_records')} records, ${n('wal_bytes')} bytes, ${n('wal_fpi')} full-page images` + ('wal_sync' in after ? `, ${n('wal_sync')} syncs` + (timing.wal ? ` taking ${n('wal_sync_time')} ms` : ' (time: track_wal_io_timing is off)') : '')
        + ('wal_buffers_full' in after ? `, buffers full ${n('wal_buffers_full')}×` : '')
      : 'no pg_stat_wal',
    `blocks read ${n('blks_read')}` + (timing.io ? ` in ${n('blk_read_time')} ms, written in ${n('blk_write_time')} ms` : ' (times: track_io_timing is off)'),
    `temp files ${n('temp_files')}, deadlocks ${n('deadlocks')}`,
  ];
  return parts.join('; ');
}
