// How an indicator's stored figure is drawn: one implementation in @pacer/shared (the trend chart there uses it).
export { chartValue, figureText, figureUnit, forecastText } from '@pacer/shared';
export type { IndicatorShape } from '@pacer/shared';
