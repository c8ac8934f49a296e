/**
 * Verification codes are printed as XXXX-XXXX-XXXX-XXXX. People type them with spaces, dots,
 * lower case or without dashes: keep the letters and digits and group them again.
 */
export function normalizeVerificationCode(input: string): string {
  const plain = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (plain.length !== 16) return plain;
  return plain.match(/.{4}/g)!.join('-');
}
