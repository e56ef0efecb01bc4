import { flushPromises, mount } from '@vue/test-utils';
import { ElForm, ElFormItem, ElInput, type FormInstance, type FormRules } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, reactive, ref } from 'vue';

import type { ErrorDetail } from '@pacer/shared';

import { ApiError } from '@/api/http';
import { setLocale } from '@/locales';

import { useDialogForm, type DialogFormOptions } from './use-dialog-form';

interface UnitDraft {
  code: string;
  name: string;
  parentId: number | null;
}

interface SavedUnit extends UnitDraft {
  id: number;
  version: number;
}

type Field = 'code' | 'name' | 'parentId' | 'shares';

function apiError(
  status: number,
  code: string,
  message: string,
  messageEn: string,
  details: ErrorDetail[] = [],
) {
  return new ApiError({ status, code, message, messageEn, requestId: 'req-7f3a', details });
}

const conflict = () =>
  apiError(
    409,
    'VERSION_CONFLICT',
    '数据已被他人修改，请刷新后重试',
    'The record was changed by someone else',
  );

/**
 * A unit dialog's form as the dialogs build it: an ElForm with a rule on the name, the field errors on the items,
 * the composable behind the save button.
 */
function mountDialog(options: Partial<DialogFormOptions<SavedUnit, Field>>) {
  const visible = ref(true);
  const draft = reactive<UnitDraft>({ code: 'T03', name: '', parentId: 1 });
  let dialog!: ReturnType<typeof useDialogForm<SavedUnit, Field>>;
  const rules: FormRules<UnitDraft> = {
    name: [{ required: true, message: '请填写单位名称', trigger: 'blur' }],
  };

  const Host = defineComponent(() => {
    const formRef = ref<FormInstance>();
    dialog = useDialogForm<SavedUnit, Field>({
      visible,
      form: formRef,
      save: async () => ({ id: 3, version: 4, ...draft }),
      fields: ['code', 'name', 'parentId', 'shares'],
      ...options,
    });
    return () =>
      h(ElForm, { ref: formRef, model: draft, rules }, () => [
        h(ElFormItem, { label: '单位名称', prop: 'name', error: dialog.fieldError('name') }, () =>
          h(ElInput, {
            modelValue: draft.name,
            'onUpdate:modelValue': (value: string) => (draft.name = value),
            'data-test': 'unit-name',
          }),
        ),
        h(ElFormItem, { label: '上级单位', prop: 'parentId', error: dialog.fieldError('parentId') }, () =>
          h('span', { 'data-test': 'unit-parent' }, '示范县'),
        ),
      ]);
  });
  const wrapper = mount(Host, { attachTo: document.body });
  return { wrapper, visible, draft, dialog: () => dialog };
}

describe('useDialogForm', () => {
  afterEach(() => {
    setLocale('zh-CN');
    document.body.innerHTML = '';
  });

  it('should not save while the form breaks its rules, and show the rule under the field', async () => {
    const save = vi.fn(async () => ({ id: 3, version: 4, code: 'T03', name: '', parentId: 1 }));
    const { wrapper, visible, dialog } = mountDialog({ save });

    await dialog().submit();
    await flushPromises();

    expect(save).not.toHaveBeenCalled();
    expect(visible.value).toBe(true);
    expect(dialog().isSaving.value).toBe(false);
    expect(wrapper.get('[data-test="unit-name"]').element.closest('.el-form-item')!.classList).toContain(
      'is-error',
    );
    // the message enters through Element Plus' transition
    await vi.waitFor(() => expect(wrapper.find('.el-form-item__error').text()).toBe('请填写单位名称'));
    wrapper.unmount();
  });

  it('should save once, hand the saved row to onSaved and close the dialog', async () => {
    let answer!: (row: SavedUnit) => void;
    const save = vi.fn(() => new Promise<SavedUnit>((resolve) => (answer = resolve)));
    const onSaved = vi.fn();
    const { wrapper, visible, draft, dialog } = mountDialog({ save, onSaved });
    draft.name = '青山镇人民政府';

    const first = dialog().submit();
    await flushPromises();
    expect(dialog().isSaving.value).toBe(true);
    // a second click while the first save runs does nothing
    await dialog().submit();
    expect(save).toHaveBeenCalledTimes(1);

    answer({ id: 3, version: 5, code: 'T03', name: '青山镇人民政府', parentId: 1 });
    await first;

    expect(onSaved).toHaveBeenCalledWith({
      id: 3,
      version: 5,
      code: 'T03',
      name: '青山镇人民政府',
      parentId: 1,
    });
    expect(visible.value).toBe(false);
    expect(dialog().isSaving.value).toBe(false);
    expect(dialog().generalError.value).toBeNull();
    wrapper.unmount();
  });

  it("should put the API's field messages on their fields and keep the dialog open", async () => {
    const message = '不能把单位移到它自己或它的下级单位之下';
    const error = apiError(422, 'BUSINESS_RULE_VIOLATION', message, 'A unit cannot be moved under itself', [
      { field: 'parentId', code: 'cycle', message, messageEn: 'A unit cannot be moved under itself' },
      { field: 'code', code: 'taken', message: '单位编码 T03 已被使用', messageEn: 'Unit code T03 is taken' },
      {
        field: 'code',
        code: 'maxLength',
        message: '单位编码最长 40 个字符',
        messageEn: 'At most 40 characters',
      },
      { field: 'shares.0.unitId', code: 'unknown', message: '分成单位不存在', messageEn: 'No such unit' },
    ]);
    const onSaved = vi.fn();
    const { wrapper, visible, draft, dialog } = mountDialog({ save: () => Promise.reject(error), onSaved });
    draft.name = '青山镇';

    await dialog().submit();
    await flushPromises();

    expect(onSaved).not.toHaveBeenCalled();
    expect(visible.value).toBe(true);
    expect(dialog().failure.value).toBe(error);
    // every detail names a field of the form: nothing left for the alert
    expect(dialog().generalError.value).toBeNull();
    expect(dialog().fieldError('parentId')).toBe(message);
    expect(dialog().fieldError('code')).toBe('单位编码 T03 已被使用；单位编码最长 40 个字符');
    expect(dialog().fieldError('shares')).toBe('分成单位不存在');
    expect(dialog().fieldError('name')).toBe('');
    const parentItem = wrapper.get('[data-test="unit-parent"]').element.closest('.el-form-item')!;
    await vi.waitFor(() =>
      expect(parentItem.querySelector('.el-form-item__error')?.textContent).toBe(message),
    );

    setLocale('en');
    expect(dialog().fieldError('parentId')).toBe('A unit cannot be moved under itself');
    wrapper.unmount();
  });

  it("should show in the alert an error the fields cannot show, in the reader's language", async () => {
    const error = apiError(403, 'FORBIDDEN', '无权修改该单位', 'You may not change this unit', [
      { field: 'unitId', code: 'scope', message: '不在你的管辖范围', messageEn: 'Outside your units' },
    ]);
    const { wrapper, draft, dialog } = mountDialog({ save: () => Promise.reject(error) });
    draft.name = '青山镇';

    await dialog().submit();

    expect(dialog().generalError.value).toBe('无权修改该单位');
    setLocale('en');
    expect(dialog().generalError.value).toBe('You may not change this unit');
    wrapper.unmount();
  });

  it('should reload on a version conflict, show the conflict instead of the error, and save with the fresh row', async () => {
    let version = 3;
    const save = vi
      .fn<() => Promise<SavedUnit>>()
      .mockRejectedValueOnce(conflict())
      .mockImplementationOnce(async () => ({
        id: 3,
        version: version + 1,
        code: 'T03',
        name: '青山镇人民政府',
        parentId: 1,
      }));
    const onConflict = vi.fn(async () => {
      version = 4; // the fresh row read again; what was typed stays
      return true;
    });
    const onSaved = vi.fn();
    const { wrapper, visible, draft, dialog } = mountDialog({ save, onConflict, onSaved });
    draft.name = '青山镇人民政府';

    await dialog().submit();

    expect(onConflict).toHaveBeenCalledTimes(1);
    expect(dialog().isConflict.value).toBe(true);
    expect(dialog().generalError.value).toBeNull();
    expect(visible.value).toBe(true);
    expect(draft.name).toBe('青山镇人民政府');

    await dialog().submit();

    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ version: 5, name: '青山镇人民政府' }));
    expect(visible.value).toBe(false);
    wrapper.unmount();
  });

  it('should show the conflict as an error when the row cannot be taken again', async () => {
    const gone = mountDialog({ save: () => Promise.reject(conflict()), onConflict: async () => false });
    gone.draft.name = '青山镇';
    await gone.dialog().submit();
    expect(gone.dialog().isConflict.value).toBe(false);
    expect(gone.dialog().generalError.value).toBe('数据已被他人修改，请刷新后重试');
    gone.wrapper.unmount();

    const offline = apiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试', 'Network error');
    const failed = mountDialog({
      save: () => Promise.reject(conflict()),
      onConflict: () => Promise.reject(offline),
    });
    failed.draft.name = '青山镇';
    await failed.dialog().submit();
    expect(failed.dialog().isConflict.value).toBe(false);
    expect(failed.dialog().generalError.value).toBe('网络连接失败，请检查网络后重试');
    failed.wrapper.unmount();
  });

  it('should leave a conflict alone in a dialog that does not handle one', async () => {
    const { wrapper, draft, dialog } = mountDialog({
      save: () => Promise.reject(conflict()),
      onConflict: undefined,
    });
    draft.name = '青山镇';

    await dialog().submit();

    expect(dialog().isConflict.value).toBe(false);
    expect(dialog().generalError.value).toBe('数据已被他人修改，请刷新后重试');
    wrapper.unmount();
  });

  it('should clear the error, the conflict and the rule messages when reset for a new opening', async () => {
    const { wrapper, draft, dialog } = mountDialog({
      save: () => Promise.reject(conflict()),
      onConflict: async () => true,
    });
    draft.name = '青山镇';
    await dialog().submit();
    expect(dialog().isConflict.value).toBe(true);
    draft.name = '';
    await dialog().submit();
    await flushPromises();
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(true);

    dialog().reset();
    await flushPromises();

    expect(dialog().failure.value).toBeNull();
    expect(dialog().isConflict.value).toBe(false);
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(false);
    wrapper.unmount();
  });

  it('should run a dialog without an ElForm on its own check (a reason must be typed)', async () => {
    const visible = ref(true);
    const reason = ref('   ');
    const run = vi.fn(async () => undefined);
    const dialog = useDialogForm({
      visible,
      check: () => reason.value.trim() !== '',
      save: () => run(),
    });

    await dialog.submit();
    expect(run).not.toHaveBeenCalled();
    expect(visible.value).toBe(true);

    reason.value = '经复核，青山镇9月月报系按期报送，撤销迟报记录';
    await dialog.submit();
    expect(run).toHaveBeenCalledTimes(1);
    expect(visible.value).toBe(false);
  });
});
