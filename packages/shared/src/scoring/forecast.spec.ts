import { forecastYearEnd } from './forecast.js';

describe('forecastYearEnd', () => {
  it('should run the DOMAIN.md §4 figures at their rate: 13亿 by June → 26亿, on course for 20亿', () => {
    const f = forecastYearEnd({ actual: '130000', target: '200000', month: 6 });
    expect(f).toMatchObject({
      runRate: '260000',
      value: '260000',
      method: 'run-rate',
      seasonal: null,
      completion: '1.3',
      isAtRisk: false,
    });
  });

  it('should flag 15亿 by October at risk: 18亿 < 20亿', () => {
    const f = forecastYearEnd({ actual: '150000', target: '200000', month: 10 });
    expect(f.value).toBe('180000');
    expect(f.isAtRisk).toBe(true);
  });

  it('should follow the plan curve', () => {
    const curve = ['0.05', '0.1', '0.2', '0.3', '0.4', '0.6', '0.65', '0.7', '0.8', '0.85', '0.9', '1'];
    expect(forecastYearEnd({ actual: '120000', target: '200000', month: 6, curve }).value).toBe('200000');
  });

  it('should use the average shape of earlier years when given', () => {
    // by June, one year had 40% of its total, another 60%: on average 50%
    const y1 = ['10', '20', '30', '35', '38', '40', '50', '60', '70', '80', '90', '100'];
    const y2 = ['10', '20', '30', '40', '50', '120', '130', '150', '160', '180', '190', '200'];
    const f = forecastYearEnd({ actual: '90000', target: '200000', month: 6, history: [y1, y2] });
    expect(f.seasonal).toBe('180000');
    expect(f.method).toBe('seasonal');
    expect(f.yearsUsed).toBe(2);
    expect(f.runRate).toBe('180000');
    expect(f.isAtRisk).toBe(true);
    // a back-loaded history forecasts more than the run rate for the same actual
    const backLoaded = ['0', '0', '0', '0', '0', '30', '40', '50', '60', '70', '80', '100'];
    expect(
      forecastYearEnd({ actual: '90000', target: '200000', month: 6, history: [backLoaded] }).value,
    ).toBe('300000');
  });

  it('should skip unusable years and fall back to the run rate', () => {
    const f = forecastYearEnd({
      actual: '90000',
      target: null,
      month: 6,
      history: [['1', '2'], Array(12).fill('0')],
    });
    expect(f).toMatchObject({
      method: 'run-rate',
      yearsUsed: 0,
      seasonal: null,
      completion: null,
      isAtRisk: null,
    });
  });

  it('should equal the actual in December and round estimates to 4 places', () => {
    expect(forecastYearEnd({ actual: '123.45678', target: '100', month: 12 }).value).toBe('123.4568');
    expect(forecastYearEnd({ actual: '1', target: '100', month: 7 }).value).toBe('1.7143');
  });

  it('should keep the current value of a ratio indicator', () => {
    const f = forecastYearEnd({ actual: '0.55', target: '0.6', month: 3, isCumulative: false });
    expect(f).toMatchObject({ method: 'current', value: '0.55', runRate: null, isAtRisk: true });
  });

  it('should give no forecast when the curve expects nothing yet', () => {
    const curve = ['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '0.95', '1'];
    expect(forecastYearEnd({ actual: '5', target: '10', month: 1, curve })).toMatchObject({
      value: null,
      method: null,
      isAtRisk: null,
    });
  });
});
