// Child process of the drift benchmark: a fresh process (cold: nothing cached) checks every
// registered project, then re-checks it N-1 times in the same process (warm), and prints timings.
const [home, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 6);
const start = process.hrtime.bigint();
const { SkillMeat } = await import('../dist/core/skillmeat.js');
const core = new SkillMeat({ home });
const elapsed = (from) => Number(process.hrtime.bigint() - from) / 1e6;

const first = await core.checkAllDrift();
const coldMs = elapsed(start);
const warmMs = [];
for (let i = 1; i < rounds; i++) {
  const t = process.hrtime.bigint();
  await core.checkAllDrift();
  warmMs.push(elapsed(t));
}
await core.close();
process.stdout.write(JSON.stringify({ coldMs, warmMs, needsAction: first.filter((r) => r.summary.needs_action > 0).length }));
