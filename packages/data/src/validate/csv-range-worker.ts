// Worker entry when running from source; a bundle passes its own file and checks isCsvRangeWorker().
import { runCsvRangeJob } from './csv-range-job.ts';

await runCsvRangeJob();
