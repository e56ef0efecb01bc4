import type { INestApplication } from '@nestjs/common';
import type { ProjectRow } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../src/common/auth/principal';
import { Clock } from '../../src/common/clock/clock.service';
import { YtdSummaryService } from '../../src/modules/progress/ytd-summary.service';
import { ProjectHistoryRepository } from '../../src/modules/projects/project-history.repository';
import { shareStates } from '../../src/modules/projects/project-shares';
import type { ProjectBatchChange } from '../../src/modules/projects/projects-batch.service';
import { ProjectsRepository } from '../../src/modules/projects/projects.repository';
import { creditedUnitIds, creditRows, ProjectsService } from '../../src/modules/projects/projects.service';

/**
 * The ledger import's write as it was before it went set-based (one create or update after another, through the
 * form's own methods): the reference the set-based ProjectsBatchService.writeBatch must equal, row for row.
 */
export async function writeRowByRow(
  app: INestApplication,
  manager: EntityManager,
  actor: Actor,
  changes: readonly ProjectBatchChange[],
  stale: () => Error,
): Promise<void> {
  const projects = app.get(ProjectsRepository);
  const history = app.get(ProjectHistoryRepository);
  const ledger = app.get(ProjectsService);
  const summary = app.get(YtdSummaryService);
  const clock = app.get(Clock);
  const principal = actor.principal!;
  const touched = new Set<number>();
  for (const change of changes) {
    let rows: ProjectRow[];
    if (change.kind === 'create') {
      const { fields } = change;
      const shares = shareStates(principal, fields.unitId, creditRows(fields.unitId, []), [], clock.now());
      rows = [
        await ledger.insertProject(manager, actor, {
          fields: { ...fields, isExcluded: false, excludedReason: null },
          shares,
          stage: change.stage,
          events: change.events,
          detail: change.detail,
        }),
      ];
    } else {
      const before = await projects.lockForWrite(manager, change.id, scopeParam(principal));
      if (!before || before.version !== change.version) throw stale();
      if (Object.keys(change.patch).length > 0) {
        if (
          !(await projects.updateFields(manager, change.id, change.version, change.patch, principal.userId))
        ) {
          throw stale();
        }
      }
      if (change.events.length > 0) {
        await projects.updateStage(manager, change.id, change.stage, principal.userId);
        for (const e of change.events) {
          await history.insertEvent(manager, {
            projectId: change.id,
            stage: e.stage,
            date: e.date,
            isCorrection: false,
            reason: null,
            userId: principal.userId,
          });
        }
      }
      const after = (await projects.findRow(change.id, null, manager))!;
      await ledger.auditUpdate(manager, actor, before, after, change.detail);
      rows = [before, after];
    }
    for (const row of rows) for (const unitId of creditedUnitIds(row)) touched.add(unitId);
  }
  await summary.refreshForUnits(manager, [...touched]);
}
