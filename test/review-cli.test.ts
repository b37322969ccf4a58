// `modelgate diff` and `modelgate gate` through the CLI entry: exit codes, renderings, bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@modelgate/test-utils';
import { describe, expect, it } from 'vitest';
import { runCli as run } from './harness/cli.ts';

const files = {
  'base.json': JSON.stringify({ accuracy: 0.86, rmse: 3.0, eval: { auc: 0.91 } }),
  'head.yaml': 'accuracy: 0.84\nrmse: 3.1\neval:\n  auc: 0.93\nmodel: xgb\n',
  'head.csv': 'name,value\naccuracy,0.9\nrmse,2.9\n',
  'modelgate.yml': 'gate:\n  rules:\n    accuracy: { min: 0.85, max_regression: "1%" }\n    rmse: { max: 3.2, required: true }\n',
};

describe('modelgate diff', () => {
  it('prints a direction-aware text table and exits 0 even on regressions', async () => {
    const dir = testdir(files);
    const { code, out, err } = await run(['diff', '--base', 'base.json', '--head', 'head.yaml'], dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/accuracy\s+0\.86\s+0\.84\s+▼ -0\.02 \(-2\.33%\) worse \(higher is better\)/);
    expect(out).toMatch(/rmse\s+3\s+3\.1\s+▼ \+0\.1 \(\+3\.33%\) worse \(lower is better\)/);
    expect(out).toMatch(/eval\.auc\s+0\.91\s+0\.93\s+▲ \+0\.02/);
    expect(out).toContain('not compared: model (string)');
  });

  it('renders markdown and JSON, and writes --output atomically', async () => {
    const dir = testdir(files);
    const md = await run(['diff', '--base', 'base.json', '--head', 'head.csv', '--format', 'markdown', '--output', 'out/report.md'], dir);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| accuracy | 0.86 | 0.9 | 🟢 +0.04 (+4.65%) better');
    expect(readFileSync(join(dir, 'out/report.md'), 'utf8')).toBe(md.out);
    const json = await run(['diff', '--base', 'base.json', '--head', 'head.csv', '--format', 'json'], dir);
    const parsed = JSON.parse(json.out);
    expect(parsed.status).toBe('improved');
    expect(parsed.changes.find((c: { name: string }) => c.name === 'eval.auc').status).toBe('removed');
  });
});

describe('modelgate gate', () => {
  it('exits 1 naming the metric, the value and the rule when a rule fails', async () => {
    const { code, out } = await run(['gate', '--head', 'head.yaml', '--base', 'base.json'], testdir(files));
    expect(code).toBe(1);
    expect(out).toContain('FAIL  accuracy = 0.84 is below the minimum 0.85 (rule min)');
    expect(out).toContain('FAIL  accuracy regressed by 2.33% (0.86 -> 0.84), more than the allowed 1% (rule max_regression)');
  });

  it('exits 0 when every rule passes; a missing baseline passes by default', async () => {
    const { code, out } = await run(['gate', '--head', 'head.csv'], testdir(files));
    expect(code).toBe(0);
    expect(out).toContain('SKIP  accuracy: there is no baseline; rule max_regression skipped (on_missing_baseline: pass)');
  });

  it('checks several metrics files at once, as actions/gate does: a rule on METRIC applies in each', async () => {
    const { code, out } = await run(['gate', '--head', 'head.csv', '--head', 'head.yaml', '--base', 'base.json', '--base', 'base.json'], testdir(files));
    expect(code).toBe(1);
    expect(out).toContain('FAIL  head.yaml:accuracy = 0.84 is below the minimum 0.85 (rule min)');
    expect(out).not.toMatch(/FAIL {2}head\.csv:accuracy/);
  });
});

describe('bad input: one line, exit 2', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['missing file', ['gate', '--head', 'nope.json'], {}, /^modelgate: (.*\/)?nope\.json: metrics file not found\n$/],
    ['malformed JSON', ['diff', '--base', 'a.json', '--head', 'a.json'], { 'a.json': '{"accuracy": 0.9,\n' }, /^modelgate: (.*\/)?a\.json: malformed JSON at line 2, column 1: .+\n$/],
    ['malformed YAML', ['diff', '--base', 'a.yaml', '--head', 'a.yaml'], { 'a.yaml': 'accuracy: [0.9\n' }, /^modelgate: (.*\/)?a\.yaml: malformed YAML at line \d+, column \d+: .+\n$/],
    ['unknown config key', ['gate', '--head', 'h.json'], { 'h.json': '{"a": 1}', 'modelgate.yml': 'gate:\n  rules:\n    a: { minn: 1 }\n' }, /^modelgate: .*modelgate\.yml: gate\.rules\.a\.minn: unknown key "minn" \(did you mean "min"\?\)/],
    ['wrong type in config', ['gate', '--head', 'h.json'], { 'h.json': '{"a": 1}', 'modelgate.yml': 'gate:\n  on_missing_baseline: maybe\n' }, /modelgate\.yml: gate\.on_missing_baseline: .*"pass".*"fail"/],
    ['missing option', ['diff', '--head', 'h.json'], { 'h.json': '{}' }, /^modelgate: missing required option --base \(see: modelgate diff --help\)\n$/],
    ['unknown option', ['diff', '--bse', 'x'], {}, /^modelgate: diff: unknown option --bse \(did you mean --base\?\)/],
    ['bad format', ['diff', '--base', 'h.json', '--head', 'h.json', '--format', 'html'], { 'h.json': '{}' }, /--format: expected one of text, markdown, json, got "html"/],
    ['CSV metrics with 3 columns', ['gate', '--head', 'm.csv'], { 'm.csv': 'a,1,2\n' }, /m\.csv: row 1: expected 2 columns \(name,value\), found 3/],
    ['no gate rules', ['gate', '--head', 'h.json'], { 'h.json': '{"a": 1}' }, /no gate rules configured/],
  ];
  it.each(cases)('%s', async (_, args, given, message) => {
    const { code, err, out } = await run(args, testdir(given));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('NaN values are reported as invalid, never compared', async () => {
    const { code, out } = await run(['diff', '--base', 'a.json', '--head', 'b.json'], testdir({ 'a.json': '{"acc": 0.9, "auc": 0.8}', 'b.json': '{"acc": NaN, "auc": "nan"}' }));
    expect(code).toBe(0);
    expect(out).toContain('! head is NaN, not compared');
    expect(out).toContain('! head is nan, not compared');
  });

  it('--help lists every option of a command and the exit codes', async () => {
    const { code, out } = await run(['gate', '--help'], testdir());
    expect(code).toBe(0);
    for (const option of ['--head FILE', '--base FILE', '--config FILE', '--comparison FILE', '--format FORMAT', 'Exit codes: 0 ok, 1 a check failed, 2 usage or input error.']) expect(out).toContain(option);
  });
});
