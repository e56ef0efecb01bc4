import { HttpStatus, Injectable } from '@nestjs/common';
import { businessMonth, type ProjectDetail, type ProjectFundRow, type ProjectRow } from '@pacer/shared';
import { DataSource } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import type { ProjectEventDto, PutFundDto } from './dto/project.dto';
import { ProjectHistoryRepository } from './project-history.repository';
import { fundVersionMissing } from './projects.errors';
import { creditedUnitIds, futureDate, ProjectsService } from './projects.service';
import { ProjectsRepository } from './projects.repository';
import { applyStageEvent, type StageState } from '@pacer/shared';

function stageStateOf(row: ProjectRow): StageState {
  return {
    stage: row.stage,
    dates: {
      lead: row.leadDate,
      negotiating: row.negotiatingDate,
      signed: row.signedDate,
      started: row.startedDate,
      producing: row.producingDate,
      dropped: row.droppedDate,
      registered: row.registeredDate,
    },
  };
}

/** A project's stage events (with dates and audited corrections) and its funds in place per month. */
@Injectable()
export class ProjectEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly history: ProjectHistoryRepository,
    private readonly ledger: ProjectsService,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
    private readonly clock: Clock,
  ) {}

  async addEvent(actor: Actor, id: number, dto: ProjectEventDto): Promise<ProjectDetail> {
    const principal = actor.principal!;
    if (dto.date > this.ledger.today()) throw futureDate('date');
    return this.dataSource.transaction(async (manager) => {
      const before = await this.projects.lockForWrite(manager, id, scopeParam(principal));
      if (!before) throw ApiException.notFound('项目', 'Project');
      const { isCorrection, next } = applyStageEvent(stageStateOf(before), dto.stage, dto.date);
      if (isCorrection && !dto.reason) {
        throw ApiException.field(
          'reason',
          'correctionNeedsReason',
          '退回前一阶段或填写早于已有日期属于更正，须填写更正原因',
          'Going back a stage or to an earlier date is a correction and needs a reason',
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      await this.projects.updateStage(manager, id, next, principal.userId);
      const eventId = await this.history.insertEvent(manager, {
        projectId: id,
        stage: dto.stage,
        date: dto.date,
        isCorrection,
        reason: dto.reason ?? null,
        userId: principal.userId,
      });
      const after = (await this.projects.findRow(id, null, manager))!;
      await this.summary.refreshForUnits(manager, creditedUnitIds(after));
      await this.audit.record(manager, actor, {
        action: 'project.event',
        objectType: 'project',
        objectId: id,
        before,
        after,
        detail: { eventId, stage: dto.stage, date: dto.date, isCorrection, reason: dto.reason ?? null },
      });
      return this.ledger.detail(after, manager);
    });
  }

  /** Funds in place for a month of a signed project; replacing a figure needs its version (REL-1). */
  async putFund(actor: Actor, id: number, month: string, dto: PutFundDto): Promise<ProjectFundRow> {
    const principal = actor.principal!;
    if (month > businessMonth(this.clock.now())) {
      throw ApiException.field(
        'month',
        'future',
        'month：不能填报未来月份的到位资金',
        'month cannot be in the future',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const project = await this.projects.lockForWrite(manager, id, scopeParam(principal));
      if (!project) throw ApiException.notFound('项目', 'Project');
      if (!project.signedDate) {
        throw ApiException.field(
          'month',
          'notSigned',
          '项目尚未签约，不能填报到位资金',
          'Funds in place are recorded only for signed projects',
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      const before = await this.history.findFund(manager, id, month);
      const fund = {
        projectId: id,
        month,
        amountWan: dto.amountWan,
        note: dto.note ?? null,
        userId: principal.userId,
      };
      if (before) {
        if (dto.version === undefined) {
          throw fundVersionMissing();
        }
        if (!(await this.history.updateFund(manager, { ...fund, version: dto.version })))
          throw ApiException.versionConflict();
      } else {
        if (dto.version !== undefined) throw ApiException.versionConflict();
        if (!(await this.history.insertFund(manager, fund))) throw ApiException.versionConflict();
      }
      const after = (await this.history.findFund(manager, id, month))!;
      await this.summary.refreshForUnits(manager, creditedUnitIds(project));
      await this.audit.record(manager, actor, {
        action: 'project.fund',
        objectType: 'project',
        objectId: id,
        before,
        after,
        detail: { month },
      });
      return after;
    });
  }
}
