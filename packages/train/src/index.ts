export { defaultRunDir, train, type TrainOptions, type TrainOutput, type TrainResult } from './train.ts';
export { describeCommand, type SignalHandling, type TrainingCommand } from './run-command.ts';
export { digestDataInput } from './digest.ts';
export { digestFiles, sha256File, treeDigest } from '@modelgate/data';
