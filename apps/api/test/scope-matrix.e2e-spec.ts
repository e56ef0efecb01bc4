import { randomUUID } from 'node:crypto';

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { type Permission, permissionsOf, type Role } from '@pacer/shared';

import { PERMISSION_KEY } from '../src/common/decorators/auth.decorators';
import { createTestApp, type TestApp } from './create-test-app';
import { insertFund, insertIndicators, insertPlan, insertProject, insertTarget } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';

/**
 * AC-2, the object-level matrix: every caller × every route that takes the id of a report, project (its events and
 * funds), target, notification, import batch, briefing, scoring entry, plan, unit or user × ids that are not the
 * caller's → 403/404, and the rows behind those ids unchanged. Which callers may reach an id is derived from two
 * facts only: the route's permission (read off Nest's metadata) and who owns the object; a caller that may reach it
 * reads it (200, so the ids are real) and is not made to write.
 *
 * 示范县 (XIAN) holds 城关镇 T01, 青山镇 T02, 开发区 P01 with 东区 P01A; 邻县 (LX) holds 石桥镇 LX01 and its own plan.
 * The victim objects belong to 青山镇 (T02) or, for plan-wide routes, to 邻县's plan.
 */

type Caller = 'rep_t01' | 'rep_t02' | 'rep_p01' | 'rep_p01a' | 'rep_lx01' | 'leader' | 'admin' | 'sysadmin' | 'auditor';

const CALLERS: Array<{ name: Caller; roles: Role[]; scoped: boolean; why: string }> = [
  { name: 'rep_t01', roles: ['reporter'], scoped: true, why: 'reporter of a sibling unit (城关镇)' },
  { name: 'rep_p01', roles: ['reporter'], scoped: true, why: 'reporter of a parent unit (开发区, scope includes 东区)' },
  { name: 'rep_p01a', roles: ['reporter'], scoped: true, why: 'reporter of a child unit (开发区东区)' },
  { name: 'rep_lx01', roles: ['reporter'], scoped: true, why: 'reporter of another county (邻县石桥镇)' },
  { name: 'rep_t02', roles: ['reporter'], scoped: true, why: 'reporter of 青山镇, owner of the victim objects' },
  { name: 'leader', roles: ['leader'], scoped: false, why: 'county leader (reads everything, writes nothing)' },
  { name: 'admin', roles: ['admin'], scoped: false, why: 'business administrator' },
  { name: 'sysadmin', roles: ['sysadmin'], scoped: false, why: 'system administrator (accounts, units)' },
  { name: 'auditor', roles: ['auditor'], scoped: false, why: 'audit administrator (audit log only)' },
];

interface Ids {
  planA: number;
  planB: number;
  indicatorB: number;
  DWZJ: number;
  reportDraft: number;
  reportSubmitted: number;
  reportApproved: number;
  project: number;
  /** The 认定 row of the project's signing (a trigger made it with the project). */
  verification: number;
  attachment: number;
  notification: number;
  batch: string;
  entry: number;
  unitT02: number;
  unitLX01: number;
  userT02: number;
  familyT02: string;
  chain: number;
  lead: number;
  investor: number;
  activity: number;
}

interface Call {
  url: string;
  body?: unknown;
}

interface RouteCase {
  /** As Nest registers it (controller path + method path), e.g. `POST /reports/:id/submit`. */
  route: string;
  write: boolean;
  /** Who owns the object: a scoped caller reaches it only if it is this one. */
  owner: Caller;
  /** The object belongs to one user (inbox, import batch): no other caller reaches it, global roles included. */
  userOwned?: boolean;
  /** The object is the county's, owned by no unit (a 产业链): every holder of the permission reaches it. */
  countyWide?: boolean;
  /** A county-wide library (客商库): every caller holding the route's permission reads it, scoped or not. */
  everyReader?: boolean;
  call(ids: Ids, version: (table: string, id: number | string) => Promise<number>): Promise<Call>;
}

const q = (month: string) => `?month=${month}`;

/** The table: every `:param` route of the API. A new one fails the walk test below until it is listed here. */
const ROUTES: RouteCase[] = [
  // ---- monthly reports of 青山镇 (draft May, submitted April, approved March) ----
  { route: 'GET /reports/:id', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/reports/${i.reportDraft}` }) },
  {
    route: 'PUT /reports/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/reports/${i.reportDraft}`,
      body: { version: await v('monthly_report', i.reportDraft), values: [{ indicatorId: i.DWZJ, value: '99999' }] },
    }),
  },
  {
    route: 'POST /reports/:id/submit',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/reports/${i.reportDraft}/submit`, body: { version: await v('monthly_report', i.reportDraft) } }),
  },
  {
    route: 'POST /reports/:id/approve',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/reports/${i.reportSubmitted}/approve`,
      body: { version: await v('monthly_report', i.reportSubmitted) },
    }),
  },
  {
    route: 'POST /reports/:id/return',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/reports/${i.reportSubmitted}/return`,
      body: { version: await v('monthly_report', i.reportSubmitted), reason: '到位资金缺少银行进账单，请补充' },
    }),
  },
  {
    route: 'POST /reports/:id/unlock',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/reports/${i.reportApproved}/unlock`,
      body: { version: await v('monthly_report', i.reportApproved), reason: '按审计意见更正三月到位资金' },
    }),
  },
  // ---- a project of 青山镇, its stage events and monthly funds ----
  { route: 'GET /projects/:id', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/projects/${i.project}` }) },
  {
    route: 'PATCH /projects/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/projects/${i.project}`,
      body: { version: await v('project', i.project), name: '被改名的项目', agreedInvestmentWan: '1' },
    }),
  },
  {
    route: 'DELETE /projects/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/projects/${i.project}`,
      body: { version: await v('project', i.project), reason: '重复录入' },
    }),
  },
  {
    route: 'POST /projects/:id/events',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/projects/${i.project}/events`, body: { stage: 'started', date: '2026-05-12' } }),
  },
  {
    route: 'PUT /projects/:id/funds/:month',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/projects/${i.project}/funds/2026-04`, body: { amountWan: '88888', version: 1 } }),
  },
  {
    // 分成确认: only the credited unit's reporter (or an admin) decides on its share
    route: 'POST /projects/:id/shares/:unitId/decision',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({
      url: `/projects/${i.project}/shares/${i.unitT02}/decision`,
      body: { decision: 'declined', sharePct: '100', reason: '不予确认' },
    }),
  },
  // ---- 认定 of 青山镇's signing: the office decides (reports.review), the unit itself appeals ----
  {
    route: 'POST /verifications/:id/decision',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/verifications/${i.verification}/decision`,
      body: { decision: 'rejected', reason: '佐证不足', version: await v('verification', i.verification) },
    }),
  },
  {
    route: 'POST /verifications/:id/appeal',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/verifications/${i.verification}/appeal`,
      body: { note: '已补充合同原件', version: await v('verification', i.verification) },
    }),
  },
  // ---- 佐证材料 of 青山镇's project (a refused upload is answered before its multipart body is read) ----
  { route: 'POST /projects/:id/attachments', write: true, owner: 'rep_t02', call: async (i) => ({ url: `/projects/${i.project}/attachments`, body: {} }) },
  { route: 'GET /projects/:id/attachments', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/projects/${i.project}/attachments` }) },
  { route: 'GET /attachments/:id', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/attachments/${i.attachment}` }) },
  {
    route: 'DELETE /attachments/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/attachments/${i.attachment}`, body: { reason: '与其他单位的材料重复' } }),
  },
  // ---- 招商活动 organised by 青山镇 ----
  { route: 'GET /activities/:id', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/activities/${i.activity}` }) },
  {
    route: 'PATCH /activities/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/activities/${i.activity}`, body: { version: await v('activity', i.activity), title: '被改名的活动' } }),
  },
  {
    route: 'DELETE /activities/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/activities/${i.activity}`, body: { version: await v('activity', i.activity), reason: '重复登记' } }),
  },
  // ---- targets (of 邻县's plan to read; 青山镇's row to write) ----
  { route: 'GET /plans/:id/targets', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/targets` }) },
  {
    route: 'PUT /plans/:id/targets',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/plans/${i.planA}/targets`, body: [{ unitId: i.unitT02, indicatorId: i.DWZJ, value: '1' }] }),
  },
  // ---- one user's things: the inbox and import batches ----
  {
    route: 'POST /notifications/:id/read',
    write: true,
    owner: 'rep_t02',
    userOwned: true,
    call: async (i) => ({ url: `/notifications/${i.notification}/read` }),
  },
  { route: 'GET /imports/:id', write: false, owner: 'rep_t02', userOwned: true, call: async (i) => ({ url: `/imports/${i.batch}` }) },
  {
    route: 'POST /imports/:id/commit',
    write: true,
    owner: 'rep_t02',
    userOwned: true,
    call: async (i) => ({ url: `/imports/${i.batch}/commit` }),
  },
  {
    route: 'POST /imports/:id/jobs',
    write: true,
    owner: 'rep_t02',
    userOwned: true,
    call: async (i) => ({ url: `/imports/${i.batch}/jobs` }),
  },
  // ---- scoring entries ----
  {
    route: 'DELETE /scoring-entries/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/scoring-entries/${i.entry}`, body: { reason: '录入错误' } }),
  },
  { route: 'GET /plans/:id/scoring-entries', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/scoring-entries` }) },
  {
    route: 'POST /plans/:id/scoring-entries',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({
      url: `/plans/${i.planB}/scoring-entries`,
      body: { unitId: i.unitLX01, itemCode: 'integrity', month: '2026-05', points: '5', reason: '弄虚作假' },
    }),
  },
  // ---- 邻县's plan and everything hanging off its id ----
  { route: 'GET /plans/:id', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}` }) },
  {
    route: 'PATCH /plans/:id',
    write: true,
    owner: 'rep_lx01',
    call: async (i, v) => ({ url: `/plans/${i.planB}`, body: { version: await v('plan', i.planB), name: '被改名的计划' } }),
  },
  { route: 'GET /plans/:id/indicators', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/indicators` }) },
  {
    route: 'POST /plans/:id/indicators',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({
      url: `/plans/${i.planB}/indicators`,
      body: { code: 'XZZB', name: '新增指标', measure: '个', kind: 'count', source: 'reported' },
    }),
  },
  {
    route: 'PATCH /indicators/:id',
    write: true,
    owner: 'rep_lx01',
    call: async (i, v) => ({ url: `/indicators/${i.indicatorB}`, body: { version: await v('indicator', i.indicatorB), name: '被改名的指标' } }),
  },
  { route: 'GET /plans/:id/progress', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/progress${q('2026-03')}` }) },
  { route: 'GET /plans/:id/dashboard', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/dashboard${q('2026-03')}` }) },
  { route: 'GET /plans/:id/months', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months` }) },
  { route: 'GET /plans/:id/ranking', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/ranking${q('2026-03')}` }) },
  { route: 'GET /plans/:id/scoring-input', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/scoring-input${q('2026-03')}` }) },
  {
    route: 'GET /plans/:id/units/:unitId/scorecard',
    write: false,
    owner: 'rep_lx01',
    call: async (i) => ({ url: `/plans/${i.planB}/units/${i.unitLX01}/scorecard${q('2026-03')}` }),
  },
  { route: 'GET /plans/:id/reports', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/reports${q('2026-03')}` }) },
  {
    route: 'POST /plans/:id/reports',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({ url: `/plans/${i.planB}/reports`, body: { unitId: i.unitLX01, month: '2026-05' } }),
  },
  {
    route: 'PUT /plans/:id/units/:unitId/reports/:month',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({
      url: `/plans/${i.planB}/units/${i.unitLX01}/reports/2026-06`,
      body: { values: [{ indicatorId: i.indicatorB, value: '5' }] },
    }),
  },
  {
    route: 'POST /plans/:id/units/:unitId/reports/:month/paper',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({
      url: `/plans/${i.planB}/units/${i.unitLX01}/reports/2026-06/paper`,
      body: { values: [{ indicatorId: i.indicatorB, value: '5' }] },
    }),
  },
  {
    route: 'POST /plans/:id/reports/approve',
    write: true,
    owner: 'rep_lx01',
    call: async (i, v) => ({
      url: `/plans/${i.planB}/reports/approve`,
      body: { items: [{ id: i.reportSubmitted, version: await v('monthly_report', i.reportSubmitted) }] },
    }),
  },
  { route: 'POST /plans/:id/months/:month/open', write: true, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months/2026-05/open` }) },
  { route: 'POST /plans/:id/months/:month/close', write: true, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months/2026-04/close`, body: {} }) },
  { route: 'POST /plans/:id/months/:month/remind', write: true, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months/2026-05/remind` }) },
  { route: 'POST /plans/:id/months/:month/briefing', write: true, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months/2026-03/briefing` }) },
  {
    route: 'POST /plans/:id/months/:month/briefing/publish',
    write: true,
    owner: 'rep_lx01',
    call: async (i) => ({ url: `/plans/${i.planB}/months/2026-03/briefing/publish`, body: { version: 2 } }),
  },
  { route: 'GET /plans/:id/months/:month/briefings', write: false, owner: 'rep_lx01', call: async (i) => ({ url: `/plans/${i.planB}/months/2026-03/briefings` }) },
  {
    route: 'GET /plans/:id/months/:month/briefing.docx',
    write: false,
    owner: 'rep_lx01',
    call: async (i) => ({ url: `/plans/${i.planB}/months/2026-03/briefing.docx?version=1` }),
  },
  {
    route: 'GET /plans/:id/months/:month/briefing.xlsx',
    write: false,
    owner: 'rep_lx01',
    call: async (i) => ({ url: `/plans/${i.planB}/months/2026-03/briefing.xlsx?version=1` }),
  },
  // ---- the unit tree and accounts (青山镇 and its reporter) ----
  {
    route: 'PATCH /units/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/units/${i.unitT02}`, body: { version: await v('unit', i.unitT02), name: '被改名的镇' } }),
  },
  {
    route: 'PATCH /users/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/users/${i.userT02}`, body: { version: await v('app_user', i.userT02), unitIds: [i.unitLX01] } }),
  },
  {
    route: 'POST /users/:id/reset-password',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({
      url: `/users/${i.userT02}/reset-password`,
      body: { version: await v('app_user', i.userT02), newPassword: 'Qingshan#2026x' },
    }),
  },
  { route: 'GET /users/:id/sessions', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/users/${i.userT02}/sessions` }) },
  {
    route: 'DELETE /users/:id/sessions/:familyId',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({ url: `/users/${i.userT02}/sessions/${i.familyT02}` }),
  },
  { route: 'POST /users/:id/sessions/end-all', write: true, owner: 'rep_t02', call: async (i) => ({ url: `/users/${i.userT02}/sessions/end-all` }) },
  { route: 'DELETE /users/:id/mfa', write: true, owner: 'rep_t02', call: async (i) => ({ url: `/users/${i.userT02}/mfa` }) },
  // service accounts are the sysadmin's alone (no unit owns one); everyone else is refused before any lookup
  { route: 'POST /service-accounts/:id/revoke', write: true, owner: 'sysadmin', call: async () => ({ url: '/service-accounts/1/revoke' }) },
  // notification channels (企业微信/钉钉/webhook) are the sysadmin's alone, like the service accounts
  {
    route: 'PUT /notification-channels/:id',
    write: true,
    owner: 'sysadmin',
    call: async () => ({ url: '/notification-channels/1', body: { kind: 'webhook', name: '被改的渠道', unitId: null, noticeKinds: [], enabled: false } }),
  },
  { route: 'POST /notification-channels/:id/test', write: true, owner: 'sysadmin', call: async () => ({ url: '/notification-channels/1/test' }) },
  { route: 'GET /notification-channels/:id/deliveries', write: false, owner: 'sysadmin', call: async () => ({ url: '/notification-channels/1/deliveries' }) },
  // a user's 企业微信/钉钉 account mapping: the sysadmin's alone (the user reads their own through accounts/me)
  {
    route: 'PUT /notification-channels/accounts/:userId',
    write: true,
    owner: 'sysadmin',
    call: async (i) => ({ url: `/notification-channels/accounts/${i.userT02}`, body: { wecomUserId: 'QingShanRep', dingtalkUserId: null } }),
  },
  // 产业链 (issue 17): the county's configuration, read by every business role, written by the admin alone
  { route: 'GET /chains/:id', write: false, owner: 'admin', countyWide: true, call: async (i) => ({ url: `/chains/${i.chain}` }) },
  { route: 'GET /chains/:id/map', write: false, owner: 'admin', countyWide: true, call: async (i) => ({ url: `/chains/${i.chain}/map` }) },
  {
    route: 'PATCH /chains/:id',
    write: true,
    owner: 'admin',
    countyWide: true,
    call: async (i, v) => ({ url: `/chains/${i.chain}`, body: { version: await v('industry_chain', i.chain), name: '被改名的链' } }),
  },
  // ---- 线索 of 青山镇 and the county's 客商库 (issue 17) ----
  { route: 'GET /leads/:id', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/leads/${i.lead}` }) },
  {
    route: 'PATCH /leads/:id',
    write: true,
    owner: 'rep_t02',
    call: async (i, v) => ({ url: `/leads/${i.lead}`, body: { version: await v('lead', i.lead), status: 'shelved', reason: '越权搁置' } }),
  },
  { route: 'GET /leads/:id/follow-ups', write: false, owner: 'rep_t02', call: async (i) => ({ url: `/leads/${i.lead}/follow-ups` }) },
  {
    route: 'POST /leads/:id/follow-ups',
    write: true,
    owner: 'rep_t02',
    call: async (i) => ({
      url: `/leads/${i.lead}/follow-ups`,
      body: { followedOn: '2026-05-10', way: 'call', people: '越权者', agreed: '越权跟进' },
    }),
  },
  { route: 'GET /investors/:id', write: false, owner: 'rep_t02', everyReader: true, call: async (i) => ({ url: `/investors/${i.investor}` }) },
  {
    // the office edits the library: no reporter, whatever unit
    route: 'PATCH /investors/:id',
    write: true,
    owner: 'admin',
    call: async (i, v) => ({ url: `/investors/${i.investor}`, body: { version: await v('investor', i.investor), name: '被改名的企业' } }),
  },
];

describe('object-level scoping: caller × route × another unit’s ids (AC-2, e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let ids: Ids;
  const auth = {} as Record<Caller, string>;
  let permissionOf: Map<string, Permission>;

  /** `METHOD /path` → permission of every route of the running app that has a `:param` in its path. */
  function paramRoutes(): Map<string, Permission> {
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const found = new Map<string, Permission>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const instance = wrapper.instance as object | undefined;
        if (!instance || !wrapper.metatype) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
        for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
          const handler = (instance as Record<string, unknown>)[name] as object;
          const sub = Reflect.getMetadata(PATH_METADATA, handler);
          if (sub === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const path = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
          if (!path.includes(':')) continue;
          const permission = reflector.getAllAndOverride<Permission>(PERMISSION_KEY, [handler as never, wrapper.metatype]);
          found.set(`${method} ${path}`, permission);
        }
      }
    }
    return found;
  }

  const version = async (table: string, id: number | string) =>
    Number((await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version);

  /** Every row behind the victim ids, in full. */
  async function victimRows(): Promise<unknown> {
    const i = ids;
    const rows = async (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
    return {
      reports: await rows('SELECT * FROM monthly_report WHERE unit_id = ANY($1) ORDER BY id', [[units.T02, units.LX01]]),
      values: await rows(
        'SELECT v.* FROM report_value v JOIN monthly_report r ON r.id = v.report_id WHERE r.unit_id = $1 ORDER BY 1, 2',
        [units.T02],
      ),
      history: await rows('SELECT count(*)::int AS n FROM report_status_history'),
      targets: await rows('SELECT * FROM target ORDER BY id'),
      project: await rows('SELECT * FROM project WHERE id = $1', [i.project]),
      shares: await rows('SELECT * FROM project_share WHERE project_id = $1 ORDER BY unit_id', [i.project]),
      events: await rows('SELECT * FROM project_event WHERE project_id = $1 ORDER BY id', [i.project]),
      funds: await rows('SELECT * FROM project_fund WHERE project_id = $1 ORDER BY month', [i.project]),
      verifications: await rows('SELECT * FROM verification WHERE project_id = $1 ORDER BY id', [i.project]),
      attachments: await rows('SELECT * FROM attachment ORDER BY id'),
      attachmentChunks: await rows('SELECT attachment_id, seq, md5(data) FROM attachment_chunk ORDER BY 1, 2'),
      notification: await rows('SELECT * FROM notification WHERE id = $1', [i.notification]),
      batch: await rows('SELECT id, status, committed_at FROM import_batch WHERE id = $1', [i.batch]),
      entries: await rows('SELECT * FROM scoring_manual_entry ORDER BY id'),
      plans: await rows('SELECT * FROM plan ORDER BY id'),
      indicators: await rows('SELECT * FROM indicator WHERE plan_id = $1 ORDER BY id', [i.planB]),
      snapshots: await rows('SELECT id, plan_id, month, version FROM ranking_snapshot ORDER BY id'),
      briefings: await rows('SELECT id, plan_id, month, version, status, published_at FROM briefing ORDER BY id'),
      unit: await rows('SELECT * FROM unit WHERE id = $1', [i.unitT02]),
      user: await rows(
        `SELECT id, username, display_name, password_hash, roles, is_active, must_change_password, version,
                array(SELECT unit_id FROM user_unit WHERE user_id = $1 ORDER BY unit_id) AS unit_ids
           FROM app_user WHERE id = $1`,
        [i.userT02],
      ),
      sessions: await rows('SELECT id, revoked_at FROM refresh_token WHERE user_id = $1 ORDER BY id', [i.userT02]),
      notificationsSent: await rows('SELECT count(*)::int AS n FROM notification'),
      channelAccounts: await rows('SELECT * FROM user_channel_account ORDER BY user_id, vendor'),
      chains: await rows('SELECT * FROM industry_chain ORDER BY id'),
      lead: await rows('SELECT * FROM lead WHERE id = $1', [i.lead]),
      leadTrail: await rows('SELECT * FROM lead_status_change WHERE lead_id = $1 ORDER BY id', [i.lead]),
      leadFollowUps: await rows('SELECT * FROM lead_follow_up WHERE lead_id = $1 ORDER BY id', [i.lead]),
      investor: await rows('SELECT * FROM investor WHERE id = $1', [i.investor]),
      activity: await rows('SELECT * FROM activity WHERE id = $1', [i.activity]),
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, [
      ...SMALL_COUNTY,
      { code: 'LX', name: '邻县', category: 'county' },
      { code: 'LX01', name: '石桥镇', category: 'town', parent: 'LX' },
    ]);
    const users = await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, { username: 'rep_p01', roles: ['reporter'], unitIds: [units.P01!], displayName: '开发区填报员' });
    await insertUser(t.dataSource, {
      username: 'rep_p01a',
      roles: ['reporter'],
      unitIds: [units.P01A!],
      displayName: '开发区东区填报员',
    });
    await insertUser(t.dataSource, { username: 'rep_lx01', roles: ['reporter'], unitIds: [units.LX01!], displayName: '石桥镇填报员' });

    const planA = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    const planB = await insertPlan(t.dataSource, { rootUnitId: units.LX!, name: '邻县2026年度招商引资目标考核' });
    const indA = await insertIndicators(t.dataSource, planA);
    const indB = await insertIndicators(t.dataSource, planB);
    for (const code of ['T01', 'T02', 'P01', 'P01A'] as const) {
      await insertTarget(t.dataSource, planA, units[code]!, indA.DWZJ!, '50000');
    }
    await insertTarget(t.dataSource, planB, units.LX01!, indB.DWZJ!, '30000');

    const report = async (planId: number, unitId: number, month: string, status: string, value: string) => {
      const [row] = await t.dataSource.query(
        `INSERT INTO monthly_report (plan_id, unit_id, month, status, submitted_at, submitted_by, approved_at, approved_by)
         VALUES ($1, $2, $3, $4,
                 CASE WHEN $4 <> 'draft' THEN now() END, CASE WHEN $4 <> 'draft' THEN $5::int END,
                 CASE WHEN $4 = 'approved' THEN now() END, CASE WHEN $4 = 'approved' THEN $6::int END)
         RETURNING id`,
        [planId, unitId, month, status, users.reporterT02, users.admin],
      );
      await t.dataSource.query('INSERT INTO report_value (report_id, indicator_id, value) VALUES ($1, $2, $3)', [
        row.id,
        indA.DWZJ,
        value,
      ]);
      return row.id as number;
    };
    const reportApproved = await report(planA, units.T02!, '2026-03', 'approved', '1200');
    const reportSubmitted = await report(planA, units.T02!, '2026-04', 'submitted', '800');
    const reportDraft = await report(planA, units.T02!, '2026-05', 'draft', '300');
    // the parent/child pair gets one report each, for the tree test
    await report(planA, units.P01!, '2026-05', 'draft', '10');
    await report(planA, units.P01A!, '2026-05', 'draft', '20');

    const project = await insertProject(t.dataSource, {
      code: 'XM-2026-0211',
      name: '青山镇绿色食品精深加工项目',
      investorName: '浙江绿源食品集团有限公司',
      unitId: units.T02!,
      agreedWan: '120000',
      signedDate: '2026-03-20',
      shares: [{ unitId: units.T02!, pct: '100' }],
    });
    await insertFund(t.dataSource, project, '2026-04', '3500');
    const [verification] = await t.dataSource.query(
      `SELECT id FROM verification WHERE project_id = $1 AND kind = 'signed'`,
      [project],
    );
    const contract = Buffer.from('%PDF-1.4\n% 青山镇绿色食品精深加工项目 投资协议\n%%EOF\n');
    const attachment = await t.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO attachment (project_id, fund_month, kind, file_name, file_type, content_type, size_bytes, sha256, store, uploaded_by)
         VALUES ($1, '2026-04', 'fundVoucher', '四月到位资金进账单.pdf', 'pdf', 'application/pdf', $2, encode(sha256($3), 'hex'), 'pg', $4)
         RETURNING id`,
        [project, contract.length, contract, users.reporterT02],
      );
      await m.query('INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES ($1, 0, $2)', [row.id, contract]);
      return row.id as number;
    });
    const [notification] = await t.dataSource.query(
      `INSERT INTO notification (user_id, kind, title, body, plan_id, unit_id, month)
       VALUES ($1, 'report.returned', '五月月报被退回', '到位资金缺少银行进账单', $2, $3, '2026-05') RETURNING id`,
      [users.reporterT02, planA, units.T02],
    );
    const batch = randomUUID();
    await t.dataSource.query(
      `INSERT INTO import_batch (id, kind, plan_id, month, file_name, content_sha256, rows, created_by)
       VALUES ($1, 'reports', $2, '2026-05', '青山镇五月月报.xlsx', $3, $4::jsonb, $5)`,
      [batch, planA, 'a'.repeat(64), JSON.stringify([]), users.reporterT02],
    );
    const [entry] = await t.dataSource.query(
      `INSERT INTO scoring_manual_entry (plan_id, unit_id, item_code, month, points, reason, created_by)
       VALUES ($1, $2, 'integrity', '2026-04', 2, '三月到位资金虚报', $3) RETURNING id`,
      [planA, units.T02, users.admin],
    );
    await t.dataSource.query(
      `INSERT INTO briefing (plan_id, month, version, status, title, summary_text, snapshot_version, snapshot_computed_at,
                             docx, xlsx, generated_at, published_at)
       VALUES ($1, '2026-03', 1, 'published', '邻县2026年3月招商引资工作通报', '三月通报', 1, now(),
               '\\x504b0304'::bytea, '\\x504b0304'::bytea, now(), now()),
              ($1, '2026-03', 2, 'draft', '邻县2026年3月招商引资工作通报（修订）', '三月通报修订', 1, now(),
               '\\x504b0304'::bytea, '\\x504b0304'::bytea, now(), NULL)`,
      [planB],
    );
    // channel 1, the sysadmin's (its delivery log is what the matrix reads)
    await t.dataSource.query(
      `INSERT INTO notification_channel (kind, name, unit_id, token_enc) VALUES ('webhook', '青山镇短信网关', $1, 'v1:AA:AA:AA')`,
      [units.T02],
    );

    const [chain] = await t.dataSource.query(
      `INSERT INTO industry_chain (name, leader_name) VALUES ('新能源', '王建军') RETURNING id`,
    );
    const insertLeadOfT02 = async () => {
      const [investor] = await t.dataSource.query(
        `INSERT INTO investor (name) VALUES ('浙江绿源食品集团有限公司') RETURNING id`,
      );
      const [lead] = await t.dataSource.query(
        `INSERT INTO lead (code, title, unit_id, owner_name, investor_id, source, status, found_on, status_changed_on)
         VALUES ('XS2026-000901', '青山镇绿色食品精深加工二期线索', $1, '青山镇招商办', $2, 'visit', 'new', '2026-04-02', '2026-04-02')
         RETURNING id`,
        [units.T02, investor.id],
      );
      return { lead: lead.id as number, investor: investor.id as number };
    };
    const [activity] = await t.dataSource.query(
      `INSERT INTO activity (code, kind, title, unit_id, start_date, end_date, place, leading_official)
       VALUES ('HD2026-000001', 'reception', '青山镇接待浙江绿源食品集团考察', $1, '2026-04-08', '2026-04-08', '青山镇政府', '陈志强')
       RETURNING id`,
      [units.T02],
    );
    for (const caller of CALLERS) auth[caller.name] = await bearer(t.http, caller.name);
    const [family] = await t.dataSource.query('SELECT family_id FROM refresh_token WHERE user_id = $1 LIMIT 1', [
      users.reporterT02,
    ]);
    ids = {
      planA,
      planB,
      indicatorB: indB.DWZJ!,
      DWZJ: indA.DWZJ!,
      reportDraft,
      reportSubmitted,
      reportApproved,
      project,
      verification: verification.id,
      attachment,
      notification: Number(notification.id),
      batch,
      entry: entry.id,
      unitT02: units.T02!,
      unitLX01: units.LX01!,
      userT02: users.reporterT02,
      familyT02: family.family_id,
      chain: chain.id,
      ...(await insertLeadOfT02()),
      activity: activity.id,
    };
    permissionOf = paramRoutes();
  });
  afterAll(() => t.close());

  it('should list every route that takes an id in the matrix table (a new one must be added here)', () => {
    const registered = [...permissionOf.keys()].sort();
    const listed = ROUTES.map((r) => r.route).sort();
    expect(registered.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((r) => !registered.includes(r))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  describe.each(CALLERS.map((c) => [c.name, c.why, c] as const))('%s — %s', (_name, _why, caller) => {
    it('should reach only its own objects: 403/404 elsewhere with the rows unchanged, 200 where it may read', async () => {
      const outcomes: string[] = [];
      const problems: string[] = [];
      for (const route of ROUTES) {
        const permission = permissionOf.get(route.route);
        const mayReach =
          permission !== undefined &&
          permissionsOf(caller.roles).has(permission) &&
          (route.countyWide ||
            (route.userOwned ? caller.name === route.owner : !caller.scoped || caller.name === route.owner || !!route.everyReader));
        if (mayReach && route.write) {
          outcomes.push(`${route.route}: allowed, not written`);
          continue;
        }
        const [method, path] = route.route.split(' ') as [string, string];
        const call = await route.call(ids, version);
        const before = route.write ? JSON.stringify(await victimRows()) : '';
        let req = t.http[method.toLowerCase() as 'get'](`/api/v1${call.url}`).set('Authorization', auth[caller.name]);
        if (call.body !== undefined) req = req.send(call.body as object);
        const res = await req;
        if (mayReach) {
          if (res.status !== 200) problems.push(`${route.route} (${path}): expected 200 for a reader, got ${res.status} ${res.body?.code ?? ''}`);
        } else {
          if (res.status !== 403 && res.status !== 404) {
            problems.push(`${route.route}: expected 403/404, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          }
          if (res.status === 403 || res.status === 404) {
            // the refusal is the API's error format, and says nothing of the object
            if (!res.body?.code || !res.body?.requestId) problems.push(`${route.route}: refusal without code/requestId`);
            if (JSON.stringify(res.body).includes('青山镇绿色食品')) problems.push(`${route.route}: refusal leaks the object`);
          }
          if (route.write) {
            const after = JSON.stringify(await victimRows());
            if (after !== before) problems.push(`${route.route}: a refused call changed the rows`);
          }
        }
        outcomes.push(`${route.route}: ${res.status}`);
      }
      expect(problems).toEqual([]);
      expect(outcomes).toHaveLength(ROUTES.length);
    });
  });

  it('should let a parent unit’s reporter reach its child’s report, but not the child’s reporter the parent’s', async () => {
    const [parent] = await t.dataSource.query(`SELECT id FROM monthly_report WHERE unit_id = $1`, [units.P01]);
    const [child] = await t.dataSource.query(`SELECT id FROM monthly_report WHERE unit_id = $1`, [units.P01A]);
    await t.http.get(`/api/v1/reports/${child.id}`).set('Authorization', auth.rep_p01).expect(200);
    await t.http.get(`/api/v1/reports/${parent.id}`).set('Authorization', auth.rep_p01).expect(200);
    await t.http.get(`/api/v1/reports/${child.id}`).set('Authorization', auth.rep_p01a).expect(200);
    const up = await t.http.get(`/api/v1/reports/${parent.id}`).set('Authorization', auth.rep_p01a);
    expect([403, 404]).toContain(up.status);
  });

  it('should leave other units’ rows out of the lists a reporter reads', async () => {
    const unitIdsOf = (rows: Array<{ unitId: number }>) => [...new Set(rows.map((r) => r.unitId))].sort((a, b) => a - b);
    const targets = await t.http.get(`/api/v1/plans/${ids.planA}/targets`).set('Authorization', auth.rep_t01).expect(200);
    const rows = (targets.body.items ?? targets.body.targets ?? targets.body) as Array<{ unitId: number }>;
    expect(unitIdsOf(rows)).toEqual([units.T01]);
    const parentTargets = await t.http.get(`/api/v1/plans/${ids.planA}/targets`).set('Authorization', auth.rep_p01).expect(200);
    expect(unitIdsOf((parentTargets.body.items ?? parentTargets.body.targets ?? parentTargets.body) as Array<{ unitId: number }>)).toEqual(
      [units.P01, units.P01A].sort((a, b) => a! - b!),
    );
    const reports = await t.http
      .get(`/api/v1/plans/${ids.planA}/reports?month=2026-05`)
      .set('Authorization', auth.rep_t01)
      .expect(200);
    const reportUnits = JSON.stringify(reports.body);
    expect(reportUnits).not.toContain(`"unitId":${units.T02},`);
    const projects = await t.http.get('/api/v1/projects').set('Authorization', auth.rep_t01).expect(200);
    expect(JSON.stringify(projects.body)).not.toContain('青山镇绿色食品精深加工项目');
    const mine = await t.http.get('/api/v1/projects').set('Authorization', auth.rep_t02).expect(200);
    expect(JSON.stringify(mine.body)).toContain('青山镇绿色食品精深加工项目');
  });
});
