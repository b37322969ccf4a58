import { describe, expect, it } from 'vitest';
import { configSchema, parseWith } from '@modelgate/core';
import { parseYamlText } from '@modelgate/data';
import { starterConfig } from './init-config.ts';

/** The commented examples turned on: `# ` dropped before the keys they set, indentation kept. */
function uncommentExamples(text: string): string {
  return text.replace(/^([ \t]*)# ( *(?:metrics|latency_ms|auc|rmse|"recall\[plan=\*\]"|tolerance):)/gm, '$1$2');
}

describe("init's modelgate.yml", () => {
  it('parses as written: the defaults, a report title, the registry stages', () => {
    const config = parseWith(configSchema, parseYamlText(starterConfig('1.2.3'), 'modelgate.yml'), 'modelgate.yml');
    expect(config.metrics).toEqual({});
    expect(config.gate).toEqual({ on_missing_baseline: 'pass', rules: { accuracy: { max_regression: { kind: 'relative', value: 0.01, text: '1%' } } } });
    expect(config.report).toEqual({ title: 'Model report' });
    expect(config.registry).toEqual({ stages: ['staging', 'production'], protected: ['production'] });
    expect(starterConfig('1.2.3')).toContain('(modelgate 1.2.3)');
  });

  it('parses with every commented example turned on', () => {
    const text = uncommentExamples(starterConfig('1.2.3'));
    const config = parseWith(configSchema, parseYamlText(text, 'modelgate.yml'), 'modelgate.yml');
    expect(Object.keys(config.metrics)).toEqual(['latency_ms', 'auc']);
    expect(Object.keys(config.gate.rules)).toEqual(['accuracy', 'auc', 'rmse', 'recall[plan=*]']);
    expect(config.report.tolerance).toEqual({ kind: 'absolute', value: 0.0005 });
  });
});
