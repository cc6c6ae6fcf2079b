// Child process of the snapshot benchmarks: a new process (nothing in memory) calls one contract
// method `runs` times and prints each call's milliseconds as JSON; the first call is the cold one.
const [home, method, inputJson, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 1);
const { ContractService } = await import('../dist/core/service/contract-service.js');
const service = new ContractService({ home });
const input = JSON.parse(inputJson);
const ms = [];
let summary;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const envelope = await service.call(method, input);
  ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`);
  const value = envelope.value;
  summary = value.snapshots ? { total: value.total, returned: value.snapshots.length } : value.artifacts ? { artifacts: value.artifacts.length, files: value.artifacts.reduce((n, a) => n + a.files.length, 0) } : {};
}
await service.close();
process.stdout.write(JSON.stringify({ ms, summary }));
