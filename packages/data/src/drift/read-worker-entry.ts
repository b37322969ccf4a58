// The file a drift reader thread starts from (running from source; a bundle hands over through
// isDriftReadWorker / runDriftReadWorker).
import { runDriftReadWorker } from './read-worker.ts';

await runDriftReadWorker();
