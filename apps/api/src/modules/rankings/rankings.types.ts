// The rankings module's types for the modules that draw on it (month close, dashboard, 通报, Excel): types, and the pure
// view of a scored month's boards (the 通报's spec builds its input with it).
export type { IndicatorMeta, RankingPlan } from './rankings.repository';
export type { PreviousRanks } from './ranking-views';
export type { ScoredMonth, ScoredMonthHeader, ScoredUnitView } from './scored-month';
export type { SnapshotHeader } from './ranking-snapshots.repository';
export { boardsView } from './board-views';
export { toRankingResponse } from './ranking-views';
export { headlineFigures } from './scored-month';
export { ownCellsOf, type OwnLineRules } from './own-cells';
