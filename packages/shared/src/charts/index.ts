export * from './chart-option.js';
export * from './palette.js';
export * from './rank-movement.js';
export * from './ranking-bars.options.js';
export * from './trend-line.options.js';
