import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n, setLocale } from '@/locales';

import HealthCard from './health-card.vue';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function mountCard() {
  const wrapper = mount(HealthCard, { global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('HealthCard', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setLocale('zh-CN');
  });

  it('should show 正常 and the database check when /api/health/ready answers ok', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        status: 'ok',
        info: { database: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' } },
      }),
    );

    const wrapper = await mountCard();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/health/ready');
    const apiTag = wrapper.get('[data-test="api-status"]');
    expect(apiTag.text()).toBe('正常');
    expect(apiTag.classes()).toContain('el-tag--success');
    expect(wrapper.get('[data-test="check-database"]').text()).toBe('连接正常');
    expect(wrapper.text()).toContain('数据库');
    expect(wrapper.find('[data-test="health-error"]').exists()).toBe(false);
  });

  it('should show 异常 and the failed database check when readiness answers 503', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(503, {
        status: 'error',
        info: {},
        error: { database: { status: 'down', message: 'connection refused' } },
        details: { database: { status: 'down', message: 'connection refused' } },
      }),
    );

    const wrapper = await mountCard();

    expect(wrapper.get('[data-test="api-status"]').text()).toBe('异常');
    const dbTag = wrapper.get('[data-test="check-database"]');
    expect(dbTag.text()).toBe('连接失败');
    expect(dbTag.classes()).toContain('el-tag--danger');
    expect(wrapper.text()).toContain('connection refused');
  });

  it('should show an error state with the message when the API cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const wrapper = await mountCard();

    expect(wrapper.get('[data-test="api-status"]').text()).toBe('异常');
    const alert = wrapper.get('[data-test="health-error"]');
    expect(alert.text()).toContain('无法连接 API 服务');
    expect(alert.text()).toContain('网络异常，无法连接服务器');
  });

  it('should translate a shown failure when the language is switched', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 502 }));

    const wrapper = await mountCard();
    expect(wrapper.get('[data-test="health-error"]').text()).toContain('API 服务暂不可用（HTTP 502）');

    setLocale('en');
    await flushPromises();

    const alert = wrapper.get('[data-test="health-error"]').text();
    expect(alert).toContain('Cannot reach the API service');
    expect(alert).toContain('The API service is unavailable (HTTP 502)');
    expect(wrapper.get('[data-test="api-status"]').text()).toBe('Error');
  });

  it('should check again when asked', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, { status: 'ok', details: { database: { status: 'up' } } }),
    );

    const wrapper = await mountCard();
    expect(wrapper.get('[data-test="api-status"]').text()).toBe('异常');

    await wrapper.get('.health-card__header button').trigger('click');
    await flushPromises();

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-test="api-status"]').text()).toBe('正常');
  });
});
