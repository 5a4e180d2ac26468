import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `read` on a read replica when `DATABASE_REPLICA_URLS` configured some (TypeORM replication with
 * `defaultMode: 'master'`, so nothing else goes there), else on the primary (`queryRunner` undefined). Used on purpose
 * for lists and statistics, which may lag the primary by the replication delay; single reads by id, everything a
 * mutation reads, and access checks stay on the primary (docs/scaling.md).
 */
export const onReplica = async <T>(
  db: DataSource,
  read: (queryRunner: QueryRunner | undefined) => Promise<T>,
): Promise<T> => {
  if (!('replication' in db.options) || !db.options.replication) {
    return read(undefined);
  }
  const queryRunner = db.createQueryRunner('slave');
  try {
    return await read(queryRunner);
  } finally {
    await queryRunner.release();
  }
};
