import { Injectable } from '@nestjs/common';
import type {
  ChainDetail,
  ChainLinkInput,
  ChainMapResponse,
  ChainsResponse,
  CreateChainRequest,
  UpdateChainRequest,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { findOrAddInvestor } from '../../common/sql/investor.sql';
import { AuditService } from '../audit/audit.service';
import { buildMapLinks } from './chain-map';
import {
  chainInUse,
  chainNameTaken,
  chainNotFound,
  chainRemoved,
  chainVersionConflict,
  duplicateLinkId,
  duplicateLinkName,
  duplicateTarget,
  linkInUse,
  projectLinkInvalid,
  unknownLink,
  unknownUnit,
} from './chains.errors';
import { type ChainBriefingRow, type ChainFields, ChainsRepository } from './chains.repository';

export type { ChainBriefingRow };

/** 产业链: the admin's configuration of the county's chains, their links and target companies, and the map. */
@Injectable()
export class ChainsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ChainsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChainsResponse> {
    const [items, planChainsWithoutChain] = await Promise.all([this.chains.listLive(), this.chains.planChainsWithoutChain()]);
    return { items, planChainsWithoutChain };
  }

  async get(id: number): Promise<ChainDetail> {
    const chain = await this.chains.findDetail(id);
    if (!chain) throw chainNotFound();
    return chain;
  }

  async create(actor: Actor, request: CreateChainRequest): Promise<ChainDetail> {
    const userId = actor.principal?.userId ?? null;
    return this.dataSource.transaction(async (manager) => {
      const fields: ChainFields = {
        name: request.name.trim(),
        description: request.description ?? null,
        leaderName: request.leaderName?.trim() || null,
        leaderTitle: request.leaderTitle?.trim() || null,
        leadUnitId: request.leadUnitId ?? null,
        taskForceUnitId: request.taskForceUnitId ?? null,
        sortOrder: request.sortOrder ?? 0,
      };
      await this.checkFields(manager, fields, null);
      const id = await this.chains.insert(manager, fields, userId).catch((e: { code?: string }) => {
        throw e.code === '23505' ? chainNameTaken(fields.name) : e;
      });
      const added = await this.writeLinks(manager, actor, id, request.links ?? []);
      const after = (await this.chains.findDetail(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'chain.create',
        objectType: 'industry_chain',
        objectId: id,
        after,
        detail: added.length ? { investorsAdded: added } : undefined,
      });
      return after;
    });
  }

  async update(actor: Actor, id: number, request: UpdateChainRequest): Promise<ChainDetail> {
    const userId = actor.principal?.userId ?? null;
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.chains.lock(manager, id);
      if (!locked) throw chainNotFound();
      if (locked.isRemoved) throw chainRemoved();
      const before = (await this.chains.findDetail(id, manager))!;
      if (before.version !== request.version) throw chainVersionConflict();

      if (request.removeReason !== undefined) {
        const usage = await this.chains.chainUsage(manager, id);
        if (usage.projects + usage.leads + usage.activities > 0) throw chainInUse(usage.projects, usage.leads, usage.activities);
        if (!(await this.chains.remove(manager, id, request.version, request.removeReason.trim(), userId))) {
          throw chainVersionConflict();
        }
        const after = (await this.chains.findDetail(id, manager))!;
        await this.audit.record(manager, actor, { action: 'chain.remove', objectType: 'industry_chain', objectId: id, before, after });
        return after;
      }

      const pick = <K extends keyof ChainFields>(key: K, value: ChainFields[K] | undefined): ChainFields[K] =>
        value === undefined ? before[key] : value;
      const fields: ChainFields = {
        name: pick('name', request.name?.trim()),
        description: pick('description', request.description),
        leaderName: request.leaderName === undefined ? before.leaderName : request.leaderName?.trim() || null,
        leaderTitle: request.leaderTitle === undefined ? before.leaderTitle : request.leaderTitle?.trim() || null,
        leadUnitId: pick('leadUnitId', request.leadUnitId),
        taskForceUnitId: pick('taskForceUnitId', request.taskForceUnitId),
        sortOrder: pick('sortOrder', request.sortOrder),
      };
      await this.checkFields(manager, fields, id, before);
      const updated = await this.chains.update(manager, id, request.version, fields, userId).catch((e: { code?: string }) => {
        throw e.code === '23505' ? chainNameTaken(fields.name) : e;
      });
      if (!updated) throw chainVersionConflict();
      const added = request.links ? await this.writeLinks(manager, actor, id, request.links) : [];
      const after = (await this.chains.findDetail(id, manager))!;
      await this.audit.record(manager, actor, {
        action: 'chain.update',
        objectType: 'industry_chain',
        objectId: id,
        before,
        after,
        detail: added.length ? { investorsAdded: added } : undefined,
      });
      return after;
    });
  }

  async map(actor: Actor, id: number): Promise<ChainMapResponse> {
    const chain = await this.chains.findDetail(id);
    if (!chain) throw chainNotFound();
    const scope = scopeParam(actor.principal);
    const [stages, leadFigures, targets, projects, leads, activities] = await Promise.all([
      this.chains.stageFigures(id),
      this.chains.leadFigures(id),
      this.chains.targetsWithState(id),
      this.chains.projects(id, scope),
      this.chains.leads(id, scope),
      this.chains.activities(id, scope),
    ]);
    const { links, unlinked } = buildMapLinks(chain.links, stages, leadFigures, targets);
    return {
      chain: { id: chain.id, name: chain.name, leaderName: chain.leaderName, leaderTitle: chain.leaderTitle },
      links,
      unlinked,
      gaps: links.filter((l) => l.state === 'gap').map((l) => l.name),
      projects,
      leads,
      activities,
    };
  }

  /** The 通报's 产业链 section of a plan's month (the briefings module asks, when the plan turns it on). */
  briefingSection(rootUnitId: number, month: string): Promise<ChainBriefingRow[]> {
    return this.chains.briefingRows(rootUnitId, month);
  }

  /**
   * A project's link (the projects module asks): a live link of a live chain whose name is the project's industry
   * chain. Answers the chain's name, which the project's `industry_chain` text then carries.
   */
  async resolveProjectLink(manager: EntityManager, linkId: number, industryChain: string | null | undefined): Promise<string> {
    const link = await this.chains.linkWithChain(manager, linkId);
    if (!link) throw projectLinkInvalid(null);
    if (industryChain && industryChain !== link.chainName) throw projectLinkInvalid(industryChain);
    return link.chainName;
  }

  private async checkFields(manager: EntityManager, f: ChainFields, id: number | null, before?: ChainDetail): Promise<void> {
    if (await this.chains.nameTaken(manager, f.name, id)) throw chainNameTaken(f.name);
    // an inactive unit already on the chain may stay; a newly chosen one must be active
    if (f.leadUnitId !== null && f.leadUnitId !== before?.leadUnitId && !(await this.chains.activeUnitExists(manager, f.leadUnitId))) {
      throw unknownUnit('leadUnitId');
    }
    if (
      f.taskForceUnitId !== null &&
      f.taskForceUnitId !== before?.taskForceUnitId &&
      !(await this.chains.activeUnitExists(manager, f.taskForceUnitId))
    ) {
      throw unknownUnit('taskForceUnitId');
    }
  }

  /**
   * The chain's links become `inputs` (order included): listed ids are rewritten, new names added (or a removed link
   * of that name revived), unlisted live links removed — refused while a project or lead is on one. Targets of a link
   * are replaced when given. Answers the 客商库 companies added on the way (the caller audits them).
   */
  private async writeLinks(
    manager: EntityManager,
    actor: Actor,
    chainId: number,
    inputs: readonly ChainLinkInput[],
  ): Promise<Array<{ id: number; name: string }>> {
    const stored = await this.chains.links(manager, chainId);
    const byId = new Map(stored.map((l) => [l.id, l]));
    const names = new Set<string>();
    const ids = new Set<number>();
    inputs.forEach((input, i) => {
      const name = input.name.trim();
      if (names.has(name)) throw duplicateLinkName(i, name);
      names.add(name);
      if (input.id !== undefined) {
        const link = byId.get(input.id);
        if (!link || link.isRemoved) throw unknownLink(i);
        if (ids.has(input.id)) throw duplicateLinkId(i);
        ids.add(input.id);
      }
    });
    const dropped = stored.filter((l) => !l.isRemoved && !ids.has(l.id));
    if (dropped.length > 0) {
      const usage = await this.chains.linkUsage(manager, dropped.map((l) => l.id));
      for (const link of dropped) {
        const u = usage.get(link.id);
        if (u && u.projects + u.leads > 0) throw linkInUse(link.name, u.projects, u.leads);
      }
    }
    // names move between links in one request (swap, or a removed link's name reused): park every name first
    const kept = [...ids];
    const revive = (name: string) => stored.find((l) => l.isRemoved && l.name === name && !ids.has(l.id));
    const revived = inputs.map((input) => (input.id === undefined ? revive(input.name.trim()) : undefined));
    await this.chains.parkLinkNames(manager, [...kept, ...dropped.map((l) => l.id), ...revived.flatMap((l) => (l ? [l.id] : []))]);
    await this.chains.removeLinks(manager, dropped.map((l) => l.id));
    const added: Array<{ id: number; name: string }> = [];
    for (const [i, input] of inputs.entries()) {
      const values = {
        segment: input.segment,
        name: input.name.trim(),
        description: input.description ?? null,
        sortOrder: (i + 1) * 10,
      };
      let linkId = input.id ?? revived[i]?.id;
      if (linkId !== undefined) {
        const current = byId.get(linkId)!;
        await this.chains.updateLink(manager, linkId, {
          ...values,
          description: input.description === undefined ? current.description : values.description,
        });
      } else {
        linkId = await this.chains.insertLink(manager, chainId, values);
      }
      if (input.targets) {
        const rows: Array<{ investorId: number; companyName: string; note: string | null }> = [];
        for (const [t, target] of input.targets.entries()) {
          const company = await findOrAddInvestor(manager, { name: target.name, creditCode: target.creditCode }, actor.principal?.userId ?? null);
          if (rows.some((r) => r.investorId === company.id)) throw duplicateTarget(i, t, target.name.trim());
          if (company.added) {
            added.push({ id: company.id, name: target.name.trim() });
            await this.audit.record(manager, actor, {
              action: 'investor.create',
              objectType: 'investor',
              objectId: company.id,
              after: { id: company.id, name: target.name.trim(), creditCode: target.creditCode ?? null },
              detail: { via: 'chain.target', chainId },
            });
          }
          rows.push({ investorId: company.id, companyName: target.name.trim(), note: target.note?.trim() || null });
        }
        await this.chains.replaceTargets(manager, linkId, rows);
      }
    }
    // a removed link gets its name back unless a live link now carries it (then it keeps the parked one)
    await this.chains.restoreLinkNames(
      manager,
      dropped.filter((l) => !names.has(l.name)).map((l) => ({ id: l.id, name: l.name })),
    );
    return added;
  }
}
