import * as core from '@actions/core';
import { InputError, errorMessage, oneLine, renderGateSummary } from '@modelgate/core';
import { actionLog, input, prepareReview, publishGateCheck, readInputs, reviewInputsFrom, reviewInputsSchema } from '@modelgate/github';

const inputsSchema = reviewInputsSchema.extend({ 'check-name': input.text().optional() });

// GitHub shows at most 10 error annotations per step.
const maxAnnotations = 10;

export async function run(): Promise<void> {
  try {
    const raw = readInputs(inputsSchema);
    const inputs = reviewInputsFrom(raw);
    const checkName = raw['check-name'];
    const { report, client, pullRequest, context } = await prepareReview(inputs, process.env);
    const gate = report.gate;
    if (!gate) throw new InputError(`no gate rules configured: add gate.rules to ${inputs.config ?? 'modelgate.yml'}`);

    const summary = renderGateSummary(report);
    await core.summary.addRaw(summary).write();
    core.setOutput('passed', String(gate.passed));
    core.setOutput('failures', JSON.stringify(gate.failures));
    core.setOutput('check-run-id', '');

    if (checkName && client) {
      const sha = pullRequest?.headSha ?? context.sha;
      try {
        const check = await publishGateCheck(client, {
          owner: context.owner,
          repo: context.repo,
          sha,
          name: checkName,
          passed: gate.passed,
          title: gate.passed ? `Gate passed: ${gate.results.length} rules` : `Gate failed: ${gate.failures.map((f) => `${f.metric} ${f.rule}`).join(', ')}`,
          summary,
          ...(context.runUrl ? { detailsUrl: context.runUrl } : {}),
          log: actionLog,
        });
        if (check.kind === 'check-run') core.setOutput('check-run-id', String(check.id));
        if (check.kind === 'none') core.warning(`gate check not reported: ${check.reason}; the step result still follows the rules`);
      } catch (error) {
        // The gate's exit follows its rules, never a transient API fault.
        core.warning(`gate check not reported: ${oneLine(errorMessage(error))}`);
      }
    }

    for (const failure of gate.failures.slice(0, maxAnnotations)) core.error(failure.message, { title: `modelgate gate: ${failure.metric} ${failure.rule}` });
    if (gate.failures.length > maxAnnotations) core.error(`${gate.failures.length - maxAnnotations} more gate failures: see the job summary`);
    if (gate.passed) core.info(`gate passed: ${gate.results.filter((r) => r.outcome === 'pass').length} rules passed, ${gate.results.filter((r) => r.outcome === 'skip').length} skipped`);
    else core.setFailed(`gate failed: ${gate.failures.map((f) => f.message).join('; ')}`);
  } catch (error) {
    // Outputs are always set, so later steps never read an empty `passed` as success.
    core.setOutput('passed', 'false');
    core.setOutput('failures', '[]');
    core.setFailed(oneLine(errorMessage(error)));
  }
}
