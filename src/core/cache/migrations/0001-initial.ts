import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first cache schema: `projects` and the `artifacts` their last drift check saw.
 * `artifact_versions` and `version_parents` (versioning spec section 6) come in a later migration.
 *
 * No separate index on `artifacts.project_id`: the unique constraint's index starts with it, and
 * SQLite uses that index both for "this project's artifacts" and for the ON DELETE CASCADE.
 * Timestamps are RFC 3339 text written by the code (SQLite's CURRENT_TIMESTAMP is not RFC 3339).
 */
export class InitialCache1795478400000 implements MigrationInterface {
  // TypeORM orders migrations by the 13-digit timestamp that ends the name; bundlers may rename
  // classes, so the name is spelled out rather than taken from the constructor.
  readonly name = 'InitialCache1795478400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projects (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        path            TEXT    NOT NULL UNIQUE,
        name            TEXT    NOT NULL,
        last_checked_at TEXT,
        drift_count     INTEGER NOT NULL DEFAULT 0,
        added_count     INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE artifacts (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        project_id       INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        name             TEXT    NOT NULL,
        type             TEXT    NOT NULL,
        collection       TEXT    NOT NULL,
        source           TEXT,
        deployed_version TEXT,
        upstream_version TEXT,
        is_outdated      BOOLEAN NOT NULL DEFAULT 0,
        local_modified   BOOLEAN NOT NULL DEFAULT 0,
        content_hash     TEXT,
        baseline_sha     TEXT,
        collection_sha   TEXT,
        drift_type       TEXT,
        deployed_at      TEXT,
        created_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL,
        CONSTRAINT uq_artifacts_record UNIQUE (project_id, name, type, collection)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE artifacts');
    await runner.query('DROP TABLE projects');
  }
}
