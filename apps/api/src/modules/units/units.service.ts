import { HttpStatus, Injectable } from '@nestjs/common';
import type { CreateUnitRequest, UnitRow, UnitsResponse, UpdateUnitRequest } from '@pacer/shared';
import { DataSource } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { YtdSummaryService } from '../progress/ytd-summary.service';
import { UnitsRepository } from './units.repository';

const codeTaken = () =>
  ApiException.field('code', 'taken', '单位编码已存在', 'Unit code already exists', HttpStatus.CONFLICT);

@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly summary: YtdSummaryService,
  ) {}

  async list(rootId?: number): Promise<UnitsResponse> {
    if (rootId && !(await this.units.findById(rootId))) throw ApiException.notFound('单位', 'Unit');
    return { items: await this.units.listTree(rootId) };
  }

  async create(actor: Actor, request: CreateUnitRequest): Promise<UnitRow> {
    return this.dataSource.transaction(async (manager) => {
      if (await this.units.codeTaken(manager, request.code)) throw codeTaken();
      if (request.parentId) {
        await this.units.lockById(manager, request.parentId);
        if (!(await this.units.findById(request.parentId, manager))) {
          throw ApiException.field('parentId', 'unknown', '上级单位不存在', 'Unknown parent unit', 422);
        }
      }
      const id = await this.units
        .insert(manager, {
          code: request.code,
          name: request.name,
          shortName: request.shortName ?? null,
          category: request.category,
          parentId: request.parentId ?? null,
          sortOrder: request.sortOrder ?? 0,
        })
        // the case-insensitive unique index catches a concurrent twin
        .catch((e) => {
          throw (e as { code?: string }).code === '23505' ? codeTaken() : e;
        });
      // the summary is dense: the new unit gets its (zero) rows in every open plan whose tree it joins
      await this.summary.refreshForUnits(manager, [id]);
      const row = (await this.units.findById(id, manager))!;
      await this.audit.record(manager, actor, { action: 'unit.create', objectType: 'unit', objectId: id, after: row });
      return row;
    });
  }

  async update(actor: Actor, id: number, request: UpdateUnitRequest): Promise<UnitRow> {
    return this.dataSource.transaction(async (manager) => {
      // one move at a time: two concurrent moves could otherwise build a cycle together
      await manager.query('SELECT pg_advisory_xact_lock(7365003)');
      const before = await this.units.findById(id, manager);
      if (!before) throw ApiException.notFound('单位', 'Unit');
      if (!(await this.units.update(manager, id, request.version, request))) throw ApiException.versionConflict();
      if (request.parentId !== undefined && request.parentId !== before.parentId) {
        if (request.parentId !== null) {
          if (!(await this.units.findById(request.parentId, manager))) {
            throw ApiException.field('parentId', 'unknown', '上级单位不存在', 'Unknown parent unit', 422);
          }
          if (await this.units.isDescendant(manager, id, request.parentId)) {
            throw ApiException.field(
              'parentId',
              'cycle',
              '不能把单位移到它自己或它的下级单位之下',
              'A unit cannot be moved under itself or one of its descendants',
              HttpStatus.UNPROCESSABLE_ENTITY,
            );
          }
        }
        await this.units.move(manager, id, request.parentId);
        // the subtree's figures now roll up elsewhere
        await this.summary.refreshForTreeChange(manager, [id, ...(before.parentId ? [before.parentId] : [])]);
      }
      const after = (await this.units.findById(id, manager))!;
      await this.audit.record(manager, actor, { action: 'unit.update', objectType: 'unit', objectId: id, before, after });
      return after;
    });
  }
}
