import { InputError } from '../errors.ts';
import type { ModelState, RegistryVersion, StageEvent } from './records.ts';

/** The version a stage points to now: the last change recorded for it, or null when it never had one. */
export function stageHolder(events: readonly StageEvent[], stage: string): number | null {
  return lastStageEvent(events, stage)?.version ?? null;
}

/** The last change recorded for a stage (its holder's version and the digest it was given), or null. */
export function lastStageEvent(events: readonly StageEvent[], stage: string): StageEvent | null {
  return events.findLast((event) => event.stage === stage) ?? null;
}

/** Every configured stage with its holder; a stage met in the history but no longer configured is kept. */
export function stageHolders(events: readonly StageEvent[], stages: readonly string[]): Record<string, number | null> {
  const holders: Record<string, number | null> = {};
  for (const stage of stages) holders[stage] = stageHolder(events, stage);
  for (const event of events) if (!(event.stage in holders)) holders[event.stage] = stageHolder(events, event.stage);
  return holders;
}

/**
 * Sets each event's `previous_version` from the order of the events (the holder of its stage just
 * before it). A backend that records changes concurrently (GitHub deployments) only knows the order
 * afterwards; what a promotion believed when it started does not matter. Other fields are kept.
 */
export function orderPreviousVersions<E extends Omit<StageEvent, 'previous_version'>>(events: readonly E[]): (E & Pick<StageEvent, 'previous_version'>)[] {
  const holders = new Map<string, number>();
  return events.map((event) => {
    const previous = holders.get(event.stage) ?? null;
    holders.set(event.stage, event.version);
    return { ...event, previous_version: previous };
  });
}

/**
 * The versions a stage has pointed to, as a stack: a promotion pushes its version, a rollback pops
 * the current holder. So rolling back twice after v1 -> v2 -> v3 returns to v2, then v1, rather
 * than toggling between v2 and v3.
 */
export function stageStack(events: readonly StageEvent[], stage: string): number[] {
  const stack: number[] = [];
  for (const event of events) {
    if (event.stage !== stage) continue;
    if (event.action === 'rollback') {
      stack.pop();
      // A history written by other means may not pop to the recorded version: follow the record.
      if (stack.at(-1) !== event.version) stack.push(event.version);
    } else if (stack.at(-1) !== event.version) {
      stack.push(event.version);
    }
  }
  return stack;
}

/** The version a rollback of `stage` returns to; an InputError when there is none. */
export function rollbackTarget(state: ModelState, stage: string): { from: number; to: number } {
  const stack = stageStack(state.events, stage);
  const current = stack.at(-1);
  if (current === undefined) throw new InputError(`${state.name}: stage "${stage}" holds no version, so there is nothing to roll back`);
  const previous = stack.at(-2);
  if (previous === undefined) throw new InputError(`${state.name}: stage "${stage}" has had only v${current}; there is no earlier version to roll back to`);
  return { from: current, to: previous };
}

/** A configured stage, or an InputError listing the configured ones. */
export function checkStage(stage: string, stages: readonly string[], label = 'stage'): string {
  if (!stages.includes(stage)) throw new InputError(`unknown ${label} "${stage}": the registry's stages are ${stages.join(', ')} (registry.stages in modelgate.yml)`);
  return stage;
}

/** A version of the model, or an InputError naming the versions there are. */
export function findVersion(state: ModelState, version: number): RegistryVersion {
  const found = state.versions.find((candidate) => candidate.version === version);
  if (found) return found;
  const known = state.versions.length === 0 ? 'it has no versions' : `its versions are v1 to v${Math.max(...state.versions.map((v) => v.version))}`;
  throw new InputError(`${state.name} has no version v${version}; ${known}`);
}

/** The version a stage holds, or an InputError when the stage is empty. */
export function versionAtStage(state: ModelState, stage: string): RegistryVersion {
  const holder = stageHolder(state.events, stage);
  if (holder === null) throw new InputError(`${state.name}: stage "${stage}" holds no version yet`);
  return findVersion(state, holder);
}

/** The newest version whose digest is `digest`: registering the same bytes twice returns it. */
export function versionWithDigest(state: ModelState | null, digest: string): RegistryVersion | undefined {
  return state?.versions.find((version) => version.digest === digest);
}

/** The number the next registered version gets: versions are 1, 2, ... in registration order. */
export function nextVersionNumber(state: ModelState | null): number {
  return state && state.versions.length > 0 ? Math.max(...state.versions.map((version) => version.version)) + 1 : 1;
}
