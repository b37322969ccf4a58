import { Random } from './random.ts';

export const contracts = ['month-to-month', 'one-year', 'two-year'] as const;
export const internetServices = ['dsl', 'fiber', 'none'] as const;
export const paymentMethods = ['electronic-check', 'mailed-check', 'bank-transfer', 'credit-card'] as const;

export interface Customer {
  id: string;
  tenure_months: number;
  monthly_charges: number;
  total_charges: number;
  contract: (typeof contracts)[number];
  internet_service: (typeof internetServices)[number];
  payment_method: (typeof paymentMethods)[number];
  support_calls: number;
  senior_citizen: 0 | 1;
  paperless_billing: 0 | 1;
  num_products: number;
  late_payments_12m: number;
  /** 1 when the customer left within the next quarter. */
  churned: 0 | 1;
}

export const columns: readonly (keyof Customer)[] = [
  'id', 'tenure_months', 'monthly_charges', 'total_charges', 'contract', 'internet_service', 'payment_method',
  'support_calls', 'senior_citizen', 'paperless_billing', 'num_products', 'late_payments_12m', 'churned',
];

/** How a population differs from the reference one; the "production" sample moves these. */
export interface Population {
  contractMix: Record<Customer['contract'], number>;
  internetMix: Record<Customer['internet_service'], number>;
  /** Added to every monthly charge (a price rise). */
  priceIncrease: number;
  /** Multiplies the rate of support calls (a service incident). */
  supportCallFactor: number;
  /** Mean tenure of month-to-month customers (an influx of new customers shortens it). */
  monthToMonthTenureMean: number;
}

export const referencePopulation: Population = {
  contractMix: { 'month-to-month': 0.5, 'one-year': 0.25, 'two-year': 0.25 },
  internetMix: { dsl: 0.35, fiber: 0.45, none: 0.2 },
  priceIncrease: 0,
  supportCallFactor: 1,
  monthToMonthTenureMean: 18,
};

/** The shifted "production" population: more month-to-month fibre customers, higher prices, more calls. */
export const shiftedPopulation: Population = {
  contractMix: { 'month-to-month': 0.65, 'one-year': 0.2, 'two-year': 0.15 },
  internetMix: { dsl: 0.24, fiber: 0.64, none: 0.12 },
  priceIncrease: 8,
  supportCallFactor: 1.6,
  monthToMonthTenureMean: 11,
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The ground truth: the log-odds of churn as a plausible logistic function of the customer, plus
 * Gaussian noise for everything the data does not capture.
 */
export function churnLogit(c: Omit<Customer, 'churned' | 'id'>): number {
  return (
    -1.4 +
    (c.contract === 'month-to-month' ? 1.1 : c.contract === 'two-year' ? -1.2 : 0) -
    0.035 * c.tenure_months +
    0.015 * (c.monthly_charges - 70) +
    0.32 * c.support_calls +
    (c.internet_service === 'fiber' ? 0.55 : c.internet_service === 'none' ? -0.4 : 0) +
    (c.payment_method === 'electronic-check' ? 0.45 : 0) +
    0.35 * c.senior_citizen +
    0.2 * c.paperless_billing -
    0.22 * (c.num_products - 1) +
    0.3 * c.late_payments_12m
  );
}

export function generateCustomer(random: Random, index: number, population: Population, idPrefix: string): Customer {
  const contract = random.pick(population.contractMix);
  const tenure = Math.min(
    72,
    Math.floor(
      contract === 'month-to-month' ? random.exponential(population.monthToMonthTenureMean) : contract === 'one-year' ? random.uniform(6, 60) : random.uniform(12, 72),
    ),
  );
  const internet = random.pick(population.internetMix);
  const numProducts = Math.min(6, 1 + random.poisson(1.2));
  const basePrice = internet === 'fiber' ? random.normal(85, 12) : internet === 'dsl' ? random.normal(55, 10) : random.normal(22, 3);
  const monthly = round2(Math.min(140, Math.max(18, basePrice + 5 * (numProducts - 1) + population.priceIncrease)));
  const payment = random.pick({ 'electronic-check': 0.33, 'mailed-check': 0.22, 'bank-transfer': 0.22, 'credit-card': 0.23 });
  const customer = {
    tenure_months: tenure,
    monthly_charges: monthly,
    total_charges: round2(monthly * tenure * random.uniform(0.95, 1.05)),
    contract,
    internet_service: internet,
    payment_method: payment,
    support_calls: random.poisson((0.8 + (internet === 'fiber' ? 0.8 : 0)) * population.supportCallFactor),
    senior_citizen: random.bernoulli(0.16) ? 1 : 0,
    paperless_billing: random.bernoulli(0.6) ? 1 : 0,
    num_products: numProducts,
    late_payments_12m: random.poisson(payment === 'electronic-check' ? 0.8 : 0.4),
  } satisfies Omit<Customer, 'churned' | 'id'>;
  const churned = random.bernoulli(sigmoid(churnLogit(customer) + random.normal(0, 0.6))) ? 1 : 0;
  return { id: `${idPrefix}${String(index + 1).padStart(6, '0')}`, ...customer, churned };
}

export function generateCustomers(seed: number, count: number, population: Population, idPrefix: string): Customer[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, index) => generateCustomer(random, index, population, idPrefix));
}

export function toCsv(rows: readonly Customer[]): string {
  return `${columns.join(',')}\n${rows.map((row) => columns.map((column) => row[column]).join(',')).join('\n')}\n`;
}
