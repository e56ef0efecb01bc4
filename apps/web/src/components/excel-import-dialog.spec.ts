import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { ImportJob, ImportPreview } from '@pacer/shared';

import { ApiError } from '@/api/http';
import { i18n } from '@/locales';

import ExcelImportDialog from './excel-import-dialog.vue';

const api = vi.hoisted(() => ({
  uploadImport: vi.fn(),
  commitImport: vi.fn(),
  downloadTemplate: vi.fn(),
  startImportJob: vi.fn(),
  fetchImportJob: vi.fn(),
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

  function job(extra: Partial<ImportJob> = {}): ImportJob {
    return {
      id: 'j1',
      batchId: 'b1',
      planId: 1,
      kind: 'projects',
      status: 'running',
      phase: 'queued',
      rowsDone: 0,
      rowsTotal: 19800,
      progress: 0,
      result: null,
      error: null,
      createdAt: '2026-03-01T00:00:00.000Z',
      finishedAt: null,
      ...extra,
    };
  }

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
          pollMs: 1,
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

  it('should commit a large ledger as a job, with a progress bar, and close on its result', async () => {
    api.uploadImport.mockResolvedValue(
      preview({ summary: { rows: 19800, created: 19800, updated: 0, unchanged: 0 } }),
    );
    api.startImportJob.mockResolvedValue(job());
    let resolveLast: (j: ImportJob) => void = () => undefined;
    api.fetchImportJob
      .mockResolvedValueOnce(job({ phase: 'writing', rowsDone: 8000, progress: 40 }))
      .mockImplementationOnce(() => new Promise<ImportJob>((r) => (resolveLast = r)));
    const { committed, visible } = await openWithFile();
    commitButton().click();
    await vi.waitFor(() => expect(api.fetchImportJob).toHaveBeenCalledTimes(2));
    await flushPromises();
    const bar = document.querySelector('[data-test="excel-import-job"]')!;
    expect(bar.textContent).toContain('正在写入：8000 / 19800 条');
    expect(bar.textContent).toContain('40%');
    expect(api.commitImport).not.toHaveBeenCalled();
    expect(api.fetchImportJob).toHaveBeenCalledWith('b1');
    resolveLast(
      job({
        status: 'succeeded',
        phase: 'done',
        rowsDone: 19800,
        progress: 100,
        result: {
          id: 'b1',
          status: 'committed',
          isWritten: true,
          summary: { rows: 19800, created: 19800, updated: 0, unchanged: 0 },
          message: '导入成功：新增 19800 条，修改 0 条，未变 0 条',
          committedAt: '2026-03-01T00:00:09.000Z',
        },
      }),
    );
    await flushPromises();
    expect(api.startImportJob).toHaveBeenCalledWith('b1');
    expect(committed).toHaveBeenCalledTimes(1);
    expect(visible.value).toBe(false);
  });

  it('should show a failed job’s problems row by row, nothing committed', async () => {
    api.uploadImport.mockResolvedValue(
      preview({ summary: { rows: 600, created: 600, updated: 0, unchanged: 0 } }),
    );
    api.startImportJob.mockResolvedValue(job({ rowsTotal: 600 }));
    api.fetchImportJob.mockResolvedValue(
      job({
        status: 'failed',
        rowsTotal: 600,
        progress: 100,
        error: {
          code: 'IMPORT_HAS_PROBLEMS',
          message: '文件有 1 处问题，未写入任何数据，请修改后重新上传',
          messageEn: 'The file has 1 problem(s); nothing was written',
          details: [
            {
              field: '项目台账!A7',
              code: 'importProblem',
              message: '第7行 A列（责任单位）：单位“青山镇”已停用',
              messageEn: 'row 7 column A (责任单位): the unit is inactive',
            },
          ],
        },
      }),
    );
    const { committed, visible } = await openWithFile();
    commitButton().click();
    await vi.waitFor(() => expect(document.querySelector('[data-test="excel-import-error"]')).not.toBeNull());
    expect(document.querySelector('[data-test="excel-import-error"]')!.textContent).toContain(
      '未写入任何数据',
    );
    expect(document.querySelector('[data-test="excel-import-error-details"]')!.textContent).toContain(
      '第7行 A列（责任单位）：单位“青山镇”已停用',
    );
    expect(committed).not.toHaveBeenCalled();
    expect(visible.value).toBe(true);
  });
});
