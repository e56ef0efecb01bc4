/** The manual key in groups of four, as authenticator apps show and accept it. */
export function groupKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The text of the downloaded recovery codes file: a header line, then one code a line. */
export function recoveryCodesText(header: string, codes: readonly string[]): string {
  return [header, '', ...codes, ''].join('\n');
}

/** A 6-digit code as typed: only the digits, at most six (pasted "123 456" works). */
export function cleanCode(input: string): string {
  return input.replace(/\D/g, '').slice(0, 6);
}
