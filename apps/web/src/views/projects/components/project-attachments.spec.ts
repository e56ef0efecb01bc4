import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AttachmentsResponse, ProjectDetail } from '@pacer/shared';

import { i18n } from '@/locales';
import { fakeMatchMedia } from '@/test-fixtures/match-media';

import ProjectAttachments from './project-attachments.vue';

// 佐证材料 section: the checklist as tags, the upload sending what the file supports, thumbnails from the scoped
// download, the phone's camera button.

const api = vi.hoisted(() => ({
  fetchAttachments: vi.fn(),
  uploadAttachment: vi.fn(),
  fetchAttachmentBlob: vi.fn(),
  downloadAttachment: vi.fn(),
  removeAttachment: vi.fn(),
}));
vi.mock('@/api/attachments', () => api);

const project = {
  id: 38,
  code: 'XM2026-000038',
  name: 'PCB电路板生产项目',
  events: [
    {
      id: 101,
      stage: 'signed',
      eventDate: '2026-07-26',
      isCorrection: false,
      reason: null,
      createdBy: '李娜',
      createdAt: '2026-07-26T02:00:00.000Z',
    },
    {
      id: 102,
      stage: 'started',
      eventDate: '2026-09-10',
      isCorrection: false,
      reason: null,
      createdBy: '李娜',
      createdAt: '2026-09-10T02:00:00.000Z',
    },
  ],
  funds: [
    { month: '2026-09', amountWan: '800', note: null, version: 1 },
    { month: '2026-10', amountWan: '900', note: null, version: 1 },
  ],
} as unknown as ProjectDetail;

const response: AttachmentsResponse = {
  items: [
    {
      id: 7,
      projectId: 38,
      eventId: 101,
      fundMonth: null,
      kind: 'contract',
      fileName: 'PCB电路板生产项目投资合作协议.pdf',
      type: 'pdf',
      contentType: 'application/pdf',
      sizeBytes: 1800,
      sha256: 'a'.repeat(64),
      note: null,
      uploadedBy: '李娜',
      uploadedAt: '2026-07-26T02:30:00.000Z',
      removedAt: null,
      removedBy: null,
      removedReason: null,
      downloadPath: '/attachments/7',
      isInline: true,
    },
    {
      id: 8,
      projectId: 38,
      eventId: 102,
      fundMonth: null,
      kind: 'startPhoto',
      fileName: '开工现场照片20260910.png',
      type: 'png',
      contentType: 'image/png',
      sizeBytes: 1200,
      sha256: 'b'.repeat(64),
      note: null,
      uploadedBy: '李娜',
      uploadedAt: '2026-09-10T02:30:00.000Z',
      removedAt: null,
      removedBy: null,
      removedReason: null,
      downloadPath: '/attachments/8',
      isInline: true,
    },
  ],
  usedBytes: 3000,
  maxFileBytes: 20 * 1024 * 1024,
  maxProjectBytes: 200 * 1024 * 1024,
  requiredDocuments: { signed: ['contract'], started: ['permit', 'startPhoto'], fund: ['fundVoucher'] },
  checklist: [
    { step: 'signed', kinds: ['contract'], eventId: 101, fundMonth: null, isMet: true },
    { step: 'started', kinds: ['permit', 'startPhoto'], eventId: 102, fundMonth: null, isMet: true },
    { step: 'fund', kinds: ['fundVoucher'], eventId: null, fundMonth: '2026-09', isMet: true },
    { step: 'fund', kinds: ['fundVoucher'], eventId: null, fundMonth: '2026-10', isMet: false },
  ],
};

describe('ProjectAttachments (佐证材料)', () => {
  const originalMatchMedia = window.matchMedia;
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN';
    api.fetchAttachments.mockReset().mockResolvedValue(response);
    api.fetchAttachmentBlob.mockReset().mockResolvedValue(new Blob(['png'], { type: 'image/png' }));
    api.uploadAttachment.mockReset().mockResolvedValue(response.items[0]);
    URL.createObjectURL = vi.fn(() => 'blob:thumb');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    window.matchMedia = originalMatchMedia;
    document.body.innerHTML = '';
  });

  async function mountAt(width: number, canWrite = true) {
    window.matchMedia = fakeMatchMedia(width).matchMedia;
    const wrapper = mount(ProjectAttachments, {
      props: { project, canWrite, planId: 1 },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  }

  it('should load with the plan, show the stages met and fold the fund months (1/2, one missing)', async () => {
    const wrapper = await mountAt(1366);
    expect(api.fetchAttachments).toHaveBeenCalledWith(38, 1);
    expect(wrapper.find('[data-test="check-signed-met"]').text()).toContain('签约 · 合同');
    expect(wrapper.find('[data-test="check-started-met"]').text()).toContain('施工许可或开工照片');
    expect(wrapper.find('[data-test="check-fund-missing"]').text()).toContain('1/2 个月');
    expect(wrapper.emitted('loaded')).toHaveLength(1);
  });

  it('should show the photo as a thumbnail from the scoped download and the PDF as its type', async () => {
    const wrapper = await mountAt(1366);
    expect(api.fetchAttachmentBlob).toHaveBeenCalledWith(8);
    expect(api.fetchAttachmentBlob).not.toHaveBeenCalledWith(7);
    expect(wrapper.find('[data-test="attachment-8"] img').attributes('src')).toBe('blob:thumb');
    expect(wrapper.find('[data-test="attachment-7"]').text()).toContain('PDF');
    expect(wrapper.find('[data-test="attachment-7"]').text()).toContain('签约（2026-07-26）');
  });

  it('should upload the picked file with the kind and the fund month it supports, then reload', async () => {
    const wrapper = await mountAt(1366);
    const vm = wrapper.vm as unknown as { target: string };
    vm.target = 'fund:2026-10';
    await flushPromises();
    const file = new File(['%PDF-1.4'], '十月进账单.pdf', { type: 'application/pdf' });
    const input = wrapper.get('[data-test="attachment-file"]');
    Object.defineProperty(input.element, 'files', { value: [file] });
    await input.trigger('change');
    await flushPromises();
    expect(api.uploadAttachment).toHaveBeenCalledWith(
      38,
      { kind: 'fundVoucher', fundMonth: '2026-10' },
      file,
      expect.any(Function),
    );
    expect(api.fetchAttachments).toHaveBeenCalledTimes(2);
  });

  it('should not upload a file over the limit', async () => {
    const wrapper = await mountAt(1366);
    const big = new File(['x'], '扫描件.pdf');
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    const input = wrapper.get('[data-test="attachment-file"]');
    Object.defineProperty(input.element, 'files', { value: [big] });
    await input.trigger('change');
    await flushPromises();
    expect(api.uploadAttachment).not.toHaveBeenCalled();
  });

  it('should offer the camera on a phone, and no upload to a reader', async () => {
    const phone = await mountAt(390);
    expect(phone.find('[data-test="attachment-camera"]').attributes()).toMatchObject({
      accept: 'image/*',
      capture: 'environment',
    });
    expect(phone.text()).toContain('拍照上传');
    phone.unmount();
    const desktop = await mountAt(1366);
    expect(desktop.text()).not.toContain('拍照上传');
    desktop.unmount();
    const reader = await mountAt(1366, false);
    expect(reader.find('[data-test="attachment-file"]').exists()).toBe(false);
    expect(reader.text()).not.toContain('删除');
  });
});
