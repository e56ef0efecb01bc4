import { Injectable, Logger } from '@nestjs/common';
import {
  businessDate,
  DEFAULT_DORMANT_DAYS,
  LEAD_STATUS_LABELS,
  LEAD_TRANSITIONS,
  type FollowUpsResponse,
  type CreateLeadRequest,
  type InvestorLeadRow,
  type LeadDetail,
  type LeadRow,
  type LeadsSettings,
  type LeadsSummary,
  type LeadStatus,
  type Page,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { systemActor } from '../../common/jobs/system-actor';
import { findOrAddInvestor } from '../../common/sql/investor.sql';
import { AuditService } from '../audit/audit.service';
import { NotificationsService, type NewNotification } from '../notifications/notifications.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { ProjectsService } from '../projects/projects.service';
import type { CreateFollowUpDto, CreateLeadDto, LeadsQueryDto, LeadsSettingsDto, UpdateLeadDto } from './dto/lead.dto';
import {
  followUpOnClosedLead,
  futureDate,
  leadClosed,
  leadUnitOutOfScope,
  nextStepDueWithoutStep,
  notATaskForce,
  ownerNotOfUnit,
  ownerRequired,
  projectNotOfUnit,
  projectRequired,
  reasonRequired,
  statusDateBeforeLast,
  unknownChainLink,
  unknownInvestor,
  unknownUnit,
  wrongTransition,
} from './leads.errors';
import { type LeadFields, LeadsRepository } from './leads.repository';

/** app_setting key of the county's 沉睡 threshold (days without a follow-up). */
export const DORMANT_DAYS_SETTING = 'leads.dormant_days';
export const REMIND_JOB = 'leads.remind-next-steps';

/** 线索: the leads of the units, their status trail, follow-ups, 沉睡 and overdue next steps. */
@Injectable()
export class LeadsService {
  private readonly logger = new Logger(LeadsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly ytd: YtdSummaryService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return businessDate(this.clock.now());
  }

  async dormantDays(): Promise<number> {
    const value = await this.leads.readSetting(DORMANT_DAYS_SETTING);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_DORMANT_DAYS;
  }

  async settings(): Promise<LeadsSettings> {
    return { dormantDays: await this.dormantDays() };
  }

  async putSettings(actor: Actor, dto: LeadsSettingsDto): Promise<LeadsSettings> {
    const before = await this.dormantDays();
    await this.dataSource.transaction(async (manager) => {
      await this.leads.writeSetting(manager, DORMANT_DAYS_SETTING, dto.dormantDays);
      await this.audit.record(manager, actor, {
        action: 'leads.settings',
        objectType: 'app_setting',
        objectId: DORMANT_DAYS_SETTING,
        before: { dormantDays: before },
        after: { dormantDays: dto.dormantDays },
      });
    });
    return { dormantDays: dto.dormantDays };
  }

  async list(actor: Actor, query: LeadsQueryDto): Promise<Page<LeadRow>> {
    const { items, total } = await this.leads.list(query, scopeParam(actor.principal), this.today(), await this.dormantDays());
    return { items, total, page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
  }

  async summary(actor: Actor): Promise<LeadsSummary> {
    return this.leads.summary(scopeParam(actor.principal), this.today(), await this.dormantDays());
  }

  async get(actor: Actor, id: number): Promise<LeadDetail> {
    const row = await this.leads.findRow(id, scopeParam(actor.principal), this.today(), await this.dormantDays());
    if (!row) throw notFound();
    return this.detail(row);
  }

  /** Every unit's leads of a company (its 客商库 page: a county-wide library). */
  listForInvestor(investorId: number): Promise<InvestorLeadRow[]> {
    return this.leads.listForInvestor(investorId);
  }

  async listFollowUps(actor: Actor, id: number): Promise<FollowUpsResponse> {
    await this.get(actor, id);
    return { items: await this.leads.listFollowUps(id) };
  }

  async create(actor: Actor, dto: CreateLeadDto): Promise<LeadDetail> {
    this.assertInScope(actor, dto.unitId);
    const today = this.today();
    const dormantDays = await this.dormantDays();
    return this.dataSource.transaction(async (manager) => {
      const id = await this.insertLead(manager, actor, dto, today);
      return this.detail((await this.leads.findRow(id, null, today, dormantDays, manager))!, manager);
    });
  }

  /**
   * The Excel import's write (modules/excel): each row as the form creates it — the same checks, the company found
   * or added, the first trail row, one audit row each (with the batch and row) — in the caller's transaction.
   */
  async createBatch(
    manager: EntityManager,
    actor: Actor,
    items: ReadonlyArray<{ request: CreateLeadRequest; detail: Record<string, unknown> }>,
  ): Promise<number[]> {
    const today = this.today();
    const ids: number[] = [];
    for (const item of items) {
      this.assertInScope(actor, item.request.unitId);
      ids.push(await this.insertLead(manager, actor, item.request, today, item.detail));
    }
    return ids;
  }

  /** Which (unit, title, company name) keys already have a lead: the import leaves those rows unchanged. */
  existingKeys(manager: EntityManager, keys: ReadonlyArray<{ unitId: number; title: string; investorName: string }>) {
    return this.leads.findExistingKeys(manager, keys);
  }

  private async insertLead(
    manager: EntityManager,
    actor: Actor,
    dto: CreateLeadRequest,
    today: string,
    detail?: Record<string, unknown>,
  ): Promise<number> {
    const foundOn = dto.foundOn ?? today;
    if (foundOn > today) throw futureDate('foundOn');
    if (dto.nextStepDue && !dto.nextStep) throw nextStepDueWithoutStep();
    const unit = await this.leads.unitInfo(manager, dto.unitId);
    if (!unit?.active) throw unknownUnit('unitId');
    const investorId = await this.resolveInvestor(manager, actor, dto.investor);
    const fields: LeadFields = {
      title: dto.title.trim(),
      unitId: dto.unitId,
      ...(await this.owner(manager, dto.unitId, dto.ownerUserId ?? null, dto.ownerName ?? null)),
      taskForceUnitId: await this.taskForce(manager, dto.taskForceUnitId ?? null),
      investorId,
      chainLinkId: await this.chainLink(manager, dto.chainLinkId ?? null),
      intendedInvestmentWan: dto.intendedInvestmentWan ?? null,
      source: dto.source,
      description: dto.description?.trim() || null,
    };
    const userId = actor.principal?.userId ?? null;
    const id = await this.leads.insert(manager, fields, {
      status: 'new',
      foundOn,
      nextStep: dto.nextStep?.trim() || null,
      nextStepDue: dto.nextStepDue ?? null,
      userId,
    });
    await this.leads.insertStatusChange(manager, { leadId: id, from: null, to: 'new', on: foundOn, reason: null, userId });
    // the work indicators count leads (新增线索, 在谈, 转化率): the unit's year-to-date figures move with this one
    await this.ytd.refreshForUnits(manager, [dto.unitId]);
    const after = await this.leads.findRow(id, null, today, await this.dormantDaysIn(manager), manager);
    await this.audit.record(manager, actor, { action: 'lead.create', objectType: 'lead', objectId: id, after, detail });
    return id;
  }

  private async dormantDaysIn(manager: EntityManager): Promise<number> {
    const rows = await manager.query(`SELECT value FROM app_setting WHERE key = $1`, [DORMANT_DAYS_SETTING]);
    const value: unknown = rows[0]?.value;
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_DORMANT_DAYS;
  }

  async update(actor: Actor, id: number, dto: UpdateLeadDto): Promise<LeadDetail> {
    const today = this.today();
    const dormantDays = await this.dormantDays();
    const scope = scopeParam(actor.principal);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.leads.findRow(id, scope, today, dormantDays, manager, true);
      if (!before) throw notFound();
      if (before.version !== dto.version) throw ApiException.versionConflict();
      const userId = actor.principal?.userId ?? null;
      const ownerChanged = dto.ownerUserId !== undefined || dto.ownerName !== undefined;
      const owner = ownerChanged
        ? await this.owner(
            manager,
            before.unitId,
            dto.ownerUserId !== undefined ? dto.ownerUserId : before.ownerUserId,
            dto.ownerName ?? (dto.ownerUserId !== undefined ? null : before.ownerName),
          )
        : { ownerUserId: before.ownerUserId, ownerName: before.ownerName };
      const fields: LeadFields = {
        title: dto.title?.trim() ?? before.title,
        unitId: before.unitId,
        ...owner,
        taskForceUnitId:
          dto.taskForceUnitId !== undefined ? await this.taskForce(manager, dto.taskForceUnitId) : before.taskForceUnitId,
        investorId: before.investor.id,
        chainLinkId:
          dto.chainLinkId !== undefined ? await this.chainLink(manager, dto.chainLinkId) : (before.chainLink?.id ?? null),
        intendedInvestmentWan:
          dto.intendedInvestmentWan !== undefined ? dto.intendedInvestmentWan : before.intendedInvestmentWan,
        source: dto.source ?? before.source,
        description: dto.description !== undefined ? dto.description?.trim() || null : before.description,
      };
      let status = before.status;
      let statusChangedOn = before.statusChangedOn;
      let shelvedReason = before.shelvedReason;
      let projectId = before.projectId;
      const move = dto.status !== undefined && dto.status !== before.status ? dto.status : null;
      if (move) {
        if (before.status === 'signed') throw leadClosed();
        if (!LEAD_TRANSITIONS[before.status].includes(move)) throw wrongTransition(before.status, move);
        const on = dto.statusChangedOn ?? today;
        if (on > today) throw futureDate('statusChangedOn');
        if (on < before.statusChangedOn) throw statusDateBeforeLast();
        const reason = dto.reason?.trim() || null;
        if ((move === 'shelved' || before.status === 'shelved') && !reason) throw reasonRequired();
        if (move === 'signed') projectId = await this.linkableProject(manager, actor, before.unitId, dto.projectId ?? null);
        status = move;
        statusChangedOn = on;
        shelvedReason = move === 'shelved' ? reason : null;
        await this.leads.insertStatusChange(manager, { leadId: id, from: before.status, to: move, on, reason, userId });
      }
      const written = await this.leads.update(
        manager,
        id,
        dto.version,
        { ...fields, status, statusChangedOn, shelvedReason, projectId },
        userId,
      );
      if (!written) throw ApiException.versionConflict();
      // the signed project names the lead's company in the 客商库 (when it names none yet)
      if (move === 'signed') await this.projects.attachInvestor(manager, actor, projectId!, before.investor.id);
      // a status move changes the unit's work indicators (在谈 at each month's end, signed leads)
      if (move) await this.ytd.refreshForUnits(manager, [before.unitId]);
      const after = await this.leads.findRow(id, null, today, dormantDays, manager);
      await this.audit.record(manager, actor, {
        action: move ? 'lead.status' : 'lead.update',
        objectType: 'lead',
        objectId: id,
        before,
        after,
        detail: move ? { from: before.status, to: move, reason: dto.reason ?? null } : undefined,
      });
      return this.detail(after!, manager);
    });
  }

  async addFollowUp(actor: Actor, id: number, dto: CreateFollowUpDto): Promise<LeadDetail> {
    const today = this.today();
    if (dto.followedOn > today) throw futureDate('followedOn');
    if (dto.nextStepDue && !dto.nextStep) throw nextStepDueWithoutStep();
    const dormantDays = await this.dormantDays();
    return this.dataSource.transaction(async (manager) => {
      const before = await this.leads.findRow(id, scopeParam(actor.principal), today, dormantDays, manager, true);
      if (!before) throw notFound();
      if (before.status === 'signed' || before.status === 'shelved') throw followUpOnClosedLead();
      const followUpId = await this.leads.insertFollowUp(manager, {
        leadId: id,
        followedOn: dto.followedOn,
        way: dto.way,
        people: dto.people.trim(),
        agreed: dto.agreed.trim(),
        nextStep: dto.nextStep?.trim() || null,
        nextStepDue: dto.nextStepDue ?? null,
        userId: actor.principal?.userId ?? null,
      });
      const after = await this.leads.findRow(id, null, today, dormantDays, manager);
      await this.audit.record(manager, actor, {
        action: 'lead.follow_up',
        objectType: 'lead',
        objectId: id,
        before: pickTrail(before),
        after: pickTrail(after!),
        detail: { followUpId, ...dto },
      });
      return this.detail(after!, manager);
    });
  }

  /**
   * The daily reminder: every open lead whose next step's date has passed, once per next step (next_step_reminded_on;
   * a new follow-up with a new next step clears it). To the owner and the unit's reporters. Two replicas at once: the
   * UPDATE's row locks let only one mark a lead, so each is told once.
   */
  async remindOverdue(at?: Date): Promise<{ reminded: number; notified: number }> {
    const today = businessDate(at ?? this.clock.now());
    let ids: number[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const overdue = await this.leads.markOverdueReminded(manager, today);
      if (overdue.length === 0) return { reminded: 0, notified: 0 };
      const reporters = await this.notifications.reportersOfUnits(manager, [...new Set(overdue.map((l) => l.unitId))]);
      const items: NewNotification[] = [];
      for (const lead of overdue) {
        const userIds = new Set<number>(reporters.filter((r) => r.unitId === lead.unitId).map((r) => r.userId));
        if (lead.ownerUserId !== null) userIds.add(lead.ownerUserId);
        for (const userId of userIds) {
          items.push({
            userId,
            kind: 'lead.next_step_overdue',
            title: '线索下一步逾期',
            body: `线索「${lead.title}」（${lead.code}）的下一步「${lead.nextStep ?? ''}」应于 ${lead.nextStepDue} 完成，已逾期，请及时跟进。`.slice(0, 1000),
            link: `/leads/${lead.id}`,
            planId: null,
            unitId: lead.unitId,
            month: null,
          });
        }
      }
      ids = await this.notifications.record(manager, items);
      await this.audit.record(manager, systemActor(REMIND_JOB, today), {
        action: 'lead.remind',
        objectType: 'lead',
        detail: { day: today, leadIds: overdue.map((l) => l.id), notifications: ids.length },
      });
      return { reminded: overdue.length, notified: ids.length };
    });
    await this.notifications.push(ids).catch((error: unknown) => this.logger.warn(String(error)));
    return result;
  }

  // ---- rules ----

  private async detail(row: LeadRow, manager?: EntityManager): Promise<LeadDetail> {
    const statusChanges = await this.leads.listStatusChanges(row.id, manager);
    const followUps = await this.leads.listFollowUps(row.id, manager);
    return { ...row, statusChanges, followUps };
  }

  private assertInScope(actor: Actor, unitId: number): void {
    const scope = scopeParam(actor.principal);
    if (scope !== null && !scope.includes(unitId)) throw leadUnitOutOfScope();
  }

  private async resolveInvestor(manager: EntityManager, actor: Actor, input: CreateLeadDto['investor']): Promise<number> {
    if ('investorId' in input && input.investorId !== undefined) {
      if (!(await this.leads.investorExists(manager, input.investorId))) throw unknownInvestor();
      return input.investorId;
    }
    const company = input as { name: string; creditCode?: string | null };
    const found = await findOrAddInvestor(manager, company, actor.principal?.userId ?? null);
    if (found.added) {
      await this.audit.record(manager, actor, {
        action: 'investor.create',
        objectType: 'investor',
        objectId: found.id,
        after: { name: company.name.trim(), creditCode: company.creditCode ?? null },
        detail: { via: 'lead' },
      });
    }
    return found.id;
  }

  private async owner(
    manager: EntityManager,
    unitId: number,
    ownerUserId: number | null,
    ownerName: string | null,
  ): Promise<{ ownerUserId: number | null; ownerName: string }> {
    if (ownerUserId !== null) {
      const name = await this.leads.ownerOfUnit(manager, ownerUserId, unitId);
      if (name === null) throw ownerNotOfUnit();
      return { ownerUserId, ownerName: ownerName?.trim() || name };
    }
    if (!ownerName?.trim()) throw ownerRequired();
    return { ownerUserId: null, ownerName: ownerName.trim() };
  }

  private async taskForce(manager: EntityManager, unitId: number | null): Promise<number | null> {
    if (unitId === null) return null;
    const unit = await this.leads.unitInfo(manager, unitId);
    if (!unit?.active) throw unknownUnit('taskForceUnitId');
    if (unit.category !== 'task_force') throw notATaskForce();
    return unitId;
  }

  private async chainLink(manager: EntityManager, linkId: number | null): Promise<number | null> {
    if (linkId === null) return null;
    if (!(await this.leads.chainLinkExists(manager, linkId))) throw unknownChainLink();
    return linkId;
  }

  private async linkableProject(manager: EntityManager, actor: Actor, unitId: number, projectId: number | null): Promise<number> {
    if (projectId === null) throw projectRequired();
    const project = await this.projects.findVisible(actor, projectId, manager);
    if (!project || project.unitId !== unitId) throw projectNotOfUnit();
    return projectId;
  }
}

function notFound(): ApiException {
  return ApiException.notFound('线索', 'Lead');
}

/** What a follow-up moves on the lead (its audit before/after). */
function pickTrail(row: LeadRow) {
  return {
    lastFollowUpOn: row.lastFollowUpOn,
    nextStep: row.nextStep,
    nextStepDue: row.nextStepDue,
    status: row.status,
    statusLabel: LEAD_STATUS_LABELS[row.status as LeadStatus],
    version: row.version,
  };
}
