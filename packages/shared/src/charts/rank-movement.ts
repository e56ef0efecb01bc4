import type { RankMovement } from '../contracts/ranking.js';

// Rank movement against the previous frozen month, as the 通报 writes it: ↑2 (green), ↓1 (red), 新, —.

export type MovementTone = 'up' | 'down' | 'same' | 'new';

export interface MovementLabel {
  /** '↑2', '↓1', '—', or the caller's word for new ('新'). */
  text: string;
  tone: MovementTone;
}

export function movementLabel(movement: RankMovement | null | undefined, newText = '新'): MovementLabel {
  if (!movement) return { text: '—', tone: 'same' };
  switch (movement.kind) {
    case 'up':
      return { text: `↑${movement.places}`, tone: 'up' };
    case 'down':
      return { text: `↓${movement.places}`, tone: 'down' };
    case 'new':
      return { text: newText, tone: 'new' };
    default:
      return { text: '—', tone: 'same' };
  }
}
