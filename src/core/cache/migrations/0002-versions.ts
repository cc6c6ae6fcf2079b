import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version DAG index (versioning spec section 6): `artifact_versions`, the design's Phase 2
 * table, and `version_parents`, every parent of every version in order (a merge has two), so
 * history is a true DAG. Both mirror `objects/versions/*.json`, which stay the truth: the version
 * store refills these tables from the files when they are missing or behind.
 *
 * `idx_artifact_versions_artifact` serves "the versions of one artifact, by time"; the primary key
 * of `version_parents` (version first) serves walking up from a version to its ancestors.
 * DDL spelled as TypeORM spells it, as in 0001 (cache-entities.test.ts checks they agree).
 */
export class VersionsCache1795564800000 implements MigrationInterface {
  readonly name = 'VersionsCache1795564800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "artifact_versions" (
        "id"                text PRIMARY KEY NOT NULL,
        "artifact_id"       text NOT NULL,
        "version_tag"       text,
        "version_sha"       text NOT NULL,
        "parent_version_id" text,
        "created_at"        text NOT NULL,
        "created_by"        text NOT NULL,
        "snapshot_id"       text,
        "merge_strategy"    text NOT NULL,
        "metadata"          text NOT NULL
      )`);
    await runner.query('CREATE INDEX "idx_artifact_versions_artifact" ON "artifact_versions" ("artifact_id", "created_at")');
    await runner.query(`
      CREATE TABLE "version_parents" (
        "version_id" text    NOT NULL,
        "parent_id"  text    NOT NULL,
        "position"   integer NOT NULL,
        CONSTRAINT "fk_version_parents_version" FOREIGN KEY ("version_id") REFERENCES "artifact_versions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        PRIMARY KEY ("version_id", "parent_id")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "version_parents"');
    await runner.query('DROP INDEX "idx_artifact_versions_artifact"');
    await runner.query('DROP TABLE "artifact_versions"');
  }
}
