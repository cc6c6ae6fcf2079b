/**
 * The renderer's stores and actions over a real back end: a ContractService over a temporary home,
 * reached through the in-memory transport (the same contract the UI speaks over IPC or a socket).
 */
import { ContractService } from '../../src/core/service/contract-service.js';
import { createClient, type SkillmeatClient } from '../../src/shared/contract-client.js';
import type { MethodName } from '../../src/shared/contract-names.js';
import { createAppActions, type AppActions } from '../../src/renderer/src/actions/app-actions.js';
import { createAppStores, type AppStores } from '../../src/renderer/src/state/app-stores.js';
import { afterThisTest, steppingClock, tempDir } from './fixtures.js';

export interface Ui {
  readonly client: SkillmeatClient;
  readonly stores: AppStores;
  readonly actions: AppActions;
  readonly home: string;
  /** Every method the actions called, in order. */
  readonly calls: MethodName[];
  readonly service: ContractService;
}

/** A fresh home's back end and the renderer's stores and actions over it; the service is closed after the test. */
export async function renderer(options: { watch?: boolean } = {}): Promise<Ui> {
  const home = await tempDir('skillmeat-home-');
  const service = new ContractService({ home, now: steppingClock(), watch: options.watch ?? false });
  afterThisTest(() => service.close());
  const calls: MethodName[] = [];
  const client = createClient({
    call(method, input) {
      calls.push(method);
      return service.call(method, input);
    },
    subscribe: (listener) => service.subscribe(listener),
  });
  const stores = createAppStores();
  const actions = createAppActions({ client, stores });
  return { client, stores, actions, home, calls, service };
}
