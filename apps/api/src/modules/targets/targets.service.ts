import { HttpStatus, Injectable } from '@nestjs/common';
import {
  PlanStatus,
  TARGET_CONFLICT,
  type TargetConflictCode,
  validateTargetValue,
  type ErrorDetail,
  type IndicatorKind,
  type PutTargetItem,
  type PutTargetsResponse,
  type TargetsResponse,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { scopeParam, type Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { IndicatorsRepository } from '../plans/indicators.repository';
import { PlansRepository } from '../plans/plans.repository';
import { planClosed, rejectIssues } from '../plans/plans.errors';
import { capDetails } from './dto/put-targets.dto';
import { targetsConflict } from './targets.errors';
import { TargetsRepository, type TargetValueRow } from './targets.repository';

const pairKey = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
    private readonly indicators: IndicatorsRepository,
    private readonly targets: TargetsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, planId: number): Promise<TargetsResponse> {
    const scope = scopeParam(actor.principal);
    const plan = await this.plans.findVisible(planId, scope);
    if (!plan) throw ApiException.notFound('计划', 'Plan');
    const [items, decomposition] = await Promise.all([
      this.targets.listByPlan(planId, scope),
      this.targets.decomposition(planId, plan.rootUnitId, scope),
    ]);
    return { planId, items, decomposition };
  }

  /**
   * Writes targets at the versions they were read at (REL-1), in the caller's transaction, set-based: rows with a
   * version update only where the stored version is still that one, rows without one insert only where no target
   * exists yet. When any row is not written, throws 409 VERSION_CONFLICT naming each such row through `describe`
   * (the caller's transaction then rolls back: nothing is written). Answers the rows whose value changed.
   */
  async writeAtVersions(
    manager: EntityManager,
    planId: number,
    rows: readonly VersionedTarget[],
    describe: (row: VersionedTarget, index: number) => { field: string; label: string },
    retry: [zh: string, en: string] = ['请重新加载后再保存', 'reload and save again'],
  ): Promise<{ written: TargetValueRow[]; created: number }> {
    const versioned: number[] = [];
    const fresh: number[] = [];
    rows.forEach((row, i) => (row.version === undefined || row.version === null ? fresh : versioned).push(i));
    const columns = (indexes: number[]) => ({
      unitIds: indexes.map((i) => rows[i]!.unitId),
      indicatorIds: indexes.map((i) => rows[i]!.indicatorId),
      values: indexes.map((i) => rows[i]!.value),
    });
    const updated = versioned.length
      ? await this.targets.updateAtVersions(manager, planId, {
          ...columns(versioned),
          versions: versioned.map((i) => rows[i]!.version!),
        })
      : [];
    const inserted = fresh.length ? await this.targets.insertNew(manager, planId, columns(fresh)) : [];
    if (updated.length + inserted.length !== rows.length) {
      const done = new Set([...updated, ...inserted].map((r) => pairKey(r.unitId, r.indicatorId)));
      const missed = (indexes: number[], code: TargetConflictCode) =>
        indexes
          .filter((i) => !done.has(pairKey(rows[i]!.unitId, rows[i]!.indicatorId)))
          .map((i) => ({ ...describe(rows[i]!, i), code }));
      throw targetsConflict(
        [...missed(versioned, TARGET_CONFLICT.stale), ...missed(fresh, TARGET_CONFLICT.exists)],
        retry,
      );
    }
    const written: TargetValueRow[] = [
      ...inserted,
      ...updated.filter((r) => r.isChanged).map(({ isChanged: _isChanged, ...row }) => row),
    ];
    return { written, created: inserted.length };
  }

  /** Upserts every row in one transaction, or nothing when any row is wrong or stale. */
  async put(actor: Actor, planId: number, items: PutTargetItem[]): Promise<PutTargetsResponse> {
    rejectIssues(capDetails(duplicatePairIssues(items)), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (manager) => {
      // writers of one plan's targets queue up on the plan row (and it cannot be closed meanwhile)
      const plan = await this.plans.lockForWrite(manager, planId, scopeParam(actor.principal));
      if (!plan) throw ApiException.notFound('计划', 'Plan');
      if (plan.status === PlanStatus.Closed) throw planClosed();

      const indicatorList = await this.indicators.listByPlan(planId, manager);
      const kinds = new Map(indicatorList.map((i) => [i.id, i.kind]));
      const units = new Map(
        (
          await this.targets.describeUnits(manager, plan.rootUnitId, [...new Set(items.map((i) => i.unitId))])
        ).map((u) => [u.unitId, u]),
      );
      rejectIssues(capDetails(rowIssues(items, kinds, units)), HttpStatus.UNPROCESSABLE_ENTITY);

      const existing = await this.targets.lockExisting(
        manager,
        planId,
        items.map((i) => i.unitId),
        items.map((i) => i.indicatorId),
      );
      const indicatorNames = new Map(indicatorList.map((i) => [i.id, i.name]));
      const { written, created } = await this.writeAtVersions(manager, planId, items, (item, i) => ({
        field: `${i}.version`,
        label: `${units.get(item.unitId)?.name ?? item.unitId} · ${indicatorNames.get(item.indicatorId) ?? item.indicatorId}`,
      }));
      const changed = new Set(written.map((r) => pairKey(r.unitId, r.indicatorId)));
      const before = existing.filter((r) => changed.has(pairKey(r.unitId, r.indicatorId)));
      const result: PutTargetsResponse = {
        planId,
        created,
        updated: written.length - created,
        unchanged: items.length - written.length,
      };
      await this.audit.record(manager, actor, {
        action: 'targets.put',
        objectType: 'plan',
        objectId: planId,
        before,
        after: written,
        detail: {
          rows: items.length,
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        },
      });
      // no YTD refresh: ytd_summary holds actuals only, which a target does not move
      return result;
    });
  }
}

/** A target to write at the version it was read at (null or absent: a new target). */
export interface VersionedTarget {
  unitId: number;
  indicatorId: number;
  value: string;
  version?: number | null;
}

function duplicatePairIssues(items: PutTargetItem[]): ErrorDetail[] {
  const firstRow = new Map<string, number>();
  const issues: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const key = pairKey(item.unitId, item.indicatorId);
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, i);
      return;
    }
    issues.push({
      field: `${i}.indicatorId`,
      code: 'duplicatePair',
      message: `${i}.indicatorId：与第 ${first} 行的单位和指标重复`,
      messageEn: `${i}.indicatorId: the same unit and indicator as row ${first}`,
    });
  });
  return issues;
}

/** Per row: the unit is in the plan's tree and active, the indicator is the plan's, a ratio target is a fraction. */
function rowIssues(
  items: PutTargetItem[],
  kinds: Map<number, IndicatorKind>,
  units: Map<number, { isKnown: boolean; isInTree: boolean; isActive: boolean }>,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const unit = units.get(item.unitId);
    if (!unit?.isKnown) {
      issues.push(detail(`${i}.unitId`, 'unknownUnit', '单位不存在', 'unknown unit'));
    } else if (!unit.isInTree) {
      issues.push(
        detail(
          `${i}.unitId`,
          'outsideTree',
          '单位不在本计划的考核范围内',
          'the unit is outside the plan’s unit tree',
        ),
      );
    } else if (!unit.isActive) {
      issues.push(detail(`${i}.unitId`, 'inactiveUnit', '单位已停用', 'the unit is inactive'));
    }
    const kind = kinds.get(item.indicatorId);
    if (!kind) {
      issues.push(
        detail(`${i}.indicatorId`, 'unknownIndicator', '不是本计划的指标', 'not an indicator of this plan'),
      );
    } else {
      issues.push(...validateTargetValue(kind, item.value, `${i}.value`));
    }
  });
  return issues;
}

function detail(field: string, code: string, zh: string, en: string): ErrorDetail {
  return { field, code, message: `${field}：${zh}`, messageEn: `${field}: ${en}` };
}
