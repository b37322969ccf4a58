// Paths on the fake's one server that stand in for GitHub's other hosts: signed blob storage for
// artifact zips and release asset downloads, and uploads.github.com for release asset uploads.
export const hostPaths = {
  artifactBlobs: '/_fake/artifact-blobs/',
  assetDownloads: '/_fake/release-assets/',
  /** Followed by the upload operation's API path: `/_uploads/repos/{owner}/{repo}/releases/{id}/assets`. */
  uploads: '/_uploads',
} as const;
