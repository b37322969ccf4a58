import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { appendHistory, commentLimit, errorMessage, historyEntry, historyText, oneLine, renderMarkdown, reportMarker, reportStatus, summaryLimit, type ReviewReport } from '@modelgate/core';
import { writeFileAtomic } from '@modelgate/data';
import { type PreparedReview, describeApiError, input, isPermissionDenied, prepareReview, readInputs, reviewInputsFrom, reviewInputsSchema, upsertStickyComment, actionLog } from '@modelgate/github';

const inputsSchema = reviewInputsSchema.extend({
  comment: input.boolean().default(true),
  run: input.text().optional(),
  'base-run': input.text().optional(),
  validation: input.text().optional(),
  drift: input.text().optional(),
  'history-file': input.text().default('history.jsonl'),
});

export async function run(): Promise<void> {
  try {
    const raw = readInputs(inputsSchema);
    const inputs = { ...reviewInputsFrom(raw), run: raw.run, baseRun: raw['base-run'], validation: raw.validation, drift: raw.drift };
    const { comment } = raw;
    const prepared = await prepareReview(inputs, process.env, { history: true });
    const { report, client, pullRequest, context, lookupFault } = prepared;

    const summary = renderMarkdown(report, { maxLength: summaryLimit, unit: 'utf8-bytes' });
    await core.summary.addRaw(summary).write();
    const reportPath = join(process.env.RUNNER_TEMP ?? context.workspace, `modelgate-report-${report.id}.md`);
    await writeFileAtomic(reportPath, summary);
    core.setOutput('report-path', reportPath);
    core.setOutput('status', reportStatus(report));
    core.setOutput('gate-passed', report.gate ? String(report.gate.passed) : '');
    core.setOutput('comment-id', '');
    core.setOutput('comment-url', '');
    core.setOutput('history-path', prepared.pushHistory ? await writeHistory(prepared, resolve(context.workspace, raw['history-file'])) : '');

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
        render: (maxLength) => renderMarkdown(report, { maxLength, truncatedNote: 'the job summary has every metric, chart and table' }),
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

/**
 * On a push to the default branch: the history of earlier runs (from the baseline artifact) plus
 * this run's top-level metrics, the newest 100 kept, written for the workflow to upload inside the
 * next baseline artifact.
 */
async function writeHistory(prepared: PreparedReview, path: string): Promise<string> {
  const { report, pushHistory, context } = prepared;
  const entry = historyEntry(topLevelMetrics(report), { sha: context.sha, runId: process.env.GITHUB_RUN_ID ?? '', at: new Date().toISOString() });
  const entries = appendHistory(pushHistory!.entries, entry);
  await writeFileAtomic(path, historyText(entries));
  core.info(`history: ${entries.length} runs written to ${path}${pushHistory!.source ? ` (earlier runs from ${pushHistory!.source})` : ' (no earlier history found)'}`);
  return path;
}

/** The head's metrics without slices: what a trend follows. */
function topLevelMetrics(report: ReviewReport): [string, number][] {
  return [...report.head.values].filter(([name]) => !report.head.slices.has(name));
}
