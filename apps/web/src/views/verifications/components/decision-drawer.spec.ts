import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';

import type { VerificationRow } from '@pacer/shared';

import { createPinia, setActivePinia } from 'pinia';

import { i18n } from '@/locales';

import { verificationRow } from '../verification-row.fixture';
import DecisionDrawer from './decision-drawer.vue';

const api = vi.hoisted(() => ({ decideVerification: vi.fn() }));
vi.mock('@/api/verifications', () => api);
// 佐证材料 of project 7: the signed contract (on its signing event, #70), a site photo of its start, a project-wide
// licence, and a contract removed as a wrong upload
const files = vi.hoisted(() => ({
  fetchAttachments: vi.fn(),
  fetchAttachmentBlob: vi.fn(),
  downloadAttachment: vi.fn(),
}));
vi.mock('@/api/attachments', () => files);
const file = (id: number, over: Record<string, unknown>) => ({
  id,
  projectId: 7,
  eventId: null,
  fundMonth: null,
  kind: 'contract',
  fileName: `file-${id}.pdf`,
  type: 'pdf',
  contentType: 'application/pdf',
  sizeBytes: 183_000,
  sha256: 'ab'.repeat(32),
  note: null,
  uploadedBy: '青山镇招商办 王海峰',
  uploadedAt: '2026-03-12T02:00:00.000Z',
  removedAt: null,
  removedBy: null,
  removedReason: null,
  downloadPath: `/attachments/${id}`,
  isInline: true,
  ...over,
});

const REASONS = ['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准'];

const resigning: VerificationRow = verificationRow({
  id: 9,
  version: 3,
  suggestedDecision: 'rejected',
  suggestedReason: '跨年重签',
  duplicates: [
    {
      projectId: 181,
      code: 'XM2025-000181',
      name: '鲁丰农产品精深加工一期项目',
      investorName: '青岛鲁丰食品集团有限公司',
      unitName: '龙泉镇',
      agreedInvestmentWan: '90000',
      signedDate: '2025-04-18',
      reason: 'same_credit_code',
      rules: ['other_unit', 'resigned_cross_year'],
    },
  ],
});

describe('DecisionDrawer (认定)', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    i18n.global.locale.value = 'zh-CN';
    files.fetchAttachments.mockReset().mockResolvedValue({
      items: [
        file(1, { eventId: 70, fileName: '鲁丰农产品精深加工二期投资协议.pdf' }),
        file(2, { eventId: 71, kind: 'startPhoto', fileName: '开工现场.jpg', type: 'jpeg' }),
        file(3, { kind: 'license', fileName: '营业执照副本.pdf' }),
        file(4, { eventId: 70, fileName: '传错的合同.pdf', removedAt: '2026-03-13T01:00:00.000Z' }),
      ],
      usedBytes: 732_000,
      maxFileBytes: 20 * 1048576,
      maxProjectBytes: 200 * 1048576,
      requiredDocuments: { signed: ['contract'] },
      checklist: [
        { step: 'signed', kinds: ['contract'], eventId: 70, fundMonth: null, isMet: true },
        { step: 'started', kinds: ['permit', 'startPhoto'], eventId: 71, fundMonth: null, isMet: true },
      ],
    });
    api.decideVerification.mockReset().mockImplementation(async (id: number, body: { decision: string }) => ({
      ...resigning,
      id,
      status: body.decision,
    }));
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  async function open(row: VerificationRow) {
    const visible = ref(true);
    const decided = vi.fn();
    const Host = defineComponent(
      () => () =>
        h(DecisionDrawer, {
          modelValue: visible.value,
          'onUpdate:modelValue': (v: boolean) => (visible.value = v),
          row,
          reasons: REASONS,
          onDecided: decided,
        }),
    );
    const wrapper = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body });
    await flushPromises();
    return { wrapper, decided, visible };
  }

  it("should show the figures side by side, the signing's evidence and the re-signing candidate", async () => {
    await open(resigning);
    const text = document.querySelector('[data-test="decision-drawer"]')?.textContent ?? document.body.textContent!;
    expect(text).toContain('上报数据');
    expect(text).toContain('台账数据');
    expect(files.fetchAttachments).toHaveBeenCalledWith(7, null);
    // the signing's contract and the project-wide licence; not the start photo, not the removed file
    const evidence = document.querySelector('[data-test="decision-evidence"]')!.textContent!;
    expect(evidence).toContain('佐证齐全');
    expect(evidence).toContain('本环节要求：合同');
    expect(evidence).toContain('鲁丰农产品精深加工二期投资协议.pdf');
    expect(evidence).toContain('营业执照副本.pdf');
    expect(evidence).toContain('项目材料');
    expect(evidence).not.toContain('开工现场.jpg');
    expect(evidence).not.toContain('传错的合同.pdf');
    const duplicates = document.querySelector('[data-test="duplicates"]')!.textContent!;
    expect(duplicates).toContain('鲁丰农产品精深加工一期项目');
    expect(duplicates).toContain('他单位已登记');
    expect(duplicates).toContain('往年已签约');
    expect(document.querySelector('[data-test="resign-hint"]')).not.toBeNull();
  });

  it('should start a re-signing as 不予认定：跨年重签 and send that with the version', async () => {
    const { decided } = await open(resigning);
    (document.querySelector('[data-test="submit"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(api.decideVerification).toHaveBeenCalledWith(9, { decision: 'rejected', reason: '跨年重签', version: 3 });
    expect(decided).toHaveBeenCalled();
  });

  it('should not submit a rejection without a reason, and send 认定 without one', async () => {
    await open(verificationRow({ id: 5, version: 2 }));
    const rejectButton = [...document.querySelectorAll('[data-test="decision"] label, [data-test="decision"] .el-radio-button')].find(
      (el) => el.textContent?.includes('不予认定'),
    ) as HTMLElement;
    rejectButton.querySelector('input')!.click();
    await flushPromises();
    expect((document.querySelector('[data-test="submit"]') as HTMLButtonElement).disabled).toBe(true);
    const verifyButton = [...document.querySelectorAll('[data-test="decision"] .el-radio-button')].find((el) =>
      el.textContent?.trim().startsWith('认定'),
    ) as HTMLElement;
    verifyButton.querySelector('input')!.click();
    await flushPromises();
    (document.querySelector('[data-test="submit"]') as HTMLButtonElement).click();
    await flushPromises();
    expect(api.decideVerification).toHaveBeenCalledWith(5, { decision: 'verified', version: 2 });
  });
});
