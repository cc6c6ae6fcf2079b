import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openCacheDataSource } from './cache-data-source.js';
import { afterThisTest, tempDir } from '../../../test/support/temp-files.js';

describe('the cache entities', () => {
  it('describe exactly the schema the migrations build', async () => {
    const home = await tempDir('skillmeat-cache-');
    const { dataSource } = await openCacheDataSource(join(home, 'cache', 'cache.db'));
    afterThisTest(() => dataSource.destroy());
    // What TypeORM would change to make the tables match the entities: nothing, if they agree.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
