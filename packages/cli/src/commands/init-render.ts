// Turning a published starter workflow into the file `modelgate init` writes: GitHub's
// `$default-branch` placeholder filled in (GitHub does that when a template is picked in its UI),
// and modelgate's own references pinned to this release's major version.

/** The major version of a release (`1.4.2` -> 1), the tag `release.yml` moves (`v1`). */
export function majorOf(version: string): number {
  const match = /^(\d+)\./.exec(version);
  if (!match) throw new Error(`version "${version}" is not semver`);
  return Number(match[1]);
}

/**
 * A branch name as an item of `branches: [...]`: GitHub's filter characters escaped (a branch
 * named `v1+fix` must not be read as a pattern) and YAML-quoted unless plainly safe.
 */
export function branchFilter(branch: string): string {
  const escaped = branch.replace(/[+\]?*[]/g, '\\$&').replace(/^!/, '\\!');
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(escaped) ? escaped : `'${escaped.replaceAll("'", "''")}'`;
}

/** `modelgate/modelgate/actions/NAME@vN` and `npx modelgate@N` pinned to `major`. */
export function pinModelgateRefs(text: string, major: number): string {
  return text
    .replace(/\b(modelgate\/modelgate\/actions\/[A-Za-z0-9_-]+)@v\d+(?![\w.])/g, `$1@v${major}`)
    .replace(/(\bnpx\s+(?:(?:--yes|-y)\s+)?modelgate)@\d+(?![\w.])/g, `$1@${major}`);
}

/** The workflow file for a repository whose default branch is `branch`. */
export function renderWorkflow(template: { name: string; workflow: string }, branch: string, version: string): string {
  const major = majorOf(version);
  const header = `# Written by \`modelgate init\` from the ${template.name} starter workflow of modelgate ${version}\n# (modelgate's actions pinned to @v${major}).\n`;
  return header + pinModelgateRefs(template.workflow, major).replaceAll('$default-branch', branchFilter(branch));
}
