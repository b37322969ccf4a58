import { join } from 'node:path';
import * as core from '@actions/core';
import { commentLimit, errorMessage, oneLine, renderMarkdown, reportMarker, reportStatus, summaryLimit } from '@modelgate/core';
import { writeFileAtomic } from '@modelgate/data';
import { describeApiError, input, isPermissionDenied, prepareReview, readInputs, reviewInputsFrom, reviewInputsSchema, upsertStickyComment, actionLog } from '@modelgate/github';

const inputsSchema = reviewInputsSchema.extend({ comment: input.boolean().default(true) });

export async function run(): Promise<void> {
  try {
    const raw = readInputs(inputsSchema);
    const inputs = reviewInputsFrom(raw);
    const { comment } = raw;
    const { report, client, pullRequest, context, lookupFault } = await prepareReview(inputs, process.env);

    const summary = renderMarkdown(report, { maxLength: summaryLimit, unit: 'utf8-bytes' });
    await core.summary.addRaw(summary).write();
    const reportPath = join(process.env.RUNNER_TEMP ?? context.workspace, `modelgate-report-${report.id}.md`);
    await writeFileAtomic(reportPath, summary);
    core.setOutput('report-path', reportPath);
    core.setOutput('status', reportStatus(report));
    core.setOutput('gate-passed', report.gate ? String(report.gate.passed) : '');
    core.setOutput('comment-id', '');
    core.setOutput('comment-url', '');

    if (!comment) return;
    if (lookupFault) {
      core.warning(`PR comment not written: ${lookupFault}; the report is in the job summary`);
      return;
    }
    if (!pullRequest) {
      core.info(`not a pull request (event "${context.eventName}"): the report is in the job summary only`);
      return;
    }
    if (!client) {
      core.warning('no github-token: the report is in the job summary only');
      return;
    }
    try {
      const result = await upsertStickyComment(client, {
        owner: context.owner,
        repo: context.repo,
        issueNumber: pullRequest.number,
        marker: reportMarker(report.id),
        render: (maxLength) => renderMarkdown(report, { maxLength, truncatedNote: 'the job summary has every metric' }),
        maxLength: commentLimit,
        log: actionLog,
      });
      core.setOutput('comment-id', String(result.id));
      core.setOutput('comment-url', result.url);
      core.info(`PR comment ${result.action}: ${result.url}`);
    } catch (error) {
      if (!isPermissionDenied(error)) throw new Error(describeApiError(error, 'writing the PR comment'));
      // A fork PR's token is read-only: the summary still has the report; the step stays green.
      core.warning(
        `cannot comment on PR #${pullRequest.number}: the token is read-only${pullRequest.isFork ? ' (a fork PR)' : ''} or lacks pull-requests: write. ` +
          'The report is in the job summary; to comment on fork PRs use the workflow_run pattern of the model-pr-check starter workflow.',
      );
    }
  } catch (error) {
    core.setFailed(oneLine(errorMessage(error)));
  }
}
