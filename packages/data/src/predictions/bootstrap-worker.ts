// Worker entry for runBootstrap when running from source (the CLI).
import { runBootstrapJob } from './bootstrap-job.ts';

runBootstrapJob();
