import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ATTACHMENT_MIME,
  type AttachmentRow,
  type AttachmentsResponse,
  type AttachmentType,
  DEFAULT_REQUIRED_DOCUMENTS,
} from '@pacer/shared';
import busboy from 'busboy';
import { DataSource } from 'typeorm';

import { type Actor, scopeParam } from '../../common/auth/principal';
import { ApiException } from '../../common/exceptions/api.exception';
import { createValidationPipe } from '../../common/validation/validation.pipe';
import { AuditService } from '../audit/audit.service';
import { PlansService } from '../plans/plans.service';
import { ProjectsService } from '../projects/projects.service';
import {
  ATTACHMENT_STORE,
  type AttachmentStore,
  type AttachmentWriter,
  type StoredRef,
} from './attachment-store';
import { ATTACHMENT_LIMITS, type AttachmentLimits } from './attachments.config';
import {
  alreadyRemoved,
  eventAndFund,
  eventNotFound,
  fundNotFound,
  incomplete,
  noFile,
  notEditable,
  projectFull,
  tooLarge,
  tooManyFiles,
} from './attachments.errors';
import { AttachmentsRepository, type StoredAttachment } from './attachments.repository';
import { ContentInspector, nameForType, sanitizeFileName } from './content-inspector';
import {
  UploadAttachmentDto,
  type AttachmentsQueryDto,
  type RemoveAttachmentDto,
} from './dto/attachment.dto';
import { evidenceChecklist } from './evidence-checklist';
import { inspectOoxml } from './ooxml-inspector';

/** How long a refused upload's remaining body is read (and thrown away) before the answer goes out. */
const DRAIN_MS = 15_000;

export interface AttachmentDownload {
  row: StoredAttachment;
  stream: NodeJS.ReadableStream;
}

interface Received {
  fields: Record<string, string>;
  fileName: string;
  sha256: string;
  size: number;
  sniffed: AttachmentType | 'zip';
}

/** 佐证材料: streamed, checked uploads (all or nothing), scoped lists and downloads, soft removals; every write audited. */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsRepository,
    private readonly projects: ProjectsService,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(ATTACHMENT_LIMITS) private readonly limits: AttachmentLimits,
  ) {}

  async list(actor: Actor, projectId: number, query: AttachmentsQueryDto): Promise<AttachmentsResponse> {
    const project = await this.projects.findReadable(actor, projectId);
    if (!project) throw ApiException.notFound('项目', 'Project');
    const includeRemoved = query.includeRemoved === true && this.maySeeRemoved(actor);
    const rows = await this.attachments.listByProject(projectId, includeRemoved);
    let requiredDocuments = DEFAULT_REQUIRED_DOCUMENTS;
    if (query.planId !== undefined) {
      requiredDocuments = (await this.plans.get(actor, query.planId)).requiredDocuments;
    }
    const live = rows.filter((r) => r.removedAt === null);
    return {
      items: rows.map(publicRow),
      usedBytes: live.reduce((sum, r) => sum + r.sizeBytes, 0),
      maxFileBytes: this.limits.maxFileBytes,
      maxProjectBytes: this.limits.maxProjectBytes,
      requiredDocuments,
      checklist: evidenceChecklist(project.row, project.events, project.funds, live, requiredDocuments),
    };
  }

  /** The file for `GET /attachments/:id`: only for a caller who may read its project; removed ones for an admin. */
  async download(actor: Actor, id: number): Promise<AttachmentDownload> {
    const row = await this.attachments.findVisible(id, scopeParam(actor.principal));
    if (!row || (row.removedAt !== null && !this.maySeeRemoved(actor)))
      throw ApiException.notFound('佐证材料', 'Attachment');
    return { row, stream: this.store.openReadStream(refOf(row)) };
  }

  /**
   * `POST /projects/:id/attachments`: the multipart body is read as a stream straight into the store inside ONE
   * transaction (chunk by chunk, never whole in memory), inspected as it passes, then the Office check, the fields,
   * the row and its audit event; any refusal or a cut connection rolls all of it back.
   */
  async upload(actor: Actor, projectId: number, req: IncomingMessage): Promise<AttachmentRow> {
    const principal = actor.principal!;
    const project = await this.projects.findReadable(actor, projectId);
    if (!project) throw ApiException.notFound('项目', 'Project');
    if (!project.canEdit) throw notEditable();
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) throw noFile();

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let writer: AttachmentWriter | null = null;
    try {
      await runner.startTransaction();
      const manager = runner.manager;
      await this.attachments.lockProjectUploads(manager, projectId);
      const used = await this.attachments.usedBytes(manager, projectId);
      const id = await this.attachments.nextId(manager);
      writer = this.store.openWriter(manager, id);
      const received = await this.receive(req, writer, used);
      const { objectKey } = await writer.finish();
      const ref: StoredRef = { attachmentId: id, objectKey, sizeBytes: received.size };
      const type: AttachmentType =
        received.sniffed === 'zip'
          ? await inspectOoxml(
              {
                size: received.size,
                read: (offset, length) => this.store.readRange(manager, ref, offset, length),
              },
              this.limits,
            )
          : received.sniffed;
      const fileName = nameForType(sanitizeFileName(received.fileName), type);
      const dto = await validateFields(received.fields);
      if (dto.eventId !== undefined && dto.fundMonth !== undefined) throw eventAndFund();
      if (dto.eventId !== undefined && !project.events.some((e) => e.id === dto.eventId))
        throw eventNotFound();
      if (dto.fundMonth !== undefined && !project.funds.some((f) => f.month === dto.fundMonth))
        throw fundNotFound();
      await this.attachments.insert(manager, {
        id,
        projectId,
        eventId: dto.eventId ?? null,
        fundMonth: dto.fundMonth ?? null,
        kind: dto.kind,
        fileName,
        type,
        contentType: ATTACHMENT_MIME[type],
        sizeBytes: received.size,
        sha256: received.sha256,
        store: this.store.kind,
        objectKey,
        note: dto.note?.trim() ? dto.note.trim() : null,
        userId: principal.userId,
      });
      const [after] = (await this.attachments.listByProject(projectId, true, manager)).filter(
        (r) => r.id === id,
      );
      await this.audit.record(manager, actor, {
        action: 'attachment.create',
        objectType: 'attachment',
        objectId: id,
        after: publicRow(after!),
        detail: { projectId, projectCode: project.row.code },
      });
      await runner.commitTransaction();
      return publicRow(after!);
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await writer
        ?.abort()
        .catch((e: unknown) => this.logger.warn(`attachment store abort failed: ${String(e)}`));
      await drain(req);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Soft removal with a reason (DATA-3): the row and bytes stay; lists leave it out; audited. */
  async remove(actor: Actor, id: number, dto: RemoveAttachmentDto): Promise<AttachmentRow> {
    const principal = actor.principal!;
    const scope = scopeParam(principal);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.attachments.lockEditable(manager, id, scope);
      if (!before) {
        const visible = await this.attachments.findVisible(id, scope, manager);
        if (visible && visible.removedAt === null) throw notEditable();
        throw ApiException.notFound('佐证材料', 'Attachment');
      }
      if (before.removedAt !== null) throw alreadyRemoved();
      const reason = dto.reason.trim();
      await this.attachments.markRemoved(manager, id, principal.userId, reason);
      const [after] = (await this.attachments.listByProject(before.projectId, true, manager)).filter(
        (r) => r.id === id,
      );
      await this.audit.record(manager, actor, {
        action: 'attachment.remove',
        objectType: 'attachment',
        objectId: id,
        before: publicRow(before),
        after: publicRow(after!),
        detail: { reason, projectId: before.projectId },
      });
      return publicRow(after!);
    });
  }

  private maySeeRemoved(actor: Actor): boolean {
    return actor.principal?.roles.includes('admin') ?? false;
  }

  /** Reads the multipart body: text fields, and the one `file` part streamed into the writer as it arrives. */
  private receive(req: IncomingMessage, writer: AttachmentWriter, usedBytes: number): Promise<Received> {
    const { maxFileBytes, maxProjectBytes } = this.limits;
    return new Promise<Received>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          limits: { fileSize: maxFileBytes, files: 1, fields: 8, fieldSize: 1024, parts: 10 },
        });
      } catch {
        reject(noFile());
        return;
      }
      const fields: Record<string, string> = {};
      let filePart: Promise<Omit<Received, 'fields'>> | null = null;
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        req.unpipe(parser);
        reject(error);
      };
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated || info.nameTruncated) {
          fail(
            ApiException.field(
              name.slice(0, 40),
              'tooLong',
              `${name.slice(0, 40)}：长度超出限制`,
              'value too long',
            ),
          );
          return;
        }
        fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || filePart) {
          stream.resume();
          fail(filePart ? tooManyFiles() : noFile());
          return;
        }
        filePart = (async () => {
          const inspector = new ContentInspector();
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            if (failed) break;
            inspector.update(chunk);
            if (usedBytes + inspector.size > maxProjectBytes) throw projectFull(usedBytes, maxProjectBytes);
            await writer.write(chunk);
          }
          if ((stream as { truncated?: boolean }).truncated) throw tooLarge(maxFileBytes);
          const found = inspector.finish();
          return {
            fileName: info.filename ?? '',
            sha256: found.sha256,
            size: found.size,
            sniffed: found.sniffed.type,
          };
        })();
        filePart.catch((error: unknown) => {
          stream.resume();
          fail(error);
        });
      });
      parser.on('filesLimit', () => fail(tooManyFiles()));
      parser.on('partsLimit', () => fail(tooManyFiles()));
      parser.on('fieldsLimit', () =>
        fail(ApiException.field('fields', 'tooMany', '表单字段过多', 'Too many fields')),
      );
      parser.on('error', (error: Error) =>
        fail(
          /unexpected end/i.test(error.message)
            ? incomplete()
            : ApiException.field(
                'file',
                'malformed',
                '上传请求的格式不正确（multipart 解析失败）',
                `Malformed multipart body: ${error.message}`,
              ),
        ),
      );
      parser.on('close', () => {
        if (failed) return;
        if (!filePart) {
          fail(noFile());
          return;
        }
        filePart.then((file) => {
          if (!failed) resolve({ fields, ...file });
        }, fail);
      });
      req.on('close', () => {
        if (!req.complete) fail(incomplete());
      });
      req.pipe(parser);
    });
  }
}

function refOf(row: StoredAttachment): StoredRef {
  return { attachmentId: row.id, objectKey: row.objectKey, sizeBytes: row.sizeBytes };
}

/** The row as answered (the store's key stays inside). */
export function publicRow(row: StoredAttachment): AttachmentRow {
  const { store: _store, objectKey: _objectKey, ...rest } = row;
  return rest;
}

/** The multipart text fields through the global validation (unknown fields refused, errors name the field). */
async function validateFields(fields: Record<string, string>): Promise<UploadAttachmentDto> {
  const body: Record<string, unknown> = { ...fields };
  if (typeof body.eventId === 'string' && /^\d{1,10}$/.test(body.eventId))
    body.eventId = Number(body.eventId);
  for (const key of ['eventId', 'fundMonth', 'note']) if (body[key] === '') delete body[key];
  return (await createValidationPipe().transform(body, {
    type: 'body',
    metatype: UploadAttachmentDto,
  })) as UploadAttachmentDto;
}

/** Reads and drops what is left of a refused request's body, so the client reads the answer (bounded in time). */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return;
  req.resume();
  const timer = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref());
  await Promise.race([
    once(req, 'end').then(
      () => undefined,
      () => undefined,
    ),
    once(req, 'close').then(() => undefined),
    timer,
  ]);
}
