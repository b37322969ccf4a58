import { InputError, parseVersionNumber } from '@modelgate/core';
import { input, inputsSchema, readInputs as readActionInputs } from '@modelgate/github';

/** What to promote: a package (registered first), a version number, a stage's holder, or a rollback of `to`. */
export type PromoteSource = { package: string; metrics: string | undefined } | { version: number } | { fromStage: string } | { rollback: true };

export interface PromoteInputs {
  model: string;
  source: PromoteSource;
  /** Empty: register the package only. */
  to: string | undefined;
  requireBetter: boolean;
  /** The stage whose holder is the champion for require-better (default `to`). */
  compareWith: string | undefined;
  config: string | undefined;
  reason: string | null;
  token: string;
  allowUnprotected: boolean;
}

const schema = inputsSchema({
  model: input.text(),
  package: input.text().optional(),
  metrics: input.text().optional(),
  version: input.text().optional(),
  'from-stage': input.text().optional(),
  to: input.text().optional(),
  rollback: input.boolean().default(false),
  'require-better': input.boolean().default(false),
  'compare-with': input.text().optional(),
  config: input.text().optional(),
  reason: input.text().optional(),
  'github-token': input.text(),
  'allow-unprotected': input.boolean().default(false),
});

export function readInputs(): PromoteInputs {
  const raw = readActionInputs(schema);
  const given = (['package', 'version', 'from-stage'] as const).filter((name) => raw[name] !== undefined);
  if (raw.to === undefined && (raw.rollback || raw.package === undefined)) throw new InputError('input "to" names the stage to promote to (or roll back); only a package may be given without it, to register it');
  if (raw.rollback && given.length > 0) throw new InputError(`input "rollback" rolls the stage "${raw.to}" back to its previous version: give no ${given.join(' or ')} with it`);
  if (!raw.rollback && given.length !== 1) {
    throw new InputError(given.length === 0 ? 'give one of the inputs package, version or from-stage: what to promote' : `give only one of the inputs package, version or from-stage, not ${given.join(' and ')}`);
  }
  if (raw['compare-with'] !== undefined && !raw['require-better']) throw new InputError('input "compare-with" names the champion for require-better: set require-better: true with it');
  if (raw.metrics !== undefined && raw.package === undefined) throw new InputError('input "metrics" goes with "package": metrics are recorded when a version is registered');
  const source: PromoteSource = raw.rollback
    ? { rollback: true }
    : raw.package !== undefined ? { package: raw.package, metrics: raw.metrics } : raw.version !== undefined ? { version: parseVersionNumber(raw.version, 'input "version"') } : { fromStage: raw['from-stage']! };
  return {
    model: raw.model,
    source,
    to: raw.to,
    requireBetter: raw['require-better'],
    compareWith: raw['compare-with'],
    config: raw.config,
    reason: raw.reason ?? null,
    token: raw['github-token'],
    allowUnprotected: raw['allow-unprotected'],
  };
}
