import { contracts, internetServices, paymentMethods, type Customer } from './customers.ts';

type Numeric = 'tenure_months' | 'monthly_charges' | 'total_charges' | 'support_calls' | 'senior_citizen' | 'paperless_billing' | 'num_products' | 'late_payments_12m';
type Categorical = 'contract' | 'internet_service' | 'payment_method';

export const featureSets = {
  /** What the first model used: how long, how much, and the contract. */
  basic: { numeric: ['tenure_months', 'monthly_charges'], categorical: ['contract'] },
  full: {
    numeric: ['tenure_months', 'monthly_charges', 'total_charges', 'support_calls', 'senior_citizen', 'paperless_billing', 'num_products', 'late_payments_12m'],
    categorical: ['contract', 'internet_service', 'payment_method'],
  },
} as const satisfies Record<string, { numeric: readonly Numeric[]; categorical: readonly Categorical[] }>;
export type FeatureSetName = keyof typeof featureSets;

const levels: Record<Categorical, readonly string[]> = { contract: contracts, internet_service: internetServices, payment_method: paymentMethods };

/** How raw columns become model inputs; saved with the model so scoring encodes exactly as training did. */
export interface Encoding {
  featureSet: FeatureSetName;
  /** Column names of the design matrix, intercept first. */
  columns: string[];
  numeric: { name: Numeric; mean: number; sd: number }[];
  /** One indicator per level except the first (the reference level, absorbed by the intercept). */
  categorical: { name: Categorical; levels: string[] }[];
}

export function fitEncoding(rows: readonly Customer[], featureSet: FeatureSetName): Encoding {
  const set = featureSets[featureSet];
  const numeric = set.numeric.map((name) => {
    const mean = rows.reduce((sum, row) => sum + row[name], 0) / rows.length;
    const variance = rows.reduce((sum, row) => sum + (row[name] - mean) ** 2, 0) / rows.length;
    return { name, mean, sd: Math.sqrt(variance) || 1 };
  });
  const categorical = set.categorical.map((name) => ({ name, levels: [...levels[name]] }));
  const columns = ['intercept', ...numeric.map((n) => n.name), ...categorical.flatMap((c) => c.levels.slice(1).map((level) => `${c.name}=${level}`))];
  return { featureSet, columns, numeric, categorical };
}

export function encode(rows: readonly Customer[], encoding: Encoding): number[][] {
  return rows.map((row) => [
    1,
    ...encoding.numeric.map(({ name, mean, sd }) => (row[name] - mean) / sd),
    ...encoding.categorical.flatMap(({ name, levels }) => levels.slice(1).map((level) => (row[name] === level ? 1 : 0))),
  ]);
}
