// Timing and formatting shared by the benchmarks.

/** Milliseconds `work` takes. */
export function time(work) {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Milliseconds the promise `work()` takes to settle. */
export async function timeAsync(work) {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The middle value (the upper middle for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A duration right-aligned in whole milliseconds. */
export const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

/** Our time as a multiple of the reference tool's. */
export const ratio = (ours, theirs) => `${(ours / theirs).toFixed(2)}×`;

/** A small seeded PRNG (mulberry32): the same inputs on every machine and run. */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
