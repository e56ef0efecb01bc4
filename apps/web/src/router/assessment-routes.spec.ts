import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';

import { buildMenu, createAppRouter } from './index';

describe('assessment routes', () => {
  const router = createAppRouter(createMemoryHistory());

  it('should draw the 大屏 full screen, outside the basic layout, for admin and leader', () => {
    const screen = router.resolve('/screen');
    expect(screen.name).toBe('screen');
    expect(screen.matched).toHaveLength(1);
    expect(screen.meta.roles).toEqual(['admin', 'leader']);
    // …and still list it in the side menu.
    expect(buildMenu().some((item) => item.path === '/screen')).toBe(true);
  });

  it('should open a unit inside the layout, without a menu entry of its own', () => {
    const unit = router.resolve('/units/12');
    expect(unit.name).toBe('unit-detail');
    expect(unit.params.unitId).toBe('12');
    expect(unit.matched).toHaveLength(2);
    expect(buildMenu().some((item) => item.path.startsWith('/units'))).toBe(false);
    expect(router.resolve('/units/abc').name).toBe('not-found');
  });
});
