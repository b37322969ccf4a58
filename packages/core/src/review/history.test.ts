import { describe, expect, it } from 'vitest';
import { HISTORY_KEEP, appendHistory, historyEntry, historyText, parseHistory } from './history.ts';

const entry = (i: number) => historyEntry([['auc', 0.8 + i / 1000]], { sha: `sha${i}`, runId: String(i), at: new Date(Date.UTC(2026, 0, 1, i)).toISOString() });

describe('history.jsonl', () => {
  it('round-trips through its text and keeps the newest 100 runs', () => {
    let entries = Array.from({ length: HISTORY_KEEP }, (_, i) => entry(i));
    entries = appendHistory(entries, entry(HISTORY_KEEP));
    expect(entries).toHaveLength(HISTORY_KEEP);
    expect(entries[0]!.sha).toBe('sha1');
    expect(entries.at(-1)!.sha).toBe(`sha${HISTORY_KEEP}`);
    expect(parseHistory(historyText(entries), 'h')).toEqual({ entries });
  });

  it('replaces the line of a re-run (same run id) instead of adding a second one', () => {
    const rerun = { ...entry(2), metrics: { auc: 0.9 } };
    expect(appendHistory([entry(1), entry(2)], rerun).map((e) => e.metrics.auc)).toEqual([0.801, 0.9]);
  });

  it('leaves out non-finite values', () => {
    expect(historyEntry([['a', Number.NaN], ['b', 1]], { sha: 's', runId: '1', at: '2026-01-01T00:00:00.000Z' }).metrics).toEqual({ b: 1 });
  });

  it('names the file and line of a malformed line or another schema version, and uses none of it', () => {
    const good = historyText([entry(1)]);
    expect(parseHistory(`${good}{oops\n`, 'artifact history.jsonl')).toEqual({ problem: 'artifact history.jsonl: line 2 is not JSON' });
    expect(parseHistory(`${good}${JSON.stringify({ ...entry(2), schema: 'modelgate.history/v2' })}\n`, 'h')).toEqual({ problem: 'h: line 2 has schema "modelgate.history/v2", expected "modelgate.history/v1"' });
    expect(parseHistory(`${JSON.stringify({ ...entry(2), metrics: { auc: 'high' } })}\n`, 'h')).toMatchObject({ problem: expect.stringMatching(/^h: line 1: metrics\.auc: /) });
    expect(parseHistory('\n\n', 'h')).toEqual({ entries: [] });
  });
});
