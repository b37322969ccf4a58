import { describe, expect, it } from 'vitest';
import { renderDriftMarkdown } from './render-markdown.ts';
import type { DriftColumn, DriftReport, SketchError } from './schema.ts';

function column(name: string, statistic: number, drifted: boolean, sketch?: Partial<SketchError>): DriftColumn {
  return {
    name, type: 'numeric', method: 'wasserstein', status: 'tested', reason: null, statistic, statistic_name: 'normalised W1', p_value: null,
    threshold: 0.1, drifted, effect_size: { name: 'normalised W1', value: statistic },
    reference_rows: 1000, current_rows: 1000, reference_nulls: 0, current_nulls: 0, reference_nan: 0, current_nan: 0,
    reference_infinite: 0, current_infinite: 0, distinct_reference: null,
    ...(sketch ? { sketch_error: { statistic: 0.004, effect_size: 0.004, reference_rank_error: 0.0035, current_rank_error: 0.0035, verdict_holds: true, basis: 'KLL rank error', ...sketch } } : {}),
  };
}

function report(columns: DriftColumn[], mode?: 'profile'): DriftReport {
  const drifted = columns.filter((entry) => entry.drifted).length;
  return {
    drifted: drifted / columns.length >= 0.5, drifted_share: drifted / columns.length, drift_share: 0.5, counted: columns.length, drifted_count: drifted,
    reference: { path: 'ref.profile.json', rows: 1000, ...(mode ? { profile: true } : {}) }, current: { path: 'cur.csv', rows: 1000 },
    ...(mode ? { mode } : {}), columns,
  };
}

describe('renderDriftMarkdown', () => {
  it('shows exact statistics as they are, with no profile note', () => {
    const text = renderDriftMarkdown(report([column('income', 0.25, true)]), { title: 'Data drift: churn' });
    expect(text).toMatch(/\| income \| numeric \| wasserstein \| 0\.25 \|/);
    expect(text).not.toContain('±');
    expect(text).not.toContain('From profiles');
  });

  it('from profiles, gives each sketched statistic its bound and flags a verdict the bound could reverse', () => {
    const text = renderDriftMarkdown(
      report([column('income', 0.25, true, {}), column('tenure', 0.098, false, { statistic: 0.006, verdict_holds: false }), column('plan', 0.3, true, { statistic: null, verdict_holds: false })], 'profile'),
      { title: 'Data drift: churn' },
    );
    expect(text).toMatch(/\| income \| numeric \| wasserstein \| 0\.25 ±0\.004 \|.*\| ❌ drift \|/);
    expect(text).toMatch(/\| tenure \|.*\| 0\.098 ±0\.006 \|.*\| ✅ no drift \(⚠️ within the sketch error of the threshold\) \|/);
    expect(text).toMatch(/\| plan \|.*\| ~0\.3 \|/);
    expect(text).toContain('From profiles: ± is how far a statistic may be from the exact one');
  });
});
