// The history graph's lane layout (issue 12's budget: 10,000 versions laid out ≤ 50 ms in Node),
// over a DAG shaped like a busy artifact's: one collection lane and 49 project lanes, a merge
// (two parents, one in another place) every seventh version. A benchmark, not a test.
import { layoutHistory } from '../dist/shared/history-graph.js';
import { median } from './measure.js';

const VERSIONS = 10_000;
const RUNS = 9;

export async function runHistoryLayoutBenchmark() {
  console.log(`\n## History graph layout (${VERSIONS.toLocaleString('en')} versions, 50 places)\n`);
  const nodes = [];
  for (let i = VERSIONS - 1; i >= 0; i--) {
    const place = i % 5 === 0 ? 'collection:default' : `project:/work/p${i % 50}`;
    const parents = i === 0 ? [] : i % 7 === 0 && i > 1 ? [`v${i - 1}`, `v${i - 2}`] : [`v${i - 1}`];
    nodes.push({ id: `v${i}`, place, parents });
  }
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    layoutHistory(nodes);
    times.push(performance.now() - start);
  }
  console.log(`layoutHistory: first run ${times[0].toFixed(1)} ms, median of ${RUNS} ${median(times).toFixed(1)} ms (target ≤ 50 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runHistoryLayoutBenchmark();
