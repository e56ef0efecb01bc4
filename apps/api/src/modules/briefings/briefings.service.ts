import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type BriefingsResponse, type BriefingVersion, businessDate, monthLabelZh } from '@pacer/shared';
import { DataSource } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock.service';
import { ApiException } from '../../common/exceptions/api.exception';
import { AuditService } from '../audit/audit.service';
import { ChainsService } from '../chains/chains.service';
import { MonthCloseHooks } from '../month-close/month-close-hooks.service';
import { type NewNotification, NotificationsService } from '../notifications/notifications.service';
import { RankingSnapshotsService } from '../rankings/ranking-snapshots.service';
import { RankingsService } from '../rankings/rankings.service';
import { renderBriefingCharts } from './briefing-charts';
import { buildBriefingDocx } from './briefing-docx';
import { assembleBriefing } from './briefing-model.builder';
import { buildBriefingXlsx } from './briefing-xlsx';
import { briefingNotFound, monthNotClosed, monthReclosed } from './briefings.errors';
import { type BriefingFormat, BriefingsRepository } from './briefings.repository';

export interface BriefingFile {
  fileName: string;
  buffer: Buffer;
  format: BriefingFormat;
}

/**
 * The monthly 通报: generated from the month's frozen snapshot only (so it matches GET /plans/:id/ranking of the
 * month), as numbered versions. A generation supersedes the month's draft and never touches a published version;
 * the month close generates the first draft (MonthCloseHooks: in the background after its commit, so the close
 * answers at once and the versions list shows the draft once it is written). A big plan's groups and lists are
 * shortened in the .docx and its charts (briefing-excerpt.ts); the .xlsx keeps every unit.
 */
@Injectable()
export class BriefingsService implements OnModuleInit {
  private readonly logger = new Logger(BriefingsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly briefings: BriefingsRepository,
    private readonly rankings: RankingsService,
    private readonly snapshots: RankingSnapshotsService,
    private readonly closeHooks: MonthCloseHooks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly chains: ChainsService,
  ) {}

  onModuleInit(): void {
    this.closeHooks.register(async ({ actor, planId, month }) => {
      const draft = await this.generate(actor, planId, month, 'month-close');
      this.logger.log(`draft 通报 v${draft.version} of plan ${planId} ${month} generated after the close`);
    });
  }

  /**
   * Renders the month's 通报 from its snapshot (outside any transaction: the charts take a moment), then, under a
   * lock on the snapshot row, checks that it was not closed again meanwhile, supersedes the draft and stores the
   * new version as the draft.
   */
  async generate(
    actor: Actor,
    planId: number,
    month: string,
    trigger: 'manual' | 'month-close' = 'manual',
  ): Promise<BriefingVersion> {
    const plan = await this.rankings.requireVisiblePlan(actor, planId, month);
    // read before the figures: a re-close in between shows as a newer version under the lock below
    const snapshotVersion = await this.briefings.findSnapshotVersion(plan.id, month);
    if (snapshotVersion === null) throw monthNotClosed();
    const now = this.clock.now();
    const model = await assembleBriefing(
      { rankings: this.rankings, snapshots: this.snapshots, briefings: this.briefings, chains: this.chains },
      plan,
      month,
      businessDate(now),
    );
    const charts = await renderBriefingCharts(model);
    const [docx, xlsx] = await Promise.all([buildBriefingDocx(model, charts), buildBriefingXlsx(model)]);
    const snapshotAt = new Date(model.snapshotComputedAt);
    const stored = await this.dataSource.transaction(async (manager) => {
      const current = await this.briefings.lockSnapshotVersion(manager, plan.id, month);
      if (current === null) throw monthNotClosed();
      if (current !== snapshotVersion) {
        throw monthReclosed();
      }
      const superseded = await this.briefings.supersedeDraft(manager, plan.id, month, now);
      const version = await this.briefings.nextVersion(manager, plan.id, month);
      const id = await this.briefings.insertDraft(manager, {
        planId: plan.id,
        month,
        version,
        title: model.title,
        summaryText: model.summary,
        snapshotVersion,
        snapshotComputedAt: snapshotAt,
        docx,
        xlsx,
        generatedAt: now,
        generatedBy: actor.principal?.userId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'briefing.generate',
        objectType: 'briefing',
        objectId: id,
        after: {
          planId: plan.id,
          month,
          version,
          status: 'draft',
          summaryText: model.summary,
          snapshotVersion,
          snapshotComputedAt: model.snapshotComputedAt,
          docxBytes: docx.length,
          xlsxBytes: xlsx.length,
        },
        detail: { trigger, supersededVersion: superseded },
      });
      return version;
    });
    return (await this.briefings.findVersion(plan.id, month, stored))!;
  }

  /** Marks a draft published; published versions are kept as they are for good. */
  async publish(actor: Actor, planId: number, month: string, version: number): Promise<BriefingVersion> {
    const plan = await this.rankings.requireVisiblePlan(actor, planId, month);
    const now = this.clock.now();
    let notices: number[] = [];
    await this.dataSource.transaction(async (manager) => {
      const id = await this.briefings.publish(
        manager,
        plan.id,
        month,
        version,
        now,
        actor.principal?.userId ?? null,
      );
      if (id === null) {
        const found = await this.briefings.findVersion(plan.id, month, version, manager);
        if (!found) throw briefingNotFound();
        throw ApiException.field(
          'version',
          found.status === 'published' ? 'alreadyPublished' : 'superseded',
          found.status === 'published'
            ? `第${version}版通报已发布`
            : `第${version}版通报已被新生成的版本替换，不能发布`,
          found.status === 'published'
            ? `version ${version} is published already`
            : `version ${version} was superseded`,
          HttpStatus.CONFLICT,
        );
      }
      await this.audit.record(manager, actor, {
        action: 'briefing.publish',
        objectType: 'briefing',
        objectId: id,
        before: { status: 'draft' },
        after: { status: 'published', publishedAt: now.toISOString() },
        detail: { planId: plan.id, month, version },
      });
      // every unit of the plan (its reporters and leaders) hears of the 通报, with the publication
      const audience = await this.notifications.planAudience(manager, plan.rootUnitId);
      notices = await this.notifications.recordOnce(
        manager,
        audience.map((userId) => briefingPublishedNotice(plan, month, version, userId)),
      );
    });
    await this.notifications.push(notices);
    return (await this.briefings.findVersion(plan.id, month, version))!;
  }

  async list(actor: Actor, planId: number, month: string): Promise<BriefingsResponse> {
    const plan = await this.rankings.requireVisiblePlan(actor, planId, month);
    return { planId: plan.id, month, items: await this.briefings.list(plan.id, month, mayReadDrafts(actor)) };
  }

  /** A version's .docx or .xlsx (default: the latest published, else the latest draft), audited as export.briefing. */
  async file(
    actor: Actor,
    planId: number,
    month: string,
    format: BriefingFormat,
    version?: number,
  ): Promise<BriefingFile> {
    const plan = await this.rankings.requireVisiblePlan(actor, planId, month);
    const found = await this.briefings.findFile(plan.id, month, format, {
      version: version ?? null,
      withDrafts: mayReadDrafts(actor),
    });
    if (!found) throw briefingNotFound();
    await this.audit.recordStandalone(actor, {
      action: 'export.briefing',
      objectType: 'briefing',
      objectId: `${plan.id}:${month}:${found.version}`,
      detail: {
        planId: plan.id,
        month,
        version: found.version,
        status: found.status,
        format,
        bytes: found.bytes.length,
      },
    });
    const suffix = format === 'docx' ? '' : '（附件）';
    const draft = found.status === 'draft' ? '（草稿）' : '';
    return {
      fileName: `${found.title}${suffix}-第${found.version}版${draft}.${format}`.replace(
        /[\\/:*?"<>|]/g,
        '_',
      ),
      buffer: found.bytes,
      format,
    };
  }
}

/**
 * Drafts are for the office and the leaders (unscoped readers: admin, leader); a unit's reporter reads the
 * published 通报 only, as it would receive it.
 */
function mayReadDrafts(actor: Actor): boolean {
  return actor.principal === null || actor.principal.scopeUnitIds === null;
}

/** 「通报已发布」 to one reporter or leader of the plan: the month's 通报 screen, where it is downloaded. */
export function briefingPublishedNotice(
  plan: { id: number; name: string },
  month: string,
  version: number,
  userId: number,
): NewNotification {
  return {
    userId,
    kind: 'briefing.published',
    title: '通报已发布',
    body: `「${plan.name}」${monthLabelZh(month)}通报（第${version}版）已发布，请在“月度关账与通报”中查看下载。`,
    link: `/months?planId=${plan.id}&month=${month}`,
    planId: plan.id,
    unitId: null,
    month,
  };
}
