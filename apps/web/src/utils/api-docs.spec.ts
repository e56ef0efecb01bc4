import { describe, expect, it, vi } from 'vitest';

import { API_DOCS_PATH, openApiDocs } from './api-docs';

function fakeTab() {
  return { opener: {} as unknown, location: { href: 'about:blank' }, close: vi.fn() };
}

describe('openApiDocs', () => {
  it('should open the tab first, then send it to the docs once the session cookie is set', async () => {
    const tab = fakeTab();
    const order: string[] = [];
    await openApiDocs(
      async () => {
        order.push(`session while tab at ${tab.location.href}`);
      },
      () => {
        order.push('tab');
        return tab as unknown as Window;
      },
    );
    expect(order).toEqual(['tab', 'session while tab at about:blank']);
    expect(tab.location.href).toBe(API_DOCS_PATH);
    expect(tab.opener).toBeNull();
  });

  it('should close the tab and pass the error on when the session is refused', async () => {
    const tab = fakeTab();
    const refused = new Error('请先登录');
    await expect(
      openApiDocs(
        () => Promise.reject(refused),
        () => tab as unknown as Window,
      ),
    ).rejects.toBe(refused);
    expect(tab.close).toHaveBeenCalled();
    expect(tab.location.href).toBe('about:blank');
  });
});
