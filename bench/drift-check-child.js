// Child process of the drift benchmark: a new process checks every registered project once (cold),
// then re-checks N-1 times (warm), and prints its timings as JSON. Each round is timed until its
// reports are ready; the cache-database refresh that follows each round is timed apart.
const [home, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 6);
const elapsed = (from) => Number(process.hrtime.bigint() - from) / 1e6;

const start = process.hrtime.bigint();
const { SkillMeat } = await import('../dist/core/skillmeat.js');
const core = new SkillMeat({ home, onNotice: (m) => process.stderr.write(`${m}\n`) });
const first = await core.checkAllDrift();
const coldMs = elapsed(start);
let t = process.hrtime.bigint();
await core.cacheRefreshed();
const refreshMs = [elapsed(t)];

const warmMs = [];
for (let i = 1; i < rounds; i++) {
  t = process.hrtime.bigint();
  await core.checkAllDrift();
  warmMs.push(elapsed(t));
  t = process.hrtime.bigint();
  await core.cacheRefreshed();
  refreshMs.push(elapsed(t));
}
t = process.hrtime.bigint();
await core.close(); // saves the hash index for the next process
const closeMs = elapsed(t);
process.stdout.write(JSON.stringify({ coldMs, warmMs, refreshMs, closeMs, needsAction: first.filter((r) => r.summary.needs_action > 0).length }));
