import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { branchFilter, majorOf, pinModelgateRefs, renderWorkflow } from './init-render.ts';

describe('init rendering', () => {
  it('takes the major version of a release', () => {
    expect([majorOf('0.1.0'), majorOf('1.4.2'), majorOf('12.0.0-rc.1')]).toEqual([0, 1, 12]);
    expect(() => majorOf('v1')).toThrow('not semver');
  });

  it('pins modelgate action references and npx modelgate to the major version, nothing else', () => {
    const text = [
      'uses: modelgate/modelgate/actions/report@v1',
      'uses: modelgate/modelgate/actions/validate-data@v12 # comment',
      'uses: actions/checkout@v5',
      'uses: someone/modelgate/actions/report@v1',
      'run: npx --yes modelgate@1 registry pull m',
      'run: npx modelgate@1.2.3 diff',
    ].join('\n');
    expect(pinModelgateRefs(text, 3).split('\n')).toEqual([
      'uses: modelgate/modelgate/actions/report@v3',
      'uses: modelgate/modelgate/actions/validate-data@v3 # comment',
      'uses: actions/checkout@v5',
      'uses: someone/modelgate/actions/report@v1',
      'run: npx --yes modelgate@3 registry pull m',
      'run: npx modelgate@1.2.3 diff', // an exact version someone chose stays
    ]);
  });

  it('writes a branch as one literal item of a branches filter, whatever characters git allows in it', () => {
    for (const branch of ['main', 'release/2.x', 'v1+fix', '!important', "it's", 'a,b]', '#7', 'x{y}']) {
      const workflow = parse(`on:\n  push:\n    branches: [${branchFilter(branch)}]\n`) as { on: { push: { branches: string[] } } };
      const [pattern] = workflow.on.push.branches;
      // GitHub's filter syntax: \ escapes the next character; unescaped, every character is literal here.
      expect(pattern!.replace(/\\(.)/g, '$1')).toBe(branch);
      expect(pattern).not.toMatch(/(^|[^\\])[+!\]]/);
    }
    expect(branchFilter('main')).toBe('main');
  });

  it('fills $default-branch and heads the file with where it came from', () => {
    const text = renderWorkflow({ name: 'x', workflow: 'on:\n  push:\n    branches: [$default-branch]\n' }, 'main', '2.0.1');
    expect(text).toBe("# Written by `modelgate init` from the x starter workflow of modelgate 2.0.1\n# (modelgate's actions pinned to @v2).\non:\n  push:\n    branches: [main]\n");
  });
});
