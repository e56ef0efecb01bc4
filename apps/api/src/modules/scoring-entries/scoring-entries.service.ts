import { HttpStatus, Injectable } from '@nestjs/common';
import {
  Dec,
  type CreateScoringEntryRequest,
  type ScoringEntriesResponse,
  type ScoringEntryRow,
  type ScoringItemConfig,
} from '@pacer/shared';
import { DataSource } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { assertMonthInPlanYear as requireMonthInYear } from '../plans/plans.errors';
import { PlansService } from '../plans/plans.service';
import type { RankingPlan } from '../rankings/rankings.types';
import { planClosedForEntries } from './scoring-entries.errors';
import { ScoringEntriesRepository, type StoredScoringEntry } from './scoring-entries.repository';

const ENTRY_NOT_FOUND = () => ApiException.notFound('评分记录', 'Scoring entry');
const MANUAL_METHODS = new Set(['bonus', 'deduction', 'band-shortfall']);

const unprocessable = (field: string, code: string, zh: string, en: string) =>
  ApiException.field(field, code, zh, en, HttpStatus.UNPROCESSABLE_ENTITY);

/** The counters an item reads, to which a manual count may add (as the engine does). */
function countersOf(item: ScoringItemConfig): string[] {
  const named = (list: unknown) =>
    Array.isArray(list)
      ? list.flatMap((r: { counter?: unknown }) => (typeof r?.counter === 'string' ? [r.counter] : []))
      : [];
  return item.method === 'band-shortfall' ? named(item.bands) : named(item.rules);
}

/**
 * Entries the office records by hand against a bonus, deduction or band-shortfall item (e.g. 弄虚作假 counted
 * against a deduction), each with a reason, counted from its month on. Every write is audited.
 */
@Injectable()
export class ScoringEntriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly entries: ScoringEntriesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, planId: number): Promise<ScoringEntriesResponse> {
    const plan = await this.plans.findVisible(planId, scopeParam(actor.principal));
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const rows = await this.entries.listByPlan(plan.id);
    return { planId: plan.id, items: rows.map((r) => withItemName(plan, r)) };
  }

  async create(actor: Actor, planId: number, request: CreateScoringEntryRequest): Promise<ScoringEntryRow> {
    const reason = request.reason.trim();
    if (!reason) throw ApiException.field('reason', 'isNotEmpty', '请填写原因', 'A reason is required');
    requireAmounts(request);
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plans.findVisible(planId, scopeParam(actor.principal), manager);
      if (!plan) throw ApiException.notFound('计划', 'Plan');
      if (plan.status === 'closed') {
        throw planClosedForEntries();
      }
      requireMonthInYear(plan, request.month);
      const unit = await this.entries.findAssessedUnit(plan.rootUnitId, request.unitId, manager);
      if (!unit) {
        throw unprocessable(
          'unitId',
          'unknownUnit',
          '该单位不是本计划的考核单位',
          'Not an assessed unit of this plan',
        );
      }
      const item = requireItem(plan, request, unit.category);
      const id = await this.entries.insert(manager, {
        planId: plan.id,
        unitId: unit.id,
        itemCode: item.code,
        month: request.month,
        counter: request.counter ?? null,
        count: request.count ?? null,
        points: request.points ?? null,
        reason,
        createdBy: actor.principal?.userId ?? null,
      });
      const row = withItemName(plan, (await this.entries.findLive(id, manager))!);
      await this.audit.record(manager, actor, {
        action: 'scoring_entry.create',
        objectType: 'scoring_entry',
        objectId: id,
        after: row,
      });
      return row;
    });
  }

  async remove(actor: Actor, id: number, reasonText: string): Promise<void> {
    const reason = reasonText.trim();
    if (!reason) throw ApiException.field('reason', 'isNotEmpty', '请填写原因', 'A reason is required');
    await this.dataSource.transaction(async (manager) => {
      const entry = await this.entries.findLive(id, manager);
      if (!entry) throw ENTRY_NOT_FOUND();
      const plan = await this.plans.findVisible(entry.planId, scopeParam(actor.principal), manager);
      if (!plan) throw ENTRY_NOT_FOUND();
      if (!(await this.entries.softDelete(manager, id, actor.principal?.userId ?? null, reason))) {
        throw ENTRY_NOT_FOUND();
      }
      await this.audit.record(manager, actor, {
        action: 'scoring_entry.delete',
        objectType: 'scoring_entry',
        objectId: id,
        before: withItemName(plan, entry),
        detail: { reason },
      });
    });
  }
}

function withItemName(plan: RankingPlan, row: StoredScoringEntry): ScoringEntryRow {
  const item = (plan.scoring.items ?? []).find((i) => i.code === row.itemCode);
  return { ...row, itemName: item?.name ?? null };
}

/**
 * A count of a counter, or points, or both. Points > 0; a count ≥ 0: an explicit 0 records "reported none" for the
 * month (报无), which is not the same as no entry at all (not reported).
 */
function requireAmounts(request: CreateScoringEntryRequest): void {
  const hasCount = request.count !== undefined;
  if (hasCount !== (request.counter !== undefined)) {
    const field = hasCount ? 'counter' : 'count';
    throw ApiException.field(
      field,
      'isDefined',
      'counter 与 count 须同时填写',
      'counter and count go together',
    );
  }
  if (!hasCount && request.points === undefined) {
    throw ApiException.field(
      'points',
      'isDefined',
      '请填写计数（counter + count）或分值（points）',
      'Give a count (counter + count) or points',
    );
  }
  if (request.points !== undefined && new Dec(request.points).lte(0)) {
    throw ApiException.field('points', 'min', 'points 必须大于 0', 'points must be above 0');
  }
}

/** The item the entry names: one of the plan's, taking manual entries, applying to the unit, with that counter. */
function requireItem(
  plan: RankingPlan,
  request: CreateScoringEntryRequest,
  category: string,
): ScoringItemConfig {
  const item = (plan.scoring.items ?? []).find((i) => i.code === request.itemCode);
  if (!item) {
    throw unprocessable(
      'itemCode',
      'unknownItem',
      `本计划的考核办法中没有编码为 ${request.itemCode} 的评分项`,
      `no scoring item ${request.itemCode} in this plan`,
    );
  }
  if (!MANUAL_METHODS.has(item.method)) {
    throw unprocessable(
      'itemCode',
      'notManual',
      '只能记入加分、扣分或分档缺项类评分项',
      'Only bonus, deduction and band-shortfall items take manual entries',
    );
  }
  const group = plan.rankingGroups.find((g) => g.categories.includes(category));
  if (item.groups !== undefined && (!group || !item.groups.includes(group.code))) {
    throw unprocessable(
      'unitId',
      'notApplicable',
      '该单位不参与此评分项',
      'The item does not apply to this unit',
    );
  }
  if (request.counter !== undefined && !countersOf(item).includes(request.counter)) {
    throw unprocessable(
      'counter',
      'unknownCounter',
      `评分项 ${item.code} 不使用计数项 ${request.counter}`,
      `item ${item.code} does not use counter ${request.counter}`,
    );
  }
  if (request.points !== undefined && item.method === 'band-shortfall') {
    throw unprocessable(
      'points',
      'notApplicable',
      '分档缺项评分项只能记计数',
      'A band-shortfall item takes counts only',
    );
  }
  return item;
}
