import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { ImportPreview } from '@pacer/shared';

import { ApiError } from '@/api/http';
import { i18n } from '@/locales';

import ExcelImportDialog from './excel-import-dialog.vue';

const api = vi.hoisted(() => ({
  uploadImport: vi.fn(),
  commitImport: vi.fn(),
  downloadTemplate: vi.fn(),
}));
vi.mock('@/api/excel', () => api);

function preview(extra: Partial<ImportPreview> = {}): ImportPreview {
  return {
    id: 'b1',
    kind: 'projects',
    planId: 1,
    month: null,
    fileName: '项目台账.xlsx',
    contentSha256: 'ab',
    status: 'preview',
    problems: [],
    summary: { rows: 3, created: 1, updated: 1, unchanged: 1 },
    rows: [],
    isDuplicateOfCommitted: false,
    progress: 100,
    message: '',
    createdAt: '2026-03-01T00:00:00.000Z',
    committedAt: null,
    ...extra,
  };
}

describe('ExcelImportDialog', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    api.uploadImport.mockReset();
    api.commitImport.mockReset();
  });

  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function openWithFile() {
    const visible = ref(false);
    const committed = vi.fn();
    const Host = defineComponent(
      () => () =>
        h(ExcelImportDialog, {
          modelValue: visible.value,
          'onUpdate:modelValue': (v: boolean) => (visible.value = v),
          kind: 'projects',
          planId: 1,
          onCommitted: committed,
        }),
    );
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    visible.value = true;
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('input[data-test="excel-import-file"]')!;
    const file = new File(['x'], '项目台账.xlsx');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    return { wrapper, visible, committed };
  }

  const commitButton = () => document.querySelector<HTMLButtonElement>('[data-test="excel-import-commit"]')!;

  it('should list the problems and keep the commit disabled', async () => {
    api.uploadImport.mockResolvedValue(
      preview({
        problems: [
          {
            sheet: '项目台账',
            row: 5,
            column: 'C',
            field: '协议投资额（万元）',
            message: '不是数字',
            messageEn: 'Not a number',
          },
        ],
      }),
    );
    await openWithFile();
    expect(api.uploadImport).toHaveBeenCalledWith(
      'projects',
      expect.objectContaining({ planId: 1 }),
      expect.any(Function),
    );
    const table = document.querySelector('[data-test="excel-import-problems"]')!;
    expect(table.textContent).toContain('不是数字');
    expect(table.textContent).toContain('C（协议投资额（万元））');
    expect(document.querySelector('[data-test="excel-import-problems-title"]')!.textContent).toContain(
      '1 个问题',
    );
    expect(commitButton().disabled).toBe(true);
  });

  it('should say so when the same file was already imported', async () => {
    api.uploadImport.mockResolvedValue(preview({ isDuplicateOfCommitted: true }));
    await openWithFile();
    expect(document.querySelector('[data-test="excel-import-duplicate"]')!.textContent).toContain(
      '该文件已导入过，未发现变化',
    );
  });

  it('should commit and emit committed', async () => {
    api.uploadImport.mockResolvedValue(preview());
    api.commitImport.mockResolvedValue({
      id: 'b1',
      status: 'committed',
      isWritten: true,
      summary: preview().summary,
      message: '导入完成',
      committedAt: '2026-03-01T00:00:01.000Z',
    });
    const { committed, visible } = await openWithFile();
    expect(document.querySelector('[data-test="excel-import-summary"]')!.textContent).toContain('新增');
    expect(commitButton().disabled).toBe(false);
    commitButton().click();
    await flushPromises();
    expect(api.commitImport).toHaveBeenCalledWith('b1');
    expect(committed).toHaveBeenCalledTimes(1);
    expect(visible.value).toBe(false);
  });

  it('should show the server message of a refused file', async () => {
    api.uploadImport.mockRejectedValue(
      new ApiError({ status: 400, code: 'IMPORT_MACROS', message: '文件包含宏，已拒绝' }),
    );
    await openWithFile();
    expect(document.querySelector('[data-test="excel-import-error"]')!.textContent).toContain(
      '文件包含宏，已拒绝',
    );
    expect(commitButton().disabled).toBe(true);
  });
});
