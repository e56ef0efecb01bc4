import { describe, expect, it } from 'vitest';

import { movementLabel } from './rank-movement';

describe('movementLabel', () => {
  it('should write ↑2, ↓1, — and 新', () => {
    expect(movementLabel({ kind: 'up', places: 2 })).toEqual({ text: '↑2', tone: 'up' });
    expect(movementLabel({ kind: 'down', places: 1 })).toEqual({ text: '↓1', tone: 'down' });
    expect(movementLabel({ kind: 'same', places: 0 })).toEqual({ text: '—', tone: 'same' });
    expect(movementLabel({ kind: 'new', places: 0 })).toEqual({ text: '新', tone: 'new' });
    expect(movementLabel({ kind: 'new', places: 0 }, 'New')).toEqual({ text: 'New', tone: 'new' });
    expect(movementLabel(null)).toEqual({ text: '—', tone: 'same' });
  });
});
