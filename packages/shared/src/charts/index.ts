export * from './chart-option.js';
export * from './ranking-bars.options.js';
export * from './trend-line.options.js';
