#!/usr/bin/env node
// `npm run bench`: every benchmark, each printed beside its reference tool as a ratio.
// A benchmark, not a timed test: it prints figures and never fails on them.
import { runDriftBenchmark } from './drift-bench.js';
import { runMergeBenchmark } from './merge-bench.js';
import { runSnapshotBenchmark, runSnapshotDiffBenchmark, runSnapshotTimelineBenchmark } from './snapshot-bench.js';
import { runDeployBenchmark } from './deploy-bench.js';
import { runMergeViewBenchmark } from './merge-view-bench.js';
import { runTimelineBenchmark } from './timeline-bench.js';
import { runHistoryLayoutBenchmark } from './history-layout-bench.js';
import { runHistoryViewBenchmark } from './history-view-bench.js';
import { runStartupBenchmark } from './startup-bench.js';
import { runProjectsViewBenchmark } from './projects-view-bench.js';

const only = process.argv[2];
const benchmarks = { drift: runDriftBenchmark, merge: runMergeBenchmark, snapshot: runSnapshotBenchmark, 'snapshot-timeline': runSnapshotTimelineBenchmark, 'snapshot-diff': runSnapshotDiffBenchmark, deploy: runDeployBenchmark, 'merge-view': runMergeViewBenchmark, timeline: runTimelineBenchmark, 'history-layout': runHistoryLayoutBenchmark, 'history-view': runHistoryViewBenchmark, startup: runStartupBenchmark, 'projects-view': runProjectsViewBenchmark };
if (only && !(only in benchmarks)) {
  console.error(`No benchmark named "${only}". Choose one of: ${Object.keys(benchmarks).join(', ')}.`);
  process.exit(2);
}
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && only !== name) continue;
  await run();
}
