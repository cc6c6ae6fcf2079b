// Preloaded with `node --import` by the deploy benchmark: at exit, writes this process's peak
// resident memory (KB) to $SKILLMEAT_PEAK_MEMORY_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.SKILLMEAT_PEAK_MEMORY_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
