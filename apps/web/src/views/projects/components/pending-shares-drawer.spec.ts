import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { PendingShareRow } from '@pacer/shared';

import { i18n } from '@/locales';

import PendingSharesDrawer from './pending-shares-drawer.vue';

const api = vi.hoisted(() => ({ fetchPendingShares: vi.fn(), decideShare: vi.fn() }));
vi.mock('@/api/projects', () => api);
const box = vi.hoisted(() => ({ confirm: vi.fn() }));
vi.mock('element-plus', async (original) => ({
  ...(await original<typeof import('element-plus')>()),
  ElMessageBox: box,
}));

const pending: PendingShareRow = {
  projectId: 41,
  projectCode: 'XM2026-000041',
  projectName: '年产10万吨新能源电池材料项目',
  investorName: '宁德时代新能源科技股份有限公司',
  agreedInvestmentWan: '150000',
  stage: 'signed',
  signedDate: '2026-06-10',
  responsibleUnitId: 3,
  responsibleUnitName: '青山镇',
  unitId: 2,
  unitName: '城关镇',
  sharePct: '99',
  proposedByName: '青山镇填报员',
  proposedAt: '2026-07-20T02:00:00.000Z',
};

describe('PendingSharesDrawer (待确认分成)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    api.fetchPendingShares.mockReset().mockResolvedValue({ items: [pending] });
    api.decideShare.mockReset().mockResolvedValue({});
    box.confirm.mockReset().mockResolvedValue('confirm');
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function open() {
    const visible = ref(true);
    const changed = vi.fn();
    const Host = defineComponent(
      () => () =>
        h(PendingSharesDrawer, {
          modelValue: visible.value,
          'onUpdate:modelValue': (v: boolean) => (visible.value = v),
          onChanged: changed,
        }),
    );
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    return { wrapper, changed };
  }

  it('should list the share proposed to the unit with who proposed it', async () => {
    await open();
    const table = document.querySelector('[data-test="pending-shares-table"]')!.textContent!;
    expect(table).toContain('年产10万吨新能源电池材料项目');
    expect(table).toContain('青山镇');
    expect(table).toContain('城关镇');
    expect(table).toContain('99%');
    expect(table).toContain('青山镇填报员');
  });

  it('should confirm with the percentage seen, after asking, and reload', async () => {
    const { changed } = await open();
    document.querySelector<HTMLButtonElement>('[data-test="share-confirm"]')!.click();
    await flushPromises();
    expect(box.confirm).toHaveBeenCalledTimes(1);
    expect(String(box.confirm.mock.calls[0]![0])).toContain('99% 分成计入城关镇');
    expect(api.decideShare).toHaveBeenCalledWith(41, 2, { decision: 'confirmed', sharePct: '99' });
    expect(changed).toHaveBeenCalled();
    expect(api.fetchPendingShares).toHaveBeenCalledTimes(2);
  });

  it('should not decide when the user cancels the confirmation', async () => {
    box.confirm.mockRejectedValue('cancel');
    await open();
    document.querySelector<HTMLButtonElement>('[data-test="share-confirm"]')!.click();
    await flushPromises();
    expect(api.decideShare).not.toHaveBeenCalled();
  });
});
