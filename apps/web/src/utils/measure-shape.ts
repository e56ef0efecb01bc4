// The indicator kind a measure implies, for responses that carry the measure only (scorecard cells, series).
// Amounts are stored in 万元 whatever the measure; '%' is a ratio stored as a fraction.

export function kindOfMeasure(measure: string): 'amount' | 'count' | 'ratio' {
  if (measure === '%') return 'ratio';
  if (measure === '亿元' || measure === '万元') return 'amount';
  return 'count';
}
