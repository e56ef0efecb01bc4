import { HttpStatus, Injectable } from '@nestjs/common';
import {
  businessDate,
  Dec,
  type DuplicateCandidate,
  type DuplicatesQuery,
  type DuplicatesResponse,
  type InvestorProjectRow,
  type Page,
  type ProjectDetail,
  type ProjectEventRow,
  type ProjectFundRow,
  type ProjectRow,
  type ProjectSaveResponse,
  type ProjectShare,
} from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { type Actor, type Principal, scopeParam } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { ChainsService } from '../chains/chains.service';
import { PlansService } from '../plans/plans.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { AMOUNT_TOLERANCE, classifyDuplicates, type DuplicateProbe } from './duplicate-detection';
import type {
  CreateProjectDto,
  DeleteProjectDto,
  ShareDecisionDto,
  UpdateProjectDto,
} from './dto/project.dto';
import type { ProjectsQueryDto } from './dto/projects-query.dto';
import { ProjectHistoryRepository } from './project-history.repository';
import { newlyCredited, newlyProposed, shareStates } from './project-shares';
import { ProjectSharesService } from './project-shares.service';
import { unitOutOfScope } from './projects.errors';
import { type ProjectFields, ProjectsRepository, type ShareWrite } from './projects.repository';
import { initialStageState, type StageEventKind, type StageState } from '@pacer/shared';

const UNPROCESSABLE = HttpStatus.UNPROCESSABLE_ENTITY;

/** The units a project is credited to (responsible first): what the YTD summary must refresh. */
export function creditedUnitIds(row: Pick<ProjectRow, 'unitId' | 'shares'> | null): number[] {
  if (!row) return [];
  return [...new Set([row.unitId, ...row.shares.map((s) => s.unitId)])];
}

/**
 * The share rows of a project: the co-credited units as given (each > 0, no repeats, not the responsible unit)
 * and the responsible unit with 100 − their sum, which must stay > 0. The rows sum to exactly 100.
 */
export function creditRows(
  responsibleId: number,
  coCredited: readonly ProjectShare[],
  field = 'shares',
): Array<{ unitId: number; sharePct: string }> {
  const seen = new Set<number>();
  let others = new Dec(0);
  coCredited.forEach((s, i) => {
    if (s.unitId === responsibleId) {
      throw ApiException.field(
        field === 'shares' ? `shares.${i}.unitId` : field,
        'responsibleInShares',
        '责任单位不应列入分享单位（其份额自动为 100 减去其他单位份额）',
        'The responsible unit is not listed among the shares (it keeps 100 minus the others)',
        UNPROCESSABLE,
      );
    }
    if (seen.has(s.unitId)) {
      throw ApiException.field(
        `shares.${i}.unitId`,
        'duplicateUnit',
        '分享单位重复',
        'A unit is listed twice',
        UNPROCESSABLE,
      );
    }
    seen.add(s.unitId);
    if (new Dec(s.sharePct).lte(0)) {
      throw ApiException.field(
        `shares.${i}.sharePct`,
        'positive',
        '份额必须大于 0',
        'A share must be above 0',
        UNPROCESSABLE,
      );
    }
    others = others.plus(s.sharePct);
  });
  const responsible = new Dec(100).minus(others);
  if (responsible.lte(0)) {
    throw ApiException.field(
      'shares',
      'sumTooLarge',
      `分享单位份额合计 ${others.toFixed()}%，责任单位份额须大于 0`,
      `The co-credited shares add up to ${others.toFixed()}%; the responsible unit must keep more than 0`,
      UNPROCESSABLE,
    );
  }
  return [
    { unitId: responsibleId, sharePct: responsible.toFixed() },
    ...coCredited.map((s) => ({ unitId: s.unitId, sharePct: new Dec(s.sharePct).toFixed() })),
  ];
}

/** The project ledger: reads, duplicate checks, create, update (exclusion included) and soft delete. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsRepository,
    private readonly plans: PlansService,
    private readonly history: ProjectHistoryRepository,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
    private readonly clock: Clock,
    private readonly shareDecisions: ProjectSharesService,
    private readonly chains: ChainsService,
  ) {}

  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today(): string {
    return businessDate(this.clock.now());
  }

  async list(actor: Actor, query: ProjectsQueryDto): Promise<Page<ProjectRow>> {
    let rootUnitId: number | null = null;
    if (query.planId) {
      rootUnitId = (await this.plans.findById(query.planId))?.rootUnitId ?? null;
      if (rootUnitId === null) throw ApiException.notFound('计划', 'Plan');
    }
    return this.projects.list(query, scopeParam(actor.principal), rootUnitId);
  }

  async get(actor: Actor, id: number): Promise<ProjectDetail> {
    const row = await this.projects.findRow(id, scopeParam(actor.principal));
    if (!row) throw ApiException.notFound('项目', 'Project');
    return this.detail(row);
  }

  /**
   * For modules that hang records on a project (attachments): the live project with its stage events and funds when
   * the caller may read it (responsible or credited unit in scope), else null. `canEdit` says whether the caller may
   * also change it (the responsible unit, as PATCH /projects/:id).
   */
  async findReadable(
    actor: Actor,
    id: number,
    manager?: EntityManager,
  ): Promise<{ row: ProjectRow; events: ProjectEventRow[]; funds: ProjectFundRow[]; canEdit: boolean } | null> {
    const row = await this.projects.findRow(id, scopeParam(actor.principal), manager);
    if (!row) return null;
    const events = await this.history.listEvents(id, manager);
    const funds = await this.history.listFunds(id, manager);
    const scope = actor.principal?.scopeUnitIds ?? null;
    return { row, events, funds, canEdit: scope === null || scope.includes(row.unitId) };
  }

  /** A live project the caller may read, in the caller's transaction (a lead links it when signed). */
  findVisible(actor: Actor, id: number, manager?: EntityManager): Promise<ProjectRow | null> {
    return this.projects.findRow(id, scopeParam(actor.principal), manager);
  }

  /**
   * Names the 客商库 company of a project that has none yet (a lead signed into it, issue 17): the project's
   * `investor_id`, its version moved on, audited. A project that already names a company keeps it.
   */
  async attachInvestor(manager: EntityManager, actor: Actor, projectId: number, investorId: number): Promise<boolean> {
    const attached = await this.projects.attachInvestor(manager, projectId, investorId);
    if (attached) {
      await this.audit.record(manager, actor, {
        action: 'project.investor',
        objectType: 'project',
        objectId: projectId,
        before: { investorId: null },
        after: { investorId },
      });
    }
    return attached;
  }

  /** Every unit's live projects of a company: by investor id, else its credit code, else its name (客商库 page). */
  listForInvestor(investor: { id: number; name: string; creditCode: string | null }): Promise<InvestorProjectRow[]> {
    return this.projects.listForInvestor(investor);
  }

  /** The form's check before saving: possible duplicates in every unit and year. */
  async findDuplicates(query: DuplicatesQuery): Promise<DuplicatesResponse> {
    return { items: await this.duplicates(query, query.excludeId ?? null) };
  }

  async duplicates(
    probe: DuplicateProbe,
    excludeId: number | null,
    manager?: EntityManager,
  ): Promise<DuplicateCandidate[]> {
    const sources = await this.projects.findDuplicateSources(probe, excludeId, AMOUNT_TOLERANCE, manager);
    return classifyDuplicates(probe, sources);
  }

  /** A row with its events, funds and possible duplicates. */
  async detail(row: ProjectRow, manager?: EntityManager): Promise<ProjectDetail> {
    // one after the other: inside a transaction they share one connection
    const events = await this.history.listEvents(row.id, manager);
    const funds = await this.history.listFunds(row.id, manager);
    const duplicates = await this.duplicates(row, row.id, manager);
    return { ...row, events, funds, duplicates };
  }

  async create(actor: Actor, dto: CreateProjectDto): Promise<ProjectSaveResponse> {
    const principal = actor.principal!;
    this.assertUnitInScope(principal, dto.unitId);
    const stage = dto.stage ?? 'lead';
    const today = this.today();
    const stageDate = dto.stageDate ?? today;
    if (stageDate > today) throw futureDate('stageDate');
    const shares = creditRows(dto.unitId, dto.shares ?? []);
    let notificationIds: number[] = [];
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.assertUnitsUsable(
        manager,
        shares.map((s, i) => ({ unitId: s.unitId, field: i === 0 ? 'unitId' : `shares.${i - 1}.unitId` })),
      );
      // a share credited to a unit the caller does not report for is pending (counts for the responsible unit)
      const states = shareStates(principal, dto.unitId, shares, [], this.clock.now());
      // a chosen link names its chain: the project's industry chain is that chain's name
      const industryChain =
        dto.chainLinkId != null
          ? await this.chains.resolveProjectLink(manager, dto.chainLinkId, dto.industryChain)
          : (dto.industryChain ?? null);
      const after = await this.insertProject(manager, actor, {
        fields: {
          name: dto.name,
          investorName: dto.investorName,
          investorCreditCode: dto.investorCreditCode ?? null,
          origin: dto.origin,
          industryChain,
          chainLinkId: dto.chainLinkId ?? null,
          agreedInvestmentWan: dto.agreedInvestmentWan,
          fortune500Kind: dto.fortune500Kind ?? null,
          isChainLeader: dto.isChainLeader ?? false,
          isSpecialized: dto.isSpecialized ?? false,
          unitId: dto.unitId,
          description: dto.description ?? null,
          contact: dto.contact ?? null,
          isExcluded: false,
          excludedReason: null,
        },
        shares: states,
        stage: initialStageState(stage, stageDate),
        events: [{ stage, date: stageDate }],
      });
      await this.summary.refreshForUnits(manager, creditedUnitIds(after));
      notificationIds = await this.shareDecisions.noticeProposed(
        manager,
        after,
        newlyProposed(states, []),
        principal.userId,
      );
      notificationIds.push(
        ...(await this.shareDecisions.noticeCredited(
          manager,
          after,
          newlyCredited(states, [], dto.unitId),
          principal.userId,
        )),
      );
      const project = await this.detail(after, manager);
      return { project, duplicates: project.duplicates };
    });
    await this.shareDecisions.push(notificationIds);
    return saved;
  }

  async update(actor: Actor, id: number, dto: UpdateProjectDto): Promise<ProjectSaveResponse> {
    const principal = actor.principal!;
    let notificationIds: number[] = [];
    const saved = await this.dataSource.transaction(async (manager) => {
      const before = await this.projects.lockForWrite(manager, id, scopeParam(principal));
      if (!before) throw ApiException.notFound('项目', 'Project');
      if (before.version !== dto.version) throw ApiException.versionConflict();
      if (dto.unitId !== undefined) this.assertUnitInScope(principal, dto.unitId);

      const patch: Partial<ProjectFields> = {};
      for (const key of [
        'name',
        'investorName',
        'investorCreditCode',
        'origin',
        'industryChain',
        'agreedInvestmentWan',
        'fortune500Kind',
        'isChainLeader',
        'isSpecialized',
        'unitId',
        'description',
        'contact',
      ] as const) {
        if (dto[key] !== undefined) (patch as Record<string, unknown>)[key] = dto[key];
      }
      Object.assign(patch, exclusionPatch(before, dto));
      Object.assign(patch, await this.chainLinkPatch(manager, before, dto));

      // shares are rewritten when they or the responsible unit change
      const unitId = dto.unitId ?? before.unitId;
      let shares: Array<{ unitId: number; sharePct: string }> | null = null;
      if (dto.shares !== undefined || unitId !== before.unitId) {
        const coCredited = dto.shares ?? before.shares.filter((s) => s.unitId !== before.unitId);
        shares = creditRows(unitId, coCredited, dto.shares !== undefined ? 'shares' : 'unitId');
        const known = new Set(creditedUnitIds(before));
        await this.assertUnitsUsable(
          manager,
          shares
            .map((s, i) => ({ unitId: s.unitId, field: i === 0 ? 'unitId' : `shares.${i - 1}.unitId` }))
            .filter((s) => !known.has(s.unitId)),
        );
      }

      if (!(await this.projects.updateFields(manager, id, dto.version, patch, principal.userId))) {
        throw ApiException.versionConflict();
      }
      let proposed: ReturnType<typeof newlyProposed> = [];
      let credited: ReturnType<typeof newlyCredited> = [];
      if (shares) {
        // unchanged shares keep their state; a changed one goes back to pending unless the caller reports for its unit
        const stored = await this.projects.listShareStates(manager, id);
        const states = shareStates(principal, unitId, shares, stored, this.clock.now());
        await this.projects.replaceShares(manager, id, states);
        proposed = newlyProposed(states, stored);
        credited = newlyCredited(states, stored, unitId);
      }
      const after = (await this.projects.findRow(id, null, manager))!;
      await this.summary.refreshForUnits(manager, [
        ...new Set([...creditedUnitIds(before), ...creditedUnitIds(after)]),
      ]);
      await this.auditUpdate(manager, actor, before, after);
      notificationIds = await this.shareDecisions.noticeProposed(manager, after, proposed, principal.userId);
      notificationIds.push(
        ...(await this.shareDecisions.noticeCredited(manager, after, credited, principal.userId)),
      );
      const project = await this.detail(after, manager);
      return { project, duplicates: project.duplicates };
    });
    await this.shareDecisions.push(notificationIds);
    return saved;
  }

  /**
   * The one way a project comes to be (the form, an import), in the caller's transaction: the row (its code
   * XM<year of creation in Asia/Shanghai>-<id>), its share rows, its stage events in order and the `project.create`
   * audit row (with `detail` when given). Answers the stored row; the caller refreshes the summary (once for a batch).
   */
  async insertProject(
    manager: EntityManager,
    actor: Actor,
    input: {
      fields: ProjectFields;
      shares: ShareWrite[];
      stage: StageState;
      events: ReadonlyArray<{ stage: StageEventKind; date: string }>;
      detail?: Record<string, unknown>;
    },
  ): Promise<ProjectRow> {
    const userId = actor.principal!.userId;
    const id = await this.projects.nextId(manager);
    await this.projects.insert(manager, {
      ...input.fields,
      id,
      code: `XM${this.today().slice(0, 4)}-${String(id).padStart(6, '0')}`,
      stage: input.stage,
      userId,
    });
    await this.projects.replaceShares(manager, id, input.shares);
    for (const e of input.events) {
      await this.history.insertEvent(manager, {
        projectId: id,
        stage: e.stage,
        date: e.date,
        isCorrection: false,
        reason: null,
        userId,
      });
    }
    const after = (await this.projects.findRow(id, null, manager))!;
    await this.audit.record(manager, actor, {
      action: 'project.create',
      objectType: 'project',
      objectId: id,
      after,
      ...(input.detail ? { detail: input.detail } : {}),
    });
    return after;
  }

  /**
   * The 产业链 link of an edit: a chosen link sets the industry chain to its chain's name (a different name given with
   * it is refused); a new industry chain without a link clears a link of the old chain.
   */
  private async chainLinkPatch(
    manager: EntityManager,
    before: ProjectRow,
    dto: UpdateProjectDto,
  ): Promise<Partial<ProjectFields>> {
    if (dto.chainLinkId === null) return { chainLinkId: null };
    if (dto.chainLinkId !== undefined) {
      return {
        chainLinkId: dto.chainLinkId,
        industryChain: await this.chains.resolveProjectLink(manager, dto.chainLinkId, dto.industryChain),
      };
    }
    if (dto.industryChain !== undefined && dto.industryChain !== before.industryChain && before.chainLinkId !== null) {
      return { chainLinkId: null };
    }
    return {};
  }

  /** The `project.update` audit row of an edit (the form's, an import's), with the row before and after. */
  async auditUpdate(
    manager: EntityManager,
    actor: Actor,
    before: ProjectRow,
    after: ProjectRow,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, actor, {
      action: 'project.update',
      objectType: 'project',
      objectId: after.id,
      before,
      after,
      ...(detail ? { detail } : {}),
    });
  }

  /** 分成确认: the credited unit's reporter (or an admin) confirms or declines a pending share. */
  decideShare(actor: Actor, id: number, unitId: number, dto: ShareDecisionDto): Promise<ProjectDetail> {
    return this.shareDecisions.decide(actor, id, unitId, dto, (row, manager) => this.detail(row, manager));
  }

  /** Soft delete (DATA-3): the row stays with who, when and why; lists and reads no longer show it. */
  async remove(actor: Actor, id: number, dto: DeleteProjectDto): Promise<void> {
    const principal = actor.principal!;
    await this.dataSource.transaction(async (manager) => {
      const before = await this.projects.lockForWrite(manager, id, scopeParam(principal));
      if (!before) throw ApiException.notFound('项目', 'Project');
      if (before.version !== dto.version) throw ApiException.versionConflict();
      if (!(await this.projects.softDelete(manager, id, dto.version, principal.userId, dto.reason))) {
        throw ApiException.versionConflict();
      }
      await this.summary.refreshForUnits(manager, creditedUnitIds(before));
      await this.audit.record(manager, actor, {
        action: 'project.delete',
        objectType: 'project',
        objectId: id,
        before,
        after: null,
        detail: { reason: dto.reason },
      });
    });
  }

  /** A reporter creates and moves projects only into their own units. */
  assertUnitInScope(principal: Principal, unitId: number): void {
    if (principal.scopeUnitIds !== null && !principal.scopeUnitIds.includes(unitId)) {
      throw unitOutOfScope();
    }
  }

  /** Every unit named must exist and be active (VAL-2). */
  private async assertUnitsUsable(
    manager: EntityManager,
    units: Array<{ unitId: number; field: string }>,
  ): Promise<void> {
    if (units.length === 0) return;
    const states = await this.projects.unitStates(
      manager,
      units.map((u) => u.unitId),
    );
    for (const u of units) {
      const active = states.get(u.unitId);
      if (active === undefined) {
        throw ApiException.field(u.field, 'unknownUnit', '单位不存在', 'Unknown unit', UNPROCESSABLE);
      }
      if (!active)
        throw ApiException.field(
          u.field,
          'inactiveUnit',
          '单位已停用',
          'The unit is inactive',
          UNPROCESSABLE,
        );
    }
  }
}

/** isExcluded / excludedReason as written: an exclusion needs a reason; a reason alone excludes nothing. */
function exclusionPatch(before: ProjectRow, dto: UpdateProjectDto): Partial<ProjectFields> {
  if (dto.isExcluded === undefined && dto.excludedReason === undefined) return {};
  const isExcluded = dto.isExcluded ?? before.isExcluded;
  if (!isExcluded) {
    if (dto.excludedReason) {
      throw ApiException.field(
        'excludedReason',
        'notExcluded',
        '未排除的项目不填写排除原因',
        'A reason needs isExcluded',
        UNPROCESSABLE,
      );
    }
    return { isExcluded: false, excludedReason: null };
  }
  const reason = dto.excludedReason === undefined ? before.excludedReason : dto.excludedReason;
  if (!reason) {
    throw ApiException.field(
      'excludedReason',
      'required',
      '排除计数须填写原因',
      'An exclusion needs a reason',
      UNPROCESSABLE,
    );
  }
  return { isExcluded: true, excludedReason: reason };
}

export function futureDate(field: string): ApiException {
  return ApiException.field(
    field,
    'future',
    `${field}：日期不能晚于今天`,
    `${field} cannot be in the future`,
  );
}
