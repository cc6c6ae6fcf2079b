import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openCacheDataSource } from './cache-data-source.js';

let opened: { dataSource: DataSource; home: string } | undefined;
afterEach(async () => {
  if (!opened) return;
  await opened.dataSource.destroy();
  await rm(opened.home, { recursive: true, force: true });
  opened = undefined;
});

describe('the cache entities', () => {
  it('describe exactly the schema the migrations build', async () => {
    const home = await mkdtemp(join(tmpdir(), 'skillmeat-cache-'));
    const { dataSource } = await openCacheDataSource(join(home, 'cache', 'cache.db'));
    opened = { dataSource, home };
    // What TypeORM would change to make the tables match the entities: nothing, if they agree.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
