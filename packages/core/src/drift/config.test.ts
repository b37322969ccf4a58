import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.ts';
import { configSchema } from '../review/config.ts';

describe('drift: in modelgate.yml', () => {
  it('has defaults, and takes methods as one name or a list', () => {
    expect(configSchema.parse({}).drift).toEqual({ categorical: [], exclude: [], method: 'auto', drift_share: 0.5, null_values: [], columns: {} });
    const config = configSchema.parse({ drift: { categorical: ['zip'], method: ['ks', 'psi'], threshold: 0.01, columns: { age: { method: 'js' }, plan: { threshold: 0.2 } } } });
    expect(config.drift).toMatchObject({ categorical: ['zip'], method: ['ks', 'psi'], threshold: 0.01, columns: { age: { method: 'js' }, plan: { threshold: 0.2 } } });
  });

  it('rejects unknown keys and methods, naming the path', () => {
    expect(() => parseWith(configSchema, { drift: { columns: { age: { metod: 'ks' } } } }, 'modelgate.yml')).toThrow('modelgate.yml: drift.columns.age.metod: unknown key "metod" (did you mean "method"?)');
    expect(() => parseWith(configSchema, { drift: { method: 'kolmogorov' } }, 'modelgate.yml')).toThrow(/^modelgate\.yml: drift\.method: /);
    expect(() => parseWith(configSchema, { drift: { drift_share: 0 } }, 'modelgate.yml')).toThrow(/drift\.drift_share/);
    expect(() => parseWith(configSchema, { drift: { columns: { age: {} } } }, 'modelgate.yml')).toThrow('modelgate.yml: drift.columns.age: give a method or a threshold');
  });
});
