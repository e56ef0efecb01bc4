import type { ScoringConfig } from '@pacer/shared';

import { listFloorWan } from './rankings.repository';

// the two list readers of docs/scoring.md §3: bonus bands from 10亿, size bands from 3亿
const countyScoring = {
  items: [
    { code: 'signed', name: '签约项目', method: 'completion', indicator: 'signedAmount', weight: '30' },
    {
      code: 'majorProjects',
      name: '重大项目加分',
      method: 'bonus',
      rules: [
        { counter: 'fortune500', points: '10' },
        {
          projects: 'signed',
          bands: [
            { minWan: '100000', points: '4' },
            { minWan: '500000', points: '8' },
          ],
        },
      ],
    },
    {
      code: 'sizeBands',
      name: '分档项目个数',
      method: 'band-shortfall',
      base: '2',
      perMissing: '0.1',
      projects: 'signed',
      bands: [
        { minWan: '30000', maxWan: '100000', required: 7 },
        { minWan: '200000', required: 1 },
      ],
    },
  ],
} as unknown as ScoringConfig;

describe(listFloorWan.name, () => {
  it('should be the lowest band over the list among bonus band rules and band-shortfall items', () => {
    expect(listFloorWan(countyScoring, 'signed')).toBe('30000');
  });

  it('should load every project when no band reads the list, or a band starts at 0 or is invalid', () => {
    expect(listFloorWan(countyScoring, 'started')).toBeNull();
    expect(listFloorWan({ items: [] }, 'signed')).toBeNull();
    const bonus = (minWan: unknown) =>
      ({
        items: [
          {
            code: 'B',
            name: '重大项目加分',
            method: 'bonus',
            rules: [
              {
                projects: 'signed',
                bands: [
                  { minWan: '100000', points: '4' },
                  { minWan, points: '1' },
                ],
              },
            ],
          },
        ],
      }) as unknown as ScoringConfig;
    expect(listFloorWan(bonus('50000'), 'signed')).toBe('50000');
    expect(listFloorWan(bonus('0'), 'signed')).toBeNull();
    expect(listFloorWan(bonus('1e5'), 'signed')).toBeNull();
    expect(listFloorWan(bonus(50000), 'signed')).toBeNull();
  });
});
