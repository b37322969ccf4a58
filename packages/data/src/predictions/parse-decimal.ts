const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number(text) for CSV cells, about twice as fast on plain decimals like `0.8123` or `-12.5`
 * (measured on 2M cells; parsing dominated loading 10M predictions). Exact by Clinger's fast path:
 * with at most 15 significant digits the digits form an integer below 2^53, 10^k is exact for
 * k <= 22, and one IEEE division rounds correctly, so the result is bit-identical to Number().
 * Anything else (exponents, spaces, signs other than a leading minus, long mantissas) uses Number().
 */
export function parseDecimal(text: string): number {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  let mantissa = 0;
  let digits = 0;
  let sawDigit = false;
  let fraction = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      sawDigit = true;
      if (mantissa !== 0 || fraction >= 0) digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else return Number(text);
  }
  if (!sawDigit || digits > 15 || fraction > 22) return Number(text);
  const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction]! : mantissa;
  return text.charCodeAt(0) === 45 ? -value : value;
}
