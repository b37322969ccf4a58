import { afterEach, beforeEach, expect } from 'vitest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from './server.ts';

export interface FakeGitHubFixture {
  /** The fake of the current test. */
  readonly github: FakeGitHub;
  /** Replace the current fake with one started with other options (read-only token, GHES...). */
  restart(options: FakeGitHubOptions): Promise<FakeGitHub>;
}

/**
 * A fresh fake GitHub for every test of the calling file; after each test it asserts that no
 * request broke GitHub's REST description and that the fake gave no answer the description does not
 * allow (all are `violations`), then closes the server.
 */
export function useFakeGitHub(options: FakeGitHubOptions = {}): FakeGitHubFixture {
  let current: FakeGitHub | undefined;
  beforeEach(async () => {
    current = await startFakeGitHub(options);
  });
  afterEach(async () => {
    const github = current!;
    current = undefined;
    try {
      expect(github.violations).toEqual([]);
    } finally {
      await github.close();
    }
  });
  return {
    get github() {
      if (!current) throw new Error('useFakeGitHub: the fake exists only inside a test');
      return current;
    },
    async restart(next) {
      await current?.close();
      current = await startFakeGitHub(next);
      return current;
    },
  };
}
