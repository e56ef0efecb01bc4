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
  type TargetRow,
  type TargetsResponse,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { scopeParam, type Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { planClosed, rejectIssues } from '../plans/plans.errors';
import { PlansService } from '../plans/plans.service';
import { capDetails } from './dto/put-targets.dto';
import { targetsConflict } from './targets.errors';
import { type RequestedUnit, TargetsRepository, type TargetValueRow } from './targets.repository';

// the row types a batch caller compares with, so that it needs nothing from the repository
export type { RequestedUnit, TargetValueRow };

const pairKey = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly plans: PlansService,
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

  /** The plan's targets (a scoped principal: of its units only), in tree and catalogue order. */
  listByPlan(planId: number, scope: number[] | null): Promise<TargetRow[]> {
    return this.targets.listByPlan(planId, scope);
  }

  /**
   * What a batch writer (the Excel import) checks its rows against, read in its transaction and locked until it
   * ends: the plan row (null when the scope cannot see it), the plan's indicators, the requested units as the plan's
   * tree sees them and the stored targets of the requested pairs.
   */
  async lockForBatch(
    manager: EntityManager,
    planId: number,
    rootUnitId: number,
    scope: number[] | null,
    pairs: ReadonlyArray<{ unitId: number; indicatorId: number }>,
  ): Promise<{
    plan: { status: string } | null;
    indicatorKinds: Map<number, IndicatorKind>;
    units: RequestedUnit[];
    existing: TargetValueRow[];
  }> {
    const plan = await this.plans.lockForWrite(manager, planId, scope);
    const indicatorKinds = new Map(
      (await this.plans.listIndicators(planId, manager)).map((i) => [i.id, i.kind]),
    );
    const units = await this.targets.describeUnits(manager, rootUnitId, [
      ...new Set(pairs.map((p) => p.unitId)),
    ]);
    const existing = await this.targets.lockExisting(
      manager,
      planId,
      pairs.map((p) => p.unitId),
      pairs.map((p) => p.indicatorId),
    );
    return { plan, indicatorKinds, units, existing };
  }

  /**
   * A batch of targets written in the caller's transaction at the versions they were read at (see writeAtVersions),
   * audited as `targets.put` exactly as PUT /plans/:id/targets is, with `detail` added. `existing` is what the caller
   * read (lockForBatch), for the audit's before. A batch that changes no value writes no audit row (a file imported
   * again leaves no trace but its batch).
   */
  async writeBatch(
    manager: EntityManager,
    actor: Actor,
    planId: number,
    batch: {
      rows: readonly VersionedTarget[];
      existing: readonly TargetValueRow[];
      describe: (row: VersionedTarget, index: number) => { field: string; label: string };
      retry: [zh: string, en: string];
      detail?: Record<string, unknown>;
    },
  ): Promise<PutTargetsResponse> {
    const { written, created } = await this.writeAtVersions(
      manager,
      planId,
      batch.rows,
      batch.describe,
      batch.retry,
    );
    if (written.length === 0) {
      return { planId, created: 0, updated: 0, unchanged: batch.rows.length };
    }
    return this.auditWrite(
      manager,
      actor,
      planId,
      { rows: batch.rows.length, existing: batch.existing, written, created },
      batch.detail,
    );
  }

  /**
   * The `targets.put` audit row of a write (the form's, an import's): the changed targets before and after, and the
   * counts. No YTD refresh: ytd_summary holds actuals only, which a target does not move.
   */
  private async auditWrite(
    manager: EntityManager,
    actor: Actor,
    planId: number,
    write: { rows: number; existing: readonly TargetValueRow[]; written: TargetValueRow[]; created: number },
    extra?: Record<string, unknown>,
  ): Promise<PutTargetsResponse> {
    const { written, created } = write;
    const changed = new Set(written.map((r) => pairKey(r.unitId, r.indicatorId)));
    const result: PutTargetsResponse = {
      planId,
      created,
      updated: written.length - created,
      unchanged: write.rows - written.length,
    };
    await this.audit.record(manager, actor, {
      action: 'targets.put',
      objectType: 'plan',
      objectId: planId,
      before: write.existing.filter((r) => changed.has(pairKey(r.unitId, r.indicatorId))),
      after: written,
      detail: {
        rows: write.rows,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        ...extra,
      },
    });
    return result;
  }

  /** Upserts every row in one transaction, or nothing when any row is wrong or stale. */
  async put(actor: Actor, planId: number, items: PutTargetItem[]): Promise<PutTargetsResponse> {
    rejectIssues(capDetails(duplicatePairIssues(items)), HttpStatus.BAD_REQUEST);
    return this.dataSource.transaction(async (manager) => {
      // writers of one plan's targets queue up on the plan row (and it cannot be closed meanwhile)
      const plan = await this.plans.lockForWrite(manager, planId, scopeParam(actor.principal));
      if (!plan) throw ApiException.notFound('计划', 'Plan');
      if (plan.status === PlanStatus.Closed) throw planClosed();

      const indicatorList = await this.plans.listIndicators(planId, manager);
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
      const result = await this.auditWrite(manager, actor, planId, {
        rows: items.length,
        existing,
        written,
        created,
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
