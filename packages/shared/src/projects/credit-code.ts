/**
 * 统一社会信用代码 (unified social credit identifier, GB 32100-2015): 18 characters from a 31-character set
 * (digits and capitals without I, O, S, V, Z). Positions 1–2 are the registering authority and entity kind,
 * 3–8 the administrative division (digits), 9–17 the organisation code, 18 a check character:
 * check = 31 − (Σ value(cᵢ) × wᵢ mod 31), with 31 written as 0.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The layout (the same pattern as the database CHECK); the check character is verified separately. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when they are not well-formed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17 || !CREDIT_CODE_PATTERN.test(`${first17}0`)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The layout is right (without looking at the check character). */
export function isCreditCodeFormat(value: unknown): value is string {
  return typeof value === 'string' && CREDIT_CODE_PATTERN.test(value);
}

/** A well-formed code whose 18th character is the right check character. */
export function isValidCreditCode(value: unknown): value is string {
  return isCreditCodeFormat(value) && creditCodeCheckChar(value.slice(0, 17)) === value[17];
}

/** Appends the check character to 17 well-formed characters (test data, demo seeds). */
export function withCreditCodeCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new RangeError(`not the first 17 characters of a credit code: ${first17}`);
  return `${first17}${check}`;
}
