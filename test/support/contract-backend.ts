/** The real back end over a temporary home, seen through the in-memory transport, for contract tests. */
import { ContractService } from '../../src/core/service/contract-service.js';
import { createClient, ContractError, type ContractTransport, type SkillmeatClient } from '../../src/shared/contract-client.js';
import { CONTRACT, type ContractEvent, type MethodName } from '../../src/shared/contract.js';
import { afterThisTest, tempDir } from './temp-files.js';
import { steppingClock } from './fixtures.js';

export interface ContractBackEnd {
  readonly service: ContractService;
  readonly client: SkillmeatClient;
  readonly home: string;
  /** Every method called so far. */
  readonly called: Set<MethodName>;
  readonly events: ContractEvent[];
}

/** A back end over `home` (default: a new temporary one); every answer is checked against the contract's output schema. */
export async function contractBackEnd(home?: string): Promise<ContractBackEnd> {
  const root = home ?? (await tempDir('skillmeat-home-'));
  const service = new ContractService({ home: root, now: steppingClock() });
  afterThisTest(() => service.close());
  const called = new Set<MethodName>();
  const events: ContractEvent[] = [];
  service.subscribe((event) => events.push(event));
  const checked: ContractTransport = {
    async call(method, input) {
      called.add(method);
      const envelope = await service.call(method, input);
      if (envelope.ok) CONTRACT[method].output.parse(envelope.value);
      return envelope;
    },
    subscribe: (listener) => service.subscribe(listener),
  };
  return { service, client: createClient(checked), home: root, called, events };
}

/** The ContractError a call is refused with (fails when it succeeds, or fails otherwise). */
export async function rejection(work: Promise<unknown>): Promise<ContractError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ContractError)) throw new Error(`expected a ContractError, got ${String(error)}`);
  return error;
}
