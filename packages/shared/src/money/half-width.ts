/**
 * A figure typed with a Chinese input method: full-width digits (０–９), the full-width point (．) or the ideographic
 * full stop used as one (。), a full-width minus (－) become ASCII, and spaces around (also the ideographic space) go
 * ('３．５' → '3.5', ' １２ ' → '12'); a space inside ('1 000') stays, for the validation to refuse. Anything else is left as it is, for the caller's validation to refuse.
 */
export function toHalfWidthFigure(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/\uFF0D/g, '-')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}
