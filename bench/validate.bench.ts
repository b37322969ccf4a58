// modelgate validate against DuckDB (threads=1, the equivalent SQL) and pandas on the same files,
// in the same run: a generated CSV of 2M rows x 10 typed columns and a 12-rule schema (nulls,
// ranges, sets, regex, unique id, row count, mean bound), the same data as Parquet and as JSON Lines
// (DuckDB read_json with the same column types; pandas only for CSV), and files 5x
// larger to show that memory stays flat. Every engine runs as its own process under
// GNU time (wall time and peak RSS, start-up included; /proc VmHWM without it), best of two runs
// for the 2M files.
// The counts of failing values must agree between engines, or the benchmark fails.
// Data is generated once into .bench-data/. Run: pnpm bench validate
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { benchDataDir, countries, emailPattern, ensureCsv, schemaYaml, statuses } from './validate-data.ts';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages', 'cli', 'bin', 'modelgate.js');
const schemaPath = join(benchDataDir, 'validate-schema.yml');
/** The same rules without `unique`, the one check whose memory grows with the data (per distinct id). */
const noUniqueSchemaPath = join(benchDataDir, 'validate-schema-no-unique.yml');
const SMALL = 2_000_000;
const LARGE = 5 * SMALL;
const columnTypes = "{'id': 'BIGINT', 'user_id': 'BIGINT', 'age': 'BIGINT', 'amount': 'DOUBLE', 'score': 'DOUBLE', 'country': 'VARCHAR', 'email': 'VARCHAR', 'day': 'VARCHAR', 'status': 'VARCHAR', 'flag': 'BOOLEAN'}";
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The 12 rules in SQL, one scan: grouping by id gives the duplicate count in the same pass. */
function duckdbSql(source: string): string {
  return `
SELECT sum(n) AS "rows", coalesce(sum(n) FILTER (WHERE n > 1 AND id IS NOT NULL), 0) AS "id unique",
  coalesce(sum(n) FILTER (WHERE id IS NULL), 0) AS "id nullable",
  sum(age_min) AS "age min", sum(age_max) AS "age max", sum(amount_min) AS "amount min",
  sum(amount_sum) / sum(amount_n) AS "amount mean", sum(score_min) AS "score min", sum(score_max) AS "score max",
  sum(country_allowed) AS "country allowed", sum(email_pattern) AS "email pattern", sum(status_allowed) AS "status allowed",
  sum(day_type) AS "day type"
FROM (
  SELECT id, count(*) AS n,
    count(*) FILTER (WHERE age < 0) AS age_min, count(*) FILTER (WHERE age > 120) AS age_max,
    count(*) FILTER (WHERE amount < 0) AS amount_min, sum(amount) AS amount_sum, count(amount) AS amount_n,
    count(*) FILTER (WHERE score < 0) AS score_min, count(*) FILTER (WHERE score > 1) AS score_max,
    count(*) FILTER (WHERE country NOT IN (${list(countries)})) AS country_allowed,
    count(*) FILTER (WHERE NOT regexp_full_match(email, '${emailPattern}')) AS email_pattern,
    count(*) FILTER (WHERE status NOT IN (${list(statuses)})) AS status_allowed,
    count(*) FILTER (WHERE day IS NOT NULL AND try_strptime(day, '%Y-%m-%d') IS NULL) AS day_type
  FROM ${source}
  GROUP BY id)`;
}

type Counts = Record<string, number>;
interface Measured {
  seconds: number;
  rssMb: number;
  counts: Counts;
}

const gnuTime = existsSync('/usr/bin/time');

/**
 * Runs a command: wall seconds and peak RSS (start-up and every thread included), and stdout.
 * Uses GNU time when installed; otherwise polls VmHWM (the kernel's peak-RSS mark) in /proc.
 */
async function spawnTimed(command: string, args: string[]): Promise<{ seconds: number; rssMb: number; stdout: string }> {
  if (gnuTime) {
    const result = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const match = /TIME ([\d.]+) (\d+)/.exec(result.stderr);
    if (result.status !== 0 || !match) throw new Error(`${command} ${args.join(' ')}: exit ${result.status}: ${result.stderr}`);
    return { seconds: Number(match[1]), rssMb: Number(match[2]) / 1024, stdout: result.stdout };
  }
  const start = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const poll = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process has just exited
    }
  }, 10);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')}: exit ${code}: ${stderr}`);
  return { seconds: (performance.now() - start) / 1000, rssMb: peakKb / 1024, stdout };
}

/** A child that prints its counts as JSON on its last line. */
async function timed(command: string, args: string[]): Promise<Measured> {
  const { seconds, rssMb, stdout } = await spawnTimed(command, args);
  return { seconds, rssMb, counts: JSON.parse(stdout.trim().split('\n').at(-1)!) };
}

/** Child mode: one DuckDB run in this process, counts on stdout. */
async function duckdbChild(path: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await db.connect();
  const source = path.endsWith('.parquet')
    ? `read_parquet('${path}')`
    : path.endsWith('.jsonl')
      ? `read_json('${path}', format = 'newline_delimited', columns = ${columnTypes})`
      : `read_csv('${path}', header = true, columns = ${columnTypes})`;
  const rows = (await connection.runAndReadAll(duckdbSql(source))).getRowObjectsJson()[0]!;
  console.log(JSON.stringify(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Number(v)]))));
}

/** Child mode: modelgate through its CLI, counts from the JSON report. */
function oursCounts(reportPath: string): Counts {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { rows: number; checks: { column: string | null; check: string; failed: number; observed?: number }[] };
  const counts: Counts = { rows: report.rows };
  for (const check of report.checks) {
    const name = `${check.column ?? 'table'} ${check.check}`;
    if (name === 'amount mean') counts[name] = check.observed!;
    else if (check.check !== 'type' || name === 'day type') counts[name] = check.failed;
  }
  return counts;
}

async function runOurs(path: string, schema = schemaPath): Promise<Measured> {
  const report = join(benchDataDir, 'validate-report.json');
  const { seconds, rssMb } = await spawnTimed(process.execPath, [cli, 'validate', path, '--schema', schema, '--output', report, '--fail-on', 'never']);
  return { seconds, rssMb, counts: oursCounts(report) };
}

async function best(runs: number, run: () => Promise<Measured>): Promise<Measured> {
  let winner: Measured | undefined;
  for (let i = 0; i < runs; i++) {
    const result = await run();
    if (!winner || result.seconds < winner.seconds) winner = { ...result, rssMb: Math.max(result.rssMb, winner?.rssMb ?? 0) };
  }
  return winner!;
}

function hasPandas(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The CSV's rows as Parquet (snappy) or JSON Lines, written once by DuckDB. */
async function ensureConverted(csvPath: string, format: 'parquet' | 'jsonl'): Promise<string> {
  const path = csvPath.replace(/\.csv$/, `.${format}`);
  if (existsSync(path)) return path;
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await db.connect();
  const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION snappy' : 'FORMAT json';
  await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}', header = true, columns = ${columnTypes})) TO '${path}.tmp' (${options})`);
  connection.closeSync();
  renameSync(`${path}.tmp`, path);
  return path;
}

function agree(a: Counts, b: Counts): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(b)) {
    const mine = a[key];
    const same = key === 'amount mean' ? Math.abs((mine ?? NaN) - value) < 1e-6 * Math.abs(value) : mine === value;
    if (!same) problems.push(`${key}: modelgate ${mine}, other ${value}`);
  }
  return problems;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--duckdb-child') return duckdbChild(process.argv[3]!);
  mkdirSync(benchDataDir, { recursive: true });
  writeFileSync(schemaPath, schemaYaml);
  const noUnique = schemaYaml.replace(', unique: true', '');
  if (noUnique === schemaYaml) throw new Error('bench schema: no unique rule to drop');
  writeFileSync(noUniqueSchemaPath, noUnique);
  const sizes = [SMALL, LARGE] as const;
  const pandas = hasPandas();
  const rows: string[][] = [];
  const failures: string[] = [];
  const oursRss: Record<string, number> = {};
  const noUniqueRss: Record<string, number> = {};
  for (const size of sizes) {
    const csv = ensureCsv(size);
    const parquet = await ensureConverted(csv, 'parquet');
    const jsonl = await ensureConverted(csv, 'jsonl');
    const repeats = size === SMALL ? 2 : 1;
    for (const file of [csv, parquet, jsonl]) {
      const format = file.endsWith('.csv') ? 'CSV' : file.endsWith('.jsonl') ? 'JSONL' : 'Parquet';
      const ours = await best(repeats, () => runOurs(file));
      const duck = await best(repeats, () => timed(process.execPath, [import.meta.filename, '--duckdb-child', file]));
      const panda = pandas && format === 'CSV' ? await best(1, () => timed('/usr/bin/python3', [join(import.meta.dirname, 'validate_pandas.py'), file, emailPattern, countries.join(','), statuses.join(',')])) : undefined;
      for (const [name, other] of [['DuckDB', duck], ['pandas', panda]] as const) {
        if (!other) continue;
        const problems = agree(ours.counts, other.counts);
        if (problems.length > 0) failures.push(`${format} ${size / 1e6}M vs ${name}: ${problems.join('; ')}`);
      }
      oursRss[`${format} ${size}`] = ours.rssMb;
      noUniqueRss[`${format} ${size}`] = (await runOurs(file, noUniqueSchemaPath)).rssMb;
      const label = `${format} ${size / 1e6}M rows`;
      rows.push([label, 'modelgate', ours.seconds.toFixed(2), ours.rssMb.toFixed(0), (ours.seconds / duck.seconds).toFixed(2), panda ? (panda.seconds / ours.seconds).toFixed(1) : 'n/a']);
      rows.push([label, 'DuckDB threads=1', duck.seconds.toFixed(2), duck.rssMb.toFixed(0), '1.00', '']);
      if (panda) rows.push([label, 'pandas', panda.seconds.toFixed(2), panda.rssMb.toFixed(0), (panda.seconds / duck.seconds).toFixed(2), '']);
      console.error(`done: ${label}`);
    }
  }
  const header = ['file', 'engine', 'wall s', 'peak RSS MB', 'time / DuckDB', 'pandas time / ours'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  const growth = (rss: Record<string, number>, format: string) => {
    const small = rss[`${format} ${SMALL}`]!;
    const large = rss[`${format} ${LARGE}`]!;
    return `${small.toFixed(0)} MB at ${SMALL / 1e6}M rows, ${large.toFixed(0)} MB at ${LARGE / 1e6}M rows (${large >= small ? '+' : ''}${(((large - small) / small) * 100).toFixed(0)}%)`;
  };
  for (const format of ['CSV', 'Parquet', 'JSONL']) {
    console.log(`${format}: modelgate peak RSS with the unique rule ${growth(oursRss, format)}; without it ${growth(noUniqueRss, format)}`);
  }
  if (!pandas) console.log('pandas: /usr/bin/python3 cannot import pandas; skipped');
  if (failures.length > 0) {
    console.error(`engines disagree:\n${failures.join('\n')}`);
    process.exitCode = 1;
  } else console.log('failure counts agree across engines for all 12 rules');
}

await main();
