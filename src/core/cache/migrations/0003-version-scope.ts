import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each version lives (`scope`: `collection:<name>` or `project:<path>`), so the history view
 * draws an artifact's lanes and filters by place from the index alone, without reading 10,000
 * version files. The rows written before had no scope: the version tables are emptied, and the
 * version store, seeing fewer rows than files, indexes every file again (the files stay the truth).
 */
export class VersionScope1796169600000 implements MigrationInterface {
  readonly name = 'VersionScope1796169600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM "version_parents"');
    await runner.query('DELETE FROM "artifact_versions"');
    await runner.query('ALTER TABLE "artifact_versions" ADD COLUMN "scope" text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "artifact_versions" DROP COLUMN "scope"');
  }
}
