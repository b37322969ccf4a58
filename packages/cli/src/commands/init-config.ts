// The modelgate.yml `modelgate init` writes: every section with its defaults or commented examples,
// so a team starts from a file that parses and edits it rather than reading the README first.
// test: init-config.test.ts parses it, and every commented example once uncommented.

export function starterConfig(version: string): string {
  return `# modelgate.yml: settings of \`modelgate diff\`, \`gate\` and \`registry\` and of the report, gate and
# promote actions. Written by \`modelgate init\` (modelgate ${version}); every key is optional.
# Reference: https://github.com/modelgate/modelgate#modelgateyml

# Per-metric settings, keyed by the names in your metrics file (nested keys are dotted, as
# eval.test.auc; * matches any characters, as "eval.*.loss"). Higher is better unless the name says
# otherwise (loss, error, rmse, latency, ...) or direction: lower is set.
# metrics:
#   latency_ms: { direction: lower, tolerance: 0.5 }   # tolerance: absolute, or "1%" of the base
#   auc: { precision: 4 }                              # digits shown in reports

# The merge gate: the gate action fails its check ("modelgate gate") when a rule fails, and fails
# when there are no rules at all. Name your own metrics here; a rule on a metric your metrics file
# lacks is skipped (unless required: true), so this starting rule passes until you replace it.
gate:
  on_missing_baseline: pass    # or fail: what max_regression does before a baseline exists
  rules:
    accuracy: { max_regression: "1%" }                # fail when accuracy drops by more than 1% of the base
    # auc: { min: 0.85, max_regression: 0.01 }        # min/max inclusive; regression in the bad direction
    # rmse: { max: 3.2, required: true }              # required: fail when the metric is missing
    # "recall[plan=*]": { min: 0.6 }                  # every slice of evaluate --slice-by plan

report:
  title: Model report          # heading of the PR comment and the job summary
  # tolerance: 0.0005          # changes this small are "unchanged", for every metric without its own

# The model registry (modelgate registry, actions/promote): the stages a version moves through.
registry:
  stages: [staging, production]
  protected: [production]      # promoted to only from a job whose Environment has required reviewers
`;
}
