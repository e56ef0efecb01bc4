import { Injectable } from '@nestjs/common';
import type { CreateInvestorResponse, InvestorDetail, InvestorListItem, InvestorRef, Page } from '@pacer/shared';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';

import { type Actor, isScoped } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { findOrAddInvestor } from '../../common/sql/investor.sql';
import { AuditService } from '../audit/audit.service';
import { LeadsService } from '../leads/leads.service';
import { ProjectsService } from '../projects/projects.service';
import type { CreateInvestorDto, InvestorsQueryDto, UpdateInvestorDto } from './dto/investor.dto';
import { investorEditForbidden, investorTaken } from './investors.errors';
import { InvestorsRepository, type StoredInvestor } from './investors.repository';
import { isSimilarName } from './similar-names';

/**
 * 客商库: one company once across the county (by credit code, else by name), with every unit's leads and ledger
 * projects on its page. Any unit adds a company; the office (an unscoped writer) edits one.
 */
@Injectable()
export class InvestorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly investors: InvestorsRepository,
    private readonly leads: LeadsService,
    private readonly projects: ProjectsService,
    private readonly audit: AuditService,
  ) {}

  async list(query: InvestorsQueryDto): Promise<Page<InvestorListItem>> {
    const { items, total } = await this.investors.list(query);
    return { items, total, page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
  }

  async get(id: number): Promise<InvestorDetail> {
    const stored = await this.investors.find(id);
    if (!stored) throw notFound();
    return this.detail(stored);
  }

  async create(actor: Actor, dto: CreateInvestorDto): Promise<CreateInvestorResponse> {
    const { id, added } = await this.dataSource.transaction(async (manager) => {
      const found = await findOrAddInvestor(manager, { name: dto.name, creditCode: dto.creditCode ?? null }, actor.principal?.userId ?? null);
      if (found.added) {
        await this.investors.fillEmpty(manager, found.id, {
          origin: dto.origin ?? null,
          industry: dto.industry?.trim() || null,
          address: dto.address?.trim() || null,
          note: dto.note?.trim() || null,
        });
      }
      if (dto.contacts?.length) await this.investors.addContacts(manager, found.id, dto.contacts);
      if (found.added || dto.contacts?.length) {
        await this.audit.record(manager, actor, {
          action: found.added ? 'investor.create' : 'investor.contacts',
          objectType: 'investor',
          objectId: found.id,
          after: { ...(await this.investors.find(found.id, manager)), contacts: await this.investors.listContacts(found.id, manager) },
        });
      }
      return found;
    });
    return { investor: await this.get(id), added };
  }

  async update(actor: Actor, id: number, dto: UpdateInvestorDto): Promise<InvestorDetail> {
    if (!actor.principal || isScoped(actor.principal)) throw investorEditForbidden();
    try {
      await this.dataSource.transaction(async (manager) => {
        const before = await this.investors.find(id, manager, true);
        if (!before) throw notFound();
        if (before.version !== dto.version) throw ApiException.versionConflict();
        const next = {
          name: dto.name?.trim() ?? before.name,
          creditCode: dto.creditCode !== undefined ? dto.creditCode : before.creditCode,
          origin: dto.origin !== undefined ? dto.origin : before.origin,
          industry: dto.industry !== undefined ? dto.industry?.trim() || null : before.industry,
          address: dto.address !== undefined ? dto.address?.trim() || null : before.address,
          note: dto.note !== undefined ? dto.note?.trim() || null : before.note,
        };
        const taken = await this.investors.nameOrCodeTaken(manager, id, next.name, next.creditCode);
        if (taken) throw investorTaken(taken);
        const contactsBefore = await this.investors.listContacts(id, manager);
        if (!(await this.investors.update(manager, id, dto.version, next, actor.principal!.userId))) {
          throw ApiException.versionConflict();
        }
        if (dto.contacts) await this.investors.replaceContacts(manager, id, dto.contacts);
        await this.audit.record(manager, actor, {
          action: 'investor.update',
          objectType: 'investor',
          objectId: id,
          before: { ...before, contacts: contactsBefore },
          after: { ...(await this.investors.find(id, manager)), contacts: await this.investors.listContacts(id, manager) },
        });
      });
    } catch (error) {
      // two editors at once on one name or code: the unique index answers, as the check would have
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw investorTaken(String((error as { constraint?: string }).constraint).includes('credit') ? 'creditCode' : 'name');
      }
      throw error;
    }
    return this.get(id);
  }

  /** Other companies of the library whose name is very similar to this one. */
  async similarTo(name: string, excludeId: number | null, manager?: EntityManager): Promise<InvestorRef[]> {
    const all = await this.investors.listNames(manager);
    return all.filter((i) => i.id !== excludeId && isSimilarName(i.name, name)).slice(0, 10);
  }

  private async detail(stored: StoredInvestor): Promise<InvestorDetail> {
    const contacts = await this.investors.listContacts(stored.id);
    const leads = await this.leads.listForInvestor(stored.id);
    const projects = await this.projects.listForInvestor(stored);
    const similar = await this.similarTo(stored.name, stored.id);
    return { ...stored, contacts, leads, projects, similar };
  }
}

function notFound(): ApiException {
  return ApiException.notFound('客商', 'Company');
}
