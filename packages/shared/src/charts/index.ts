export * from './chart-option.js';
export * from './palette.js';
export * from './rank-movement.js';
export * from './ranking-bars.options.js';
export * from './chart-values.js';
export * from './trend.options.js';
