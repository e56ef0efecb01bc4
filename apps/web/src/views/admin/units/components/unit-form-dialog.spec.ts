import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { UnitRow } from '@pacer/shared';

import { i18n } from '@/locales';

import UnitFormDialog from './unit-form-dialog.vue';

function unit(id: number, name: string, parentId: number | null, extra: Partial<UnitRow> = {}): UnitRow {
  return {
    id,
    code: `U${id}`,
    name,
    shortName: null,
    category: parentId === null ? 'county' : 'town',
    parentId,
    sortOrder: 10,
    isActive: true,
    depth: parentId === null ? 0 : 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 3,
    ...extra,
  };
}

const county = unit(1, '示范县', null);
const qingshan = unit(3, '青山镇', 1);

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('UnitFormDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  async function openEditor(reload: () => Promise<readonly UnitRow[]>) {
    const visible = ref(false);
    const Host = defineComponent(
      () => () =>
        h(UnitFormDialog, {
          modelValue: visible.value,
          'onUpdate:modelValue': (v: boolean) => (visible.value = v),
          unit: qingshan,
          parentId: null,
          units: [county, qingshan],
          reload,
        }),
    );
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    visible.value = true;
    await flushPromises();
    return { wrapper, visible };
  }

  const nameInput = () => document.querySelector<HTMLInputElement>('input[data-test="unit-name"]')!;
  const save = async () => {
    document.querySelector<HTMLButtonElement>('[data-test="unit-save"]')!.click();
    await flushPromises();
  };
  const sentBody = (call: number) => JSON.parse(String(fetchMock.mock.calls[call]![1]?.body));

  it('should explain a version conflict, reload, keep the typed name and save with the new version', async () => {
    const fresh = { ...qingshan, sortOrder: 25, version: 4 };
    const reload = vi.fn(async () => [county, fresh]);
    const { wrapper, visible } = await openEditor(reload);
    nameInput().value = '青山镇人民政府';
    nameInput().dispatchEvent(new Event('input'));
    fetchMock.mockResolvedValueOnce(
      json(409, {
        code: 'VERSION_CONFLICT',
        message: '数据已被他人修改，请刷新后重试',
        messageEn: 'x',
        requestId: 'r',
      }),
    );

    await save();

    expect(sentBody(0)).toEqual({ version: 3, name: '青山镇人民政府' });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-test="unit-conflict"]')?.textContent).toContain('数据已被他人修改');
    expect(visible.value).toBe(true);
    expect(nameInput().value).toBe('青山镇人民政府');

    fetchMock.mockResolvedValueOnce(json(200, { ...fresh, name: '青山镇人民政府', version: 5 }));
    await save();

    expect(sentBody(1)).toEqual({ version: 4, name: '青山镇人民政府' });
    expect(visible.value).toBe(false);
    wrapper.unmount();
  });

  it("should show the server's cycle refusal under the parent field", async () => {
    const { wrapper, visible } = await openEditor(async () => [county, qingshan]);
    nameInput().value = '青山镇（新）';
    nameInput().dispatchEvent(new Event('input'));
    const message = '不能把单位移到它自己或它的下级单位之下';
    fetchMock.mockResolvedValueOnce(
      json(422, {
        code: 'BUSINESS_RULE_VIOLATION',
        message,
        messageEn: 'A unit cannot be moved under itself',
        requestId: 'r',
        details: [
          { field: 'parentId', code: 'cycle', message, messageEn: 'A unit cannot be moved under itself' },
        ],
      }),
    );

    await save();

    const parentItem = document.querySelector('[data-test="unit-parent"]')!.closest('.el-form-item')!;
    expect(parentItem.classList).toContain('is-error');
    // the message enters through Element Plus' transition
    await vi.waitFor(() =>
      expect(parentItem.querySelector('.el-form-item__error')?.textContent).toContain(message),
    );
    expect(document.querySelector('[data-test="unit-error"]')).toBeNull();
    expect(visible.value).toBe(true);
    wrapper.unmount();
  });
});
