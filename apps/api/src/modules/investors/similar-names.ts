// 客商库 duplicates: a company typed twice under slightly different names (with or without 有限公司, a space, a
// bracket) is shown as a candidate on its page and when it is added; the office merges by editing (audited).

const NOISE = /[\s\p{P}\p{S}]+/gu;
// the legal-form tails that differ between two spellings of one company
const TAILS = /(股份有限公司|有限责任公司|有限公司|集团|公司|股份)$/u;

/** A company name as compared: NFKC, lower case, no spaces or punctuation, the legal-form tail dropped. */
export function companyKey(name: string): string {
  let key = name.normalize('NFKC').replace(NOISE, '').toLowerCase();
  for (let i = 0; i < 3 && TAILS.test(key); i++) key = key.replace(TAILS, '');
  return key;
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text);
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice over character bigrams of the two keys, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  const x = companyKey(a);
  const y = companyKey(b);
  if (x.length === 0 || y.length === 0) return 0;
  if (x === y) return 1;
  const bx = bigrams(x);
  const by = bigrams(y);
  let size = 0;
  let shared = 0;
  for (const n of bx.values()) size += n;
  for (const [gram, n] of by) {
    size += n;
    shared += Math.min(n, bx.get(gram) ?? 0);
  }
  return size === 0 ? 0 : (2 * shared) / size;
}

/** Very similar: the same key, or bigram Dice ≥ 0.75 (恒瑞新材料科技 vs 恒瑞新材料科技（江苏）). */
export const SIMILAR_THRESHOLD = 0.75;

export function isSimilarName(a: string, b: string): boolean {
  return nameSimilarity(a, b) >= SIMILAR_THRESHOLD;
}
