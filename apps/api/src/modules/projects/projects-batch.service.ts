import { Injectable } from '@nestjs/common';
import type { ProjectRow } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { type AuditRecord, AuditService } from '../audit/audit.service';
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

type CreateChange = Extract<ProjectBatchChange, { kind: 'create' }>;
type UpdateChange = Extract<ProjectBatchChange, { kind: 'update' }>;

/** Changes written per round of statements (and per progress report). */
const BATCH_CHUNK = 2000;

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
    private readonly audit: AuditService,
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
   * Writes the changes in the caller's transaction, set-based (a few statements per 2,000 projects, not a dozen per
   * project): the same rows, stage events, share rows and audit events (in the changes' order) as the form's create
   * and update would write one after another. `stale` is thrown when a project changed or went since the caller read
   * it (the transaction then rolls back whole). One summary refresh at the end covers every credited unit.
   * `onProgress` hears how many changes are written so far (after each chunk).
   */
  async writeBatch(
    manager: EntityManager,
    actor: Actor,
    changes: readonly ProjectBatchChange[],
    options: { stale: () => Error; onProgress?: (done: number) => Promise<void> | void },
  ): Promise<void> {
    const touched = new Set<number>();
    const audits: AuditRecord[] = [];
    let done = 0;
    for (let start = 0; start < changes.length; start += BATCH_CHUNK) {
      const chunk = changes.slice(start, start + BATCH_CHUNK);
      const creates = chunk.filter((c): c is CreateChange => c.kind === 'create');
      const updates = chunk.filter((c): c is UpdateChange => c.kind === 'update');
      const createdIds = await this.createMany(manager, actor, creates);
      const updated = await this.updateMany(manager, actor, updates, options.stale);
      // the stage events of the chunk in the changes' order (their ids as one write after another gives them)
      let created = 0;
      await this.history.insertEvents(
        manager,
        chunk.flatMap((c) => {
          const projectId = c.kind === 'create' ? createdIds[created++]! : c.id;
          return c.events.map((e) => ({
            projectId,
            stage: e.stage,
            date: e.date,
            userId: actor.principal!.userId,
          }));
        }),
      );
      const after = new Map(
        (await this.projects.findRows(manager, [...createdIds, ...updates.map((u) => u.id)])).map((r) => [
          r.id,
          r,
        ]),
      );
      let next = 0;
      for (const change of chunk) {
        if (change.kind === 'create') {
          const row = after.get(createdIds[next++]!)!;
          for (const unitId of creditedUnitIds(row)) touched.add(unitId);
          audits.push({
            action: 'project.create',
            objectType: 'project',
            objectId: row.id,
            after: row,
            ...(change.detail ? { detail: change.detail } : {}),
          });
        } else {
          const before = updated.get(change.id)!;
          const row = after.get(change.id)!;
          for (const unitId of [...creditedUnitIds(before), ...creditedUnitIds(row)]) touched.add(unitId);
          audits.push({
            action: 'project.update',
            objectType: 'project',
            objectId: row.id,
            before,
            after: row,
            ...(change.detail ? { detail: change.detail } : {}),
          });
        }
      }
      done += chunk.length;
      await options.onProgress?.(done);
    }
    await this.audit.recordMany(manager, actor, audits);
    await this.summary.refreshForUnits(manager, [...touched]);
  }

  /** New projects as the form's create writes them (responsible unit alone): rows and shares. Answers the ids. */
  private async createMany(
    manager: EntityManager,
    actor: Actor,
    creates: readonly CreateChange[],
  ): Promise<number[]> {
    if (creates.length === 0) return [];
    const principal = actor.principal!;
    const ids = await this.projects.nextIds(manager, creates.length);
    const now = this.clock.now();
    const year = this.ledger.today().slice(0, 4);
    await this.projects.insertMany(
      manager,
      creates.map((c, i) => ({
        ...c.fields,
        isExcluded: false,
        excludedReason: null,
        id: ids[i]!,
        code: `XM${year}-${String(ids[i]).padStart(6, '0')}`,
        stage: c.stage,
        userId: principal.userId,
      })),
    );
    await this.projects.insertSharesMany(
      manager,
      creates.flatMap((c, i) =>
        shareStates(principal, c.fields.unitId, creditRows(c.fields.unitId, []), [], now).map((s) => ({
          ...s,
          projectId: ids[i]!,
        })),
      ),
    );
    return ids;
  }

  /** Field changes as the form's update writes them, then the stage as the events route does (events: the caller). */
  private async updateMany(
    manager: EntityManager,
    actor: Actor,
    updates: readonly UpdateChange[],
    stale: () => Error,
  ): Promise<Map<number, ProjectRow>> {
    if (updates.length === 0) return new Map();
    const principal = actor.principal!;
    const before = new Map(
      (
        await this.projects.lockManyForWrite(
          manager,
          updates.map((u) => u.id),
          scopeParam(principal),
        )
      ).map((r) => [r.id, r]),
    );
    if (updates.some((u) => before.get(u.id)?.version !== u.version)) throw stale();
    const patched = updates.filter((u) => Object.keys(u.patch).length > 0);
    if ((await this.projects.updateFieldsMany(manager, patched, principal.userId)) !== patched.length) {
      throw stale();
    }
    const moved = updates.filter((u) => u.events.length > 0);
    await this.projects.updateStageMany(
      manager,
      moved.map((u) => ({ id: u.id, state: u.stage })),
      principal.userId,
    );
    return before;
  }
}
