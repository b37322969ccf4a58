// Seeded generator for the validate benchmark: a CSV of ROWS x 10 typed columns (~55 bytes a row)
// with a few planted violations, written once into .bench-data/ (gitignored).
import { join } from 'node:path';
import { writeOnce } from './write-once.ts';

export const benchDataDir = join(import.meta.dirname, '..', '.bench-data');
export const countries = ['US', 'FR', 'DE', 'GB', 'IN', 'BR', 'JP', 'CA'];
export const statuses = ['active', 'churned', 'trial'];
export const emailPattern = '[a-z0-9.]+@[a-z0-9]+\\.[a-z]+';

/** The 12 rules of the benchmark: nulls, ranges, sets, regex, unique id, row count, mean bound. */
export const schemaYaml = `
columns:
  id: {type: integer, nullable: false, unique: true}
  user_id: {type: integer}
  age: {type: integer, min: 0, max: 120}
  amount: {type: number, min: 0, mean: {min: 400, max: 600}}
  score: {type: number, min: 0, max: 1}
  country: {type: category, allowed: [${countries.join(', ')}]}
  email: {type: string, pattern: '${emailPattern}'}
  day: {type: date}
  status: {type: category, allowed: [${statuses.join(', ')}]}
  flag: {type: boolean}
table:
  rows: {min: 1000000}
`;

/** Writes (once) the CSV with `rows` rows and returns its path. */
export function ensureCsv(rows: number): string {
  return writeOnce(join(benchDataDir, `validate-${rows / 1e6}m.csv`), (write) => {
    write('id,user_id,age,amount,score,country,email,day,status,flag\n');
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const days = Array.from({ length: 366 }, (_, d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
    for (let i = 1; i <= rows; i++) {
      const id = i % 400_000 === 0 ? i - 1 : i; // planted duplicate ids
      const user = 1 + Math.floor(next() * 100_000);
      const age = i % 250_000 === 0 ? 150 : 18 + Math.floor(next() * 72);
      const amount = (i % 300_000 === 0 ? -1 : 1) * Math.floor(next() * 100_000) / 100;
      const score = (Math.floor(next() * 10_000) / 10_000).toFixed(4);
      const country = i % 500_000 === 0 ? 'ZZ' : countries[Math.floor(next() * countries.length)];
      const email = i % 350_000 === 0 ? 'not-an-email' : `u${user}@ex.com`;
      const day = days[Math.floor(next() * 366)];
      const status = statuses[Math.floor(next() * 3)];
      const flag = next() < 0.5 ? 'true' : 'false';
      write(`${id},${user},${age},${amount},${score},${country},${email},${day},${status},${flag}\n`);
    }
  });
}
