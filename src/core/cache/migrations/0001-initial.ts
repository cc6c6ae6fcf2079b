import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first cache schema: `projects` and the `artifacts` their last drift check saw.
 * `artifact_versions` and `version_parents` (versioning spec section 6) come in a later migration.
 *
 * No separate index on `artifacts.project_id`: the unique constraint's index starts with it, and
 * SQLite uses that index both for "this project's artifacts" and for the ON DELETE CASCADE.
 * Timestamps are RFC 3339 text written by the code (SQLite's CURRENT_TIMESTAMP is not RFC 3339).
 * The DDL is spelled as TypeORM spells it (quoted names, named constraints), so its schema builder
 * finds nothing to change against the entities (cache-entities.test.ts checks this) and a later
 * generated migration shows only real changes.
 */
export class InitialCache1795478400000 implements MigrationInterface {
  // TypeORM orders migrations by the 13-digit timestamp that ends the name; bundlers may rename
  // classes, so the name is spelled out rather than taken from the constructor.
  readonly name = 'InitialCache1795478400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "projects" (
        "id"              integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "path"            text    NOT NULL,
        "name"            text    NOT NULL,
        "last_checked_at" text,
        "drift_count"     integer NOT NULL DEFAULT (0),
        "added_count"     integer NOT NULL DEFAULT (0),
        "check_digest"    text,
        "created_at"      text    NOT NULL,
        "updated_at"      text    NOT NULL,
        CONSTRAINT "uq_projects_path" UNIQUE ("path")
      )`);
    await runner.query(`
      CREATE TABLE "artifacts" (
        "id"               integer PRIMARY KEY AUTOINCREMENT NOT NULL,
        "project_id"       integer NOT NULL,
        "name"             text    NOT NULL,
        "type"             text    NOT NULL,
        "collection"       text    NOT NULL,
        "source"           text,
        "deployed_version" text,
        "upstream_version" text,
        "is_outdated"      boolean NOT NULL DEFAULT (0),
        "local_modified"   boolean NOT NULL DEFAULT (0),
        "content_hash"     text,
        "baseline_sha"     text,
        "collection_sha"   text,
        "drift_type"       text,
        "deployed_at"      text,
        "created_at"       text    NOT NULL,
        "updated_at"       text    NOT NULL,
        CONSTRAINT "uq_artifacts_record" UNIQUE ("project_id", "name", "type", "collection"),
        CONSTRAINT "fk_artifacts_project" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "artifacts"');
    await runner.query('DROP TABLE "projects"');
  }
}
