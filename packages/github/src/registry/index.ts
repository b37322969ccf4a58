// The registry's GitHub backend alone, for `modelgate registry --github`: octokit and its plugins,
// without the artifact client and its storage SDKs that the package index also loads (they cost
// the CLI 60 MB of memory and half a second of start-up).
export { createGitHubRegistry, defaultPartBytes, GitHubRegistry, type GitHubRegistryOptions } from './github-registry.ts';
