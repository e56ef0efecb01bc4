import { describe, expect, it } from 'vitest';

import type { ActivityDetail } from '@pacer/shared';

import {
  addCompany,
  formFromActivity,
  newActivityForm,
  titleOf,
  toCreateRequest,
  toUpdateRequest,
} from './activity-form';

const stored: ActivityDetail = {
  id: 7,
  code: 'HD2026-000007',
  kind: 'reception',
  title: '接待恒远动力考察团',
  unitId: 3,
  unitName: '青山镇',
  startDate: '2026-10-12',
  endDate: '2026-10-12',
  place: '青山镇政府',
  leadingOfficial: '王建国',
  leadingOfficialTitle: '县委常委、常务副县长',
  ledByCountyLeader: true,
  participantUnits: [{ unitId: 5, unitName: '县经济开发区' }],
  participants: ['李明'],
  companies: [{ id: 12, name: '江苏恒远动力电池有限公司', creditCode: null, note: '董事长带队' }],
  outcome: null,
  leads: [{ leadId: 4, title: '恒远动力华中基地', relation: 'advanced' }],
  chainId: null,
  chainName: null,
  createdAt: '2026-10-12T08:00:00Z',
  updatedAt: '2026-10-12T08:00:00Z',
  version: 3,
};

describe('activity form', () => {
  it('should start a quick entry on today, the clerk’s unit and 外出招商', () => {
    const model = newActivityForm('2026-11-20', 3);
    expect(model).toMatchObject({
      kind: 'outbound',
      startDate: '2026-11-20',
      unitId: 3,
      endDate: '',
      companies: [],
    });
  });

  it('should title a quick entry from its kind and first company, else its place', () => {
    const model = newActivityForm('2026-11-20', 3);
    model.place = '江苏省常州市';
    expect(titleOf(model)).toBe('外出招商：江苏省常州市');
    model.companies = addCompany([], '江苏恒远动力电池有限公司');
    expect(titleOf(model)).toBe('外出招商：江苏恒远动力电池有限公司');
    model.title = '  赴常州新能源电池产业链招商 ';
    expect(titleOf(model)).toBe('赴常州新能源电池产业链招商');
  });

  it('should add a company once, whether typed with spaces or picked from the 客商库', () => {
    let list = addCompany([], '江苏恒远动力电池有限公司');
    list = addCompany(list, '江苏恒远 动力电池有限公司');
    list = addCompany(list, { id: 9, name: '常州华创新材料科技有限公司', creditCode: '91320400MA1XXXXX0X' });
    list = addCompany(list, '   ');
    expect(list.map((c) => [c.investorId, c.name])).toEqual([
      [null, '江苏恒远动力电池有限公司'],
      [9, '常州华创新材料科技有限公司'],
    ]);
  });

  it('should send typed companies by name and picked ones by id, blanks as null', () => {
    const model = newActivityForm('2026-11-20', 3);
    Object.assign(model, { place: ' 常州 ', leadingOfficial: '王建国', participants: ['李明', ' '] });
    model.companies = addCompany(addCompany([], '江苏恒远动力电池有限公司'), {
      id: 9,
      name: '常州华创',
      creditCode: null,
    });
    const body = toCreateRequest(model);
    expect(body).toMatchObject({
      place: '常州',
      leadingOfficialTitle: null,
      outcome: null,
      participants: ['李明'],
      companies: [
        { name: '江苏恒远动力电池有限公司', creditCode: null, note: null },
        { investorId: 9, note: null },
      ],
    });
    expect(body).not.toHaveProperty('endDate');
  });

  it('should edit a stored activity with its version, its companies by id and its leads kept', () => {
    const model = formFromActivity(stored);
    expect(model.endDate).toBe('');
    model.outcome = '达成初步投资意向';
    const body = toUpdateRequest(model, stored.version);
    expect(body).toMatchObject({
      version: 3,
      endDate: '2026-10-12',
      companies: [{ investorId: 12, note: '董事长带队' }],
      participantUnitIds: [5],
      leads: [{ leadId: 4, relation: 'advanced' }],
      outcome: '达成初步投资意向',
    });
  });
});
