// Worker entry when running from source; a bundle passes its own file and checks isValidationWorker().
import { runValidationWorker } from './worker-entry.ts';

await runValidationWorker();
