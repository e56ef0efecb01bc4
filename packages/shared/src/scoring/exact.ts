import { Dec, type DecimalInput } from '../money/decimal.js';

/** How a published figure is rounded: 四舍五入 (default), 进一法 (away from zero), 去尾法 (towards zero). */
export type RoundingMode = 'half-up' | 'up' | 'down';
export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'up', 'down'];

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * An exact rational number (BigInt numerator over a positive BigInt denominator). Every figure Pacer stores is a
 * finite decimal, so a ratio of two of them, a target and a time progress m/12 are all exact fractions: comparing
 * them this way never turns a rate that is exactly on 序时进度 yellow (issue 16, defect 3). Decimals are only
 * produced for publishing (`toDec`, `round`).
 */
export class Fraction {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(value: DecimalInput | Fraction): Fraction {
    if (value instanceof Fraction) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return new Fraction(BigInt(value), 1n);
    // plain decimal text (every stored figure) is parsed directly: a cell computes thousands of these
    const text = typeof value === 'string' && DECIMAL.test(value) ? value : new Dec(value).toFixed();
    const m = DECIMAL.exec(text);
    if (!m) throw new RangeError(`not a finite decimal: ${text}`);
    const decimals = m[3] ?? '';
    const n = BigInt(`${m[2]}${decimals}`) * (m[1] ? -1n : 1n);
    return Fraction.make(n, 10n ** BigInt(decimals.length));
  }

  static ratio(numerator: DecimalInput | Fraction, denominator: DecimalInput | Fraction): Fraction | null {
    const den = Fraction.of(denominator);
    if (den.n === 0n) return null;
    return Fraction.of(numerator).div(den);
  }

  // not reduced: every operation is exact either way, and a cell does only a few of them (reducing costs a gcd each)
  private static make(n: bigint, d: bigint): Fraction {
    if (d === 0n) throw new RangeError('division by zero');
    return d < 0n ? new Fraction(-n, -d) : new Fraction(n, d);
  }

  /** The same value in lowest terms. */
  reduced(): Fraction {
    const g = gcd(this.n, this.d) || 1n;
    return new Fraction(this.n / g, this.d / g);
  }

  plus(o: DecimalInput | Fraction): Fraction {
    const b = Fraction.of(o);
    return Fraction.make(this.n * b.d + b.n * this.d, this.d * b.d);
  }

  minus(o: DecimalInput | Fraction): Fraction {
    const b = Fraction.of(o);
    return Fraction.make(this.n * b.d - b.n * this.d, this.d * b.d);
  }

  mul(o: DecimalInput | Fraction): Fraction {
    const b = Fraction.of(o);
    return Fraction.make(this.n * b.n, this.d * b.d);
  }

  div(o: DecimalInput | Fraction): Fraction {
    const b = Fraction.of(o);
    return Fraction.make(this.n * b.d, this.d * b.n);
  }

  cmp(o: DecimalInput | Fraction): number {
    const b = Fraction.of(o);
    const diff = this.n * b.d - b.n * this.d;
    return diff === 0n ? 0 : diff > 0n ? 1 : -1;
  }

  isNeg(): boolean {
    return this.n < 0n;
  }

  isZero(): boolean {
    return this.n === 0n;
  }

  private asDec: Dec | undefined;

  /** The value at 40 significant digits (the precision of every published "exact" figure); kept once computed. */
  toDec(): Dec {
    this.asDec ??= new Dec(this.n.toString()).div(new Dec(this.d.toString()));
    return this.asDec;
  }

  /** Rounded to `decimals` places by `mode`, exactly (no intermediate rounding), as a Dec. */
  round(decimals: number, mode: RoundingMode = 'half-up'): Dec {
    return new Dec(this.roundText(decimals, mode));
  }

  /** Rounded to `decimals` places by `mode`, exactly, as text with exactly `decimals` places ('-0.50'). */
  roundText(decimals: number, mode: RoundingMode = 'half-up'): string {
    const scale = 10n ** BigInt(decimals);
    const scaled = this.n * scale;
    const negative = scaled < 0n;
    const abs = negative ? -scaled : scaled;
    let q = abs / this.d;
    const r = abs % this.d;
    if (r !== 0n) {
      if (mode === 'up') q += 1n;
      else if (mode === 'half-up' && 2n * r >= this.d) q += 1n;
    }
    const digits = q.toString().padStart(decimals + 1, '0');
    const text =
      decimals === 0 ? digits : `${digits.slice(0, digits.length - decimals)}.${digits.slice(-decimals)}`;
    return negative && q !== 0n ? `-${text}` : text;
  }
}

/** A decimal rounded by mode: the published form of an exact figure. */
export function roundBy(
  value: DecimalInput | Fraction,
  decimals: number,
  mode: RoundingMode = 'half-up',
): Dec {
  return Fraction.of(value).round(decimals, mode);
}
