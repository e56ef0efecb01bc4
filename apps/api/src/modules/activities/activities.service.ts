import { Injectable } from '@nestjs/common';
import {
  businessDate,
  type ActivitiesPage,
  type ActivityCompanyInput,
  type ActivityDetail,
  type ActivityLeadInput,
  type ActivityRow,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, type Principal, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { findOrAddInvestor } from '../../common/sql/investor.sql';
import { AuditService } from '../audit/audit.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import {
  activityEndBeforeStart,
  activityInFuture,
  activityNotOrganiser,
  activityUnitOutOfScope,
  companyNeedsOneOf,
  inactiveUnit,
  leadNotVisible,
  organiserAmongParticipants,
  repeatedEntry,
  unknownChain,
  unknownInvestor,
  unknownUnit,
} from './activities.errors';
import { ActivitiesRepository, type ActivityFields } from './activities.repository';
import type { ActivitiesQueryDto } from './dto/activities-query.dto';
import type { CreateActivityDto, RemoveActivityDto, UpdateActivityDto } from './dto/activity.dto';

/** The units an activity is credited to (organiser first, then the units taking part): what the summary refreshes. */
export function creditedUnitIds(row: Pick<ActivityRow, 'unitId' | 'participantUnits'> | null): number[] {
  if (!row) return [];
  return [...new Set([row.unitId, ...row.participantUnits.map((u) => u.unitId)])];
}

/** The children of an activity as written: units taking part, companies met, leads. */
export interface ActivityChildren {
  participantUnitIds: number[];
  companies: ActivityCompanyInput[];
  leads: ActivityLeadInput[];
}

/**
 * 招商活动: reads scoped like the ledger (the organising unit's subtree, and the units taking part), writes by the
 * organising unit (or the office), every write audited and versioned, the 招商工作 indicators refreshed with it.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, query: ActivitiesQueryDto): Promise<ActivitiesPage> {
    return this.activities.list(query, scopeParam(actor.principal));
  }

  async get(actor: Actor, id: number): Promise<ActivityDetail> {
    const row = await this.activities.findRow(id, scopeParam(actor.principal));
    if (!row) throw ApiException.notFound('活动', 'Activity');
    return row;
  }

  async create(actor: Actor, dto: CreateActivityDto): Promise<ActivityDetail> {
    const principal = actor.principal!;
    this.assertOrganiserInScope(principal, dto.unitId);
    const fields: ActivityFields = {
      kind: dto.kind,
      title: dto.title.trim(),
      unitId: dto.unitId,
      startDate: dto.startDate,
      endDate: dto.endDate ?? dto.startDate,
      place: dto.place.trim(),
      leadingOfficial: dto.leadingOfficial.trim(),
      leadingOfficialTitle: dto.leadingOfficialTitle?.trim() || null,
      ledByCountyLeader: dto.ledByCountyLeader ?? false,
      participants: cleanList(dto.participants ?? []),
      outcome: dto.outcome?.trim() || null,
      chainId: dto.chainId ?? null,
    };
    this.checkDates(fields);
    return this.dataSource.transaction(async (manager) => {
      await this.checkUnits(manager, [{ unitId: fields.unitId, field: 'unitId' }]);
      const children: ActivityChildren = {
        participantUnitIds: dto.participantUnitIds ?? [],
        companies: dto.companies ?? [],
        leads: dto.leads ?? [],
      };
      await this.checkChildren(manager, principal, fields, children, null);
      if (fields.chainId !== null && !(await this.activities.chainExists(manager, fields.chainId)))
        throw unknownChain();
      const after = await this.insertActivity(manager, actor, fields, children);
      await this.summary.refreshForUnits(manager, creditedUnitIds(after));
      return after;
    });
  }

  async update(actor: Actor, id: number, dto: UpdateActivityDto): Promise<ActivityDetail> {
    const principal = actor.principal!;
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockOwn(manager, principal, id);
      if (before.version !== dto.version) throw ApiException.versionConflict();
      if (dto.unitId !== undefined && dto.unitId !== before.unitId) {
        this.assertOrganiserInScope(principal, dto.unitId);
        await this.checkUnits(manager, [{ unitId: dto.unitId, field: 'unitId' }]);
      }
      const fields: ActivityFields = {
        kind: dto.kind ?? before.kind,
        title: dto.title?.trim() ?? before.title,
        unitId: dto.unitId ?? before.unitId,
        startDate: dto.startDate ?? before.startDate,
        endDate:
          dto.endDate ??
          (dto.startDate !== undefined && before.endDate < dto.startDate ? dto.startDate : before.endDate),
        place: dto.place?.trim() ?? before.place,
        leadingOfficial: dto.leadingOfficial?.trim() ?? before.leadingOfficial,
        leadingOfficialTitle:
          dto.leadingOfficialTitle !== undefined
            ? dto.leadingOfficialTitle?.trim() || null
            : before.leadingOfficialTitle,
        ledByCountyLeader: dto.ledByCountyLeader ?? before.ledByCountyLeader,
        participants: dto.participants !== undefined ? cleanList(dto.participants) : before.participants,
        outcome: dto.outcome !== undefined ? dto.outcome?.trim() || null : before.outcome,
        chainId: dto.chainId !== undefined ? dto.chainId : before.chainId,
      };
      this.checkDates(fields);
      if (fields.chainId !== null && fields.chainId !== before.chainId) {
        if (!(await this.activities.chainExists(manager, fields.chainId))) throw unknownChain();
      }
      const children: ActivityChildren = {
        participantUnitIds: dto.participantUnitIds ?? before.participantUnits.map((u) => u.unitId),
        companies: dto.companies ?? before.companies.map((c) => ({ investorId: c.id, note: c.note })),
        leads: dto.leads ?? before.leads.map((l) => ({ leadId: l.leadId, relation: l.relation })),
      };
      await this.checkChildren(manager, principal, fields, children, before);
      if (!(await this.activities.update(manager, id, dto.version, fields, principal.userId))) {
        throw ApiException.versionConflict();
      }
      await this.writeChildren(manager, actor, id, children, {
        units: dto.participantUnitIds !== undefined,
        companies: dto.companies !== undefined,
        leads: dto.leads !== undefined,
      });
      const after = (await this.activities.findRow(id, null, manager))!;
      await this.audit.record(manager, actor, {
        action: 'activity.update',
        objectType: 'activity',
        objectId: id,
        before,
        after,
      });
      await this.summary.refreshForUnits(manager, [...creditedUnitIds(before), ...creditedUnitIds(after)]);
      return after;
    });
  }

  /** Soft removal (DATA-3): the row stays with who, when and why; lists, reads and indicators no longer count it. */
  async remove(actor: Actor, id: number, dto: RemoveActivityDto): Promise<void> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (manager) => {
      const before = await this.lockOwn(manager, principal, id);
      if (before.version !== dto.version) throw ApiException.versionConflict();
      const reason = dto.reason.trim();
      if (!(await this.activities.softRemove(manager, id, dto.version, reason, principal.userId))) {
        throw ApiException.versionConflict();
      }
      await this.audit.record(manager, actor, {
        action: 'activity.remove',
        objectType: 'activity',
        objectId: id,
        before,
        after: null,
        detail: { reason },
      });
      await this.summary.refreshForUnits(manager, creditedUnitIds(before));
    });
  }

  /**
   * An import's rows (excel: the parser checked cells, units, scope and dates), written in the caller's transaction:
   * a new activity as the form creates it, a changed one as the form edits it (lists replaced), each audited with
   * the batch and row; the summary refreshed once for every credited unit.
   */
  async importBatch(
    manager: EntityManager,
    actor: Actor,
    changes: ReadonlyArray<{
      existing: ActivityRow | null;
      fields: ActivityFields;
      children: ActivityChildren;
      detail: Record<string, unknown>;
    }>,
  ): Promise<void> {
    const units = new Set<number>();
    for (const change of changes) {
      if (change.existing === null) {
        const after = await this.insertActivity(
          manager,
          actor,
          change.fields,
          change.children,
          change.detail,
        );
        creditedUnitIds(after).forEach((u) => units.add(u));
        continue;
      }
      const before = change.existing;
      if (
        !(await this.activities.update(
          manager,
          before.id,
          before.version,
          change.fields,
          actor.principal!.userId,
        ))
      ) {
        throw ApiException.versionConflict();
      }
      await this.writeChildren(manager, actor, before.id, change.children, {
        units: true,
        companies: true,
        leads: false,
      });
      const after = (await this.activities.findRow(before.id, null, manager))!;
      await this.audit.record(manager, actor, {
        action: 'activity.update',
        objectType: 'activity',
        objectId: before.id,
        before,
        after,
        detail: change.detail,
      });
      [...creditedUnitIds(before), ...creditedUnitIds(after)].forEach((u) => units.add(u));
    }
    await this.summary.refreshForUnits(manager, [...units]);
  }

  /** The activities of these natural keys (organising unit, start date, title), not removed, locked for the write. */
  lockByNaturalKeys(
    manager: EntityManager,
    keys: ReadonlyArray<{ unitId: number; startDate: string; title: string }>,
  ): Promise<ActivityRow[]> {
    return this.activities.lockByNaturalKeys(manager, keys);
  }

  private async insertActivity(
    manager: EntityManager,
    actor: Actor,
    fields: ActivityFields,
    children: ActivityChildren,
    detail?: Record<string, unknown>,
  ): Promise<ActivityRow> {
    const id = await this.activities.nextId(manager);
    await this.activities.insert(manager, {
      ...fields,
      id,
      code: `HD${this.today().slice(0, 4)}-${String(id).padStart(6, '0')}`,
      userId: actor.principal!.userId,
    });
    await this.writeChildren(manager, actor, id, children, { units: true, companies: true, leads: true });
    const after = (await this.activities.findRow(id, null, manager))!;
    await this.audit.record(manager, actor, {
      action: 'activity.create',
      objectType: 'activity',
      objectId: id,
      after,
      ...(detail ? { detail } : {}),
    });
    return after;
  }

  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): string {
    return businessDate(this.clock.now());
  }

  /** A visible activity the caller may write: an unscoped writer, or a reporter of the organising unit's subtree. */
  private async lockOwn(manager: EntityManager, principal: Principal, id: number): Promise<ActivityRow> {
    const row = await this.activities.lockForWrite(manager, id, scopeParam(principal));
    if (!row) throw ApiException.notFound('活动', 'Activity');
    if (principal.scopeUnitIds !== null && !principal.scopeUnitIds.includes(row.unitId))
      throw activityNotOrganiser();
    return row;
  }

  private assertOrganiserInScope(principal: Principal, unitId: number): void {
    if (principal.scopeUnitIds !== null && !principal.scopeUnitIds.includes(unitId))
      throw activityUnitOutOfScope();
  }

  private checkDates(fields: ActivityFields): void {
    if (fields.endDate < fields.startDate) throw activityEndBeforeStart();
    if (fields.startDate > this.today()) throw activityInFuture();
  }

  private async checkUnits(
    manager: EntityManager,
    units: Array<{ unitId: number; field: string }>,
  ): Promise<void> {
    if (units.length === 0) return;
    const states = await this.activities.unitStates(
      manager,
      units.map((u) => u.unitId),
    );
    for (const u of units) {
      const active = states.get(u.unitId);
      if (active === undefined) throw unknownUnit(u.field);
      if (!active) throw inactiveUnit(u.field);
    }
  }

  /**
   * Units taking part: not the organiser, no repeats, existing and active (a unit kept from before may have been
   * deactivated since: it stays). Companies: one of investorId / name each. Leads: no repeats, each visible to the
   * caller (a lead kept from before stays even if the caller no longer sees it).
   */
  private async checkChildren(
    manager: EntityManager,
    principal: Principal,
    fields: ActivityFields,
    children: ActivityChildren,
    before: ActivityRow | null,
  ): Promise<void> {
    const seenUnits = new Set<number>();
    const keptUnits = new Set(before?.participantUnits.map((u) => u.unitId) ?? []);
    const newUnits: Array<{ unitId: number; field: string }> = [];
    children.participantUnitIds.forEach((unitId, i) => {
      const field = `participantUnitIds.${i}`;
      if (unitId === fields.unitId) throw organiserAmongParticipants(field);
      if (seenUnits.has(unitId)) throw repeatedEntry(field);
      seenUnits.add(unitId);
      if (!keptUnits.has(unitId)) newUnits.push({ unitId, field });
    });
    await this.checkUnits(manager, newUnits);

    for (const [i, company] of children.companies.entries()) {
      const hasId =
        'investorId' in company && company.investorId !== undefined && company.investorId !== null;
      const hasName = 'name' in company && typeof company.name === 'string' && company.name.trim() !== '';
      if (hasId === hasName) throw companyNeedsOneOf(`companies.${i}`);
    }

    const seenLeads = new Set<number>();
    children.leads.forEach((lead, i) => {
      if (seenLeads.has(lead.leadId)) throw repeatedEntry(`leads.${i}.leadId`);
      seenLeads.add(lead.leadId);
    });
    const kept = new Set(before?.leads.map((l) => l.leadId) ?? []);
    const asked = children.leads.map((l) => l.leadId).filter((id) => !kept.has(id));
    if (asked.length > 0) {
      const visible = await this.activities.visibleLeadIds(manager, asked, scopeParam(principal));
      const i = children.leads.findIndex((l) => !kept.has(l.leadId) && !visible.has(l.leadId));
      if (i >= 0) throw leadNotVisible(`leads.${i}.leadId`);
    }
  }

  /** Rewrites the lists given; a company named by name (and credit code) is found in the 客商库 or added (audited). */
  private async writeChildren(
    manager: EntityManager,
    actor: Actor,
    id: number,
    children: ActivityChildren,
    which: { units: boolean; companies: boolean; leads: boolean },
  ): Promise<void> {
    if (which.units) await this.activities.replaceUnits(manager, id, children.participantUnitIds);
    if (which.companies) {
      const rows: Array<{ investorId: number; note: string | null }> = [];
      const seen = new Set<number>();
      for (const [i, company] of children.companies.entries()) {
        let investorId: number;
        if ('investorId' in company && company.investorId != null) {
          if (!(await this.activities.investorExists(manager, company.investorId))) {
            throw unknownInvestor(`companies.${i}.investorId`);
          }
          investorId = company.investorId;
        } else {
          const named = company as { name: string; creditCode?: string | null };
          const found = await findOrAddInvestor(
            manager,
            { name: named.name, creditCode: named.creditCode ?? null },
            actor.principal!.userId,
          );
          if (found.added) {
            await this.audit.record(manager, actor, {
              action: 'investor.create',
              objectType: 'investor',
              objectId: found.id,
              after: { id: found.id, name: named.name.trim(), creditCode: named.creditCode ?? null },
              detail: { via: 'activity', activityId: id },
            });
          }
          investorId = found.id;
        }
        if (seen.has(investorId)) throw repeatedEntry(`companies.${i}`);
        seen.add(investorId);
        rows.push({ investorId, note: company.note?.trim() || null });
      }
      await this.activities.replaceCompanies(manager, id, rows);
    }
    if (which.leads) await this.activities.replaceLeads(manager, id, children.leads);
  }
}

/** Trimmed, blank entries dropped, each once. */
function cleanList(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}
export type { ActivityFields } from './activities.repository';
