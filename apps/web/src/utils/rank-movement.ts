// Rank movement against the previous frozen month (the label is drawn by @pacer/shared's movementLabel).

export { movementLabel } from '@pacer/shared';
export type { MovementLabel, MovementTone } from '@pacer/shared';
