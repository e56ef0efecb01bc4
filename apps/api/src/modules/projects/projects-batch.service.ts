import { Injectable } from '@nestjs/common';
import type { ProjectRow } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { ProjectHistoryRepository } from './project-history.repository';
import { shareStates } from './project-shares';
import { creditedUnitIds, creditRows, ProjectsService } from './projects.service';
import { type ProjectFields, ProjectsRepository, type StoredProject } from './projects.repository';
import type { StageEventKind, StageState } from '@pacer/shared';

// the row types a batch caller compares with, so that it needs nothing from the repository
export type { ProjectFields, StoredProject };

type StageEvent = { stage: StageEventKind; date: string };

/** What the form's create takes, without exclusion (a new project counts). */
export type NewProjectFields = Omit<ProjectFields, 'isExcluded' | 'excludedReason'>;

/** One project a batch writes: a new one credited to its responsible unit, or changes to a stored one. */
export type ProjectBatchChange =
  | {
      kind: 'create';
      fields: NewProjectFields;
      /** The stage and dates once every event is applied. */
      stage: StageState;
      /** Every stage event in order, the starting one first. */
      events: StageEvent[];
      detail?: Record<string, unknown>;
    }
  | {
      kind: 'update';
      id: number;
      /** The version the caller read: a project changed since then is stale. */
      version: number;
      patch: Partial<ProjectFields>;
      /** The stage and dates after `events` (ignored without events). */
      stage: StageState;
      /** Forward stage events to add, in order. */
      events: StageEvent[];
      detail?: Record<string, unknown>;
    };

/**
 * Projects for callers that write many at once in their own transaction (the Excel ledger import): the reads a
 * preview compares with, and a batch write through the same create as the form, audited the same, with the
 * year-to-date summary refreshed once for every unit touched.
 */
@Injectable()
export class ProjectsBatchService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly history: ProjectHistoryRepository,
    private readonly ledger: ProjectsService,
    private readonly summary: YtdSummaryService,
    private readonly clock: Clock,
  ) {}

  /** Live projects by natural key (responsible unit, name, investor; spaces collapsed), locked until the commit. */
  lockByNaturalKeys(
    manager: EntityManager,
    keys: ReadonlyArray<{ unitId: number; name: string; investorName: string }>,
  ): Promise<StoredProject[]> {
    return this.projects.lockByNaturalKeys(manager, keys);
  }

  /** Which of these units exist, and whether they are active. */
  unitStates(manager: EntityManager, unitIds: number[]): Promise<Map<number, boolean>> {
    return this.projects.unitStates(manager, unitIds);
  }

  /**
   * Writes the changes in the caller's transaction; `stale` is thrown when a project changed or went since the caller
   * read it (the transaction then rolls back whole). One summary refresh at the end covers every credited unit.
   */
  async writeBatch(
    manager: EntityManager,
    actor: Actor,
    changes: readonly ProjectBatchChange[],
    options: { stale: () => Error },
  ): Promise<void> {
    const touched = new Set<number>();
    for (const change of changes) {
      const rows =
        change.kind === 'create'
          ? [await this.create(manager, actor, change)]
          : await this.update(manager, actor, change, options.stale);
      for (const row of rows) for (const unitId of creditedUnitIds(row)) touched.add(unitId);
    }
    await this.summary.refreshForUnits(manager, [...touched]);
  }

  private create(
    manager: EntityManager,
    actor: Actor,
    change: Extract<ProjectBatchChange, { kind: 'create' }>,
  ): Promise<ProjectRow> {
    const { fields } = change;
    // the responsible unit alone, as the form's create with no co-credited units writes it
    const shares = shareStates(
      actor.principal!,
      fields.unitId,
      creditRows(fields.unitId, []),
      [],
      this.clock.now(),
    );
    return this.ledger.insertProject(manager, actor, {
      fields: { ...fields, isExcluded: false, excludedReason: null },
      shares,
      stage: change.stage,
      events: change.events,
      detail: change.detail,
    });
  }

  /** Field changes as the form's update writes them, then the stage events as the events route does. */
  private async update(
    manager: EntityManager,
    actor: Actor,
    change: Extract<ProjectBatchChange, { kind: 'update' }>,
    stale: () => Error,
  ): Promise<ProjectRow[]> {
    const principal = actor.principal!;
    const before = await this.projects.lockForWrite(manager, change.id, scopeParam(principal));
    if (!before || before.version !== change.version) throw stale();
    if (Object.keys(change.patch).length > 0) {
      if (
        !(await this.projects.updateFields(
          manager,
          change.id,
          change.version,
          change.patch,
          principal.userId,
        ))
      ) {
        throw stale();
      }
    }
    if (change.events.length > 0) {
      await this.projects.updateStage(manager, change.id, change.stage, principal.userId);
      for (const e of change.events) {
        await this.history.insertEvent(manager, {
          projectId: change.id,
          stage: e.stage,
          date: e.date,
          isCorrection: false,
          reason: null,
          userId: principal.userId,
        });
      }
    }
    const after = (await this.projects.findRow(change.id, null, manager))!;
    await this.ledger.auditUpdate(manager, actor, before, after, change.detail);
    return [before, after];
  }
}
