// Validators of plans, indicators and targets, shared by the API (authoritative) and the web (early feedback).
export * from './indicator-rules.js';
export * from './ledger-rule.js';
export * from './formula.js';
export * from './scoring-outline.js';
export * from './plan-settings.js';
export * from './work-rule.js';
