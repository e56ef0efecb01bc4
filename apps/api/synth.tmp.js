const path = '/work/wt-province/packages/shared';
const S = require('/work/wt-province/apps/api/dist/bench/bench-plan.js');
const shared = require('@pacer/shared');
const { scorePlan, rescoreUnits, scoringSignatures, changedUnits } = shared;
const inds = S.BENCH_INDICATORS.map((i, k) => ({ id: k + 1, code: i.code, name: i.name, kind: i.kind }));
const units = [{ id: 1, name: '省', category: 'province', sortOrder: 0 }];
for (let c = 0; c < 100; c++) units.push({ id: 2 + c, name: `县${c}`, category: 'county', sortOrder: 1 + c });
let id = 200;
while (units.length < 6000) units.push({ id: id++, name: `镇${id}`, category: id % 5 ? 'town' : 'department', sortOrder: id });
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const targets = [], actuals = [], counters = [], projects = [];
for (const u of units) for (const i of inds) {
  targets.push({ unitId: u.id, indicatorId: i.id, value: String(Math.floor(rnd() * 1000 + 1)) });
  if (i.kind === 'ratio') actuals.push({ unitId: u.id, indicatorId: i.id, value: '0.5', numerator: String(Math.floor(rnd()*10)), denominator: String(Math.floor(rnd()*10)+1) });
  else actuals.push({ unitId: u.id, indicatorId: i.id, value: String(Math.floor(rnd() * 1000)) });
}
for (const u of units) if (rnd() < 0.5) counters.push({ unitId: u.id, counter: 'lateStart', count: String(Math.floor(rnd()*3)) });
for (const u of units) for (let k = 0; k < 8; k++) projects.push({ unitId: u.id, list: 'signed', agreedWan: String(30000 + Math.floor(rnd()*500000)), share: '1' });
const input = { plan: { scoring: S.BENCH_SCORING, rankingGroups: S.BENCH_GROUPS, month: 6, curve: null, yellowBand: '10', displayDecimals: 2 }, units, indicators: inds, targets, actuals, counters, projects, manual: [], history: [] };
let t = Date.now();
const result = JSON.parse(JSON.stringify(scorePlan(input)));
console.log('scorePlan', Date.now() - t);
t = Date.now(); const sig = scoringSignatures(input); console.log('signatures', Date.now() - t);
const changed = new Set([1, 2, 300]);
const approved = { ...input, actuals: input.actuals.map((a) => changed.has(a.unitId) ? { ...a, value: a.value + '1' } : a) };
t = Date.now(); const sig2 = scoringSignatures(approved); console.log('signatures2', Date.now() - t);
t = Date.now(); const ch = changedUnits(sig, sig2, new Set(units.map(u=>u.id))); console.log('changed', Date.now() - t, [...ch]);
for (let r = 0; r < 3; r++) { t = Date.now(); rescoreUnits(result, approved, ch); console.log('rescore', Date.now() - t); }
const { Session } = require('inspector');
const s = new Session(); s.connect();
s.post('Profiler.enable', () => s.post('Profiler.start', () => {
  for (let r = 0; r < 2; r++) rescoreUnits(result, approved, ch);
  s.post('Profiler.stop', (e, { profile }) => { require('fs').writeFileSync('/tmp/prov/rescore.cpuprofile', JSON.stringify(profile)); });
}));
