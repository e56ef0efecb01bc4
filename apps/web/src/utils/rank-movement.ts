import type { MovementTone } from '@pacer/shared';

// Rank movement against the previous frozen month (the label is drawn by @pacer/shared's movementLabel).

export { movementLabel } from '@pacer/shared';
export type { MovementLabel, MovementTone } from '@pacer/shared';

export const MOVEMENT_COLORS: Record<MovementTone, string> = {
  up: '#16a34a',
  down: '#dc2626',
  same: '#94a3b8',
  new: '#2563eb',
};
