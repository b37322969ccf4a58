export { defaultRunDir, formatBytes, formatDuration, train, type TrainOptions, type TrainOutput, type TrainResult } from './train.ts';
export { describeCommand, type SignalHandling, type TrainingCommand } from './run-command.ts';
export { digestDataInput, digestFiles, sha256File, treeDigest } from './digest.ts';
