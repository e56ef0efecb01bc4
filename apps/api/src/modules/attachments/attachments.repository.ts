import { Injectable } from '@nestjs/common';
import type { AttachmentKind, AttachmentRow, AttachmentType } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

import { projectVisibleSql } from '../../common/sql/visibility.sql';

interface RawAttachment {
  id: number;
  projectId: number;
  eventId: number | null;
  fundMonth: string | null;
  kind: AttachmentKind;
  fileName: string;
  type: AttachmentType;
  contentType: string;
  sizeBytes: string;
  sha256: string;
  note: string | null;
  uploadedBy: string;
  uploadedAt: Date;
  removedAt: Date | null;
  removedBy: string | null;
  removedReason: string | null;
  store: 'pg' | 's3';
  objectKey: string | null;
}

export interface StoredAttachment extends AttachmentRow {
  store: 'pg' | 's3';
  objectKey: string | null;
}

const COLUMNS = `a.id, a.project_id AS "projectId", a.event_id AS "eventId", a.fund_month AS "fundMonth", a.kind,
  a.file_name AS "fileName", a.file_type AS "type", a.content_type AS "contentType", a.size_bytes AS "sizeBytes",
  a.sha256, a.note, up.display_name AS "uploadedBy", a.uploaded_at AS "uploadedAt", a.removed_at AS "removedAt",
  rm.display_name AS "removedBy", a.removed_reason AS "removedReason", a.store, a.object_key AS "objectKey"`;
const FROM = `attachment a JOIN app_user up ON up.id = a.uploaded_by LEFT JOIN app_user rm ON rm.id = a.removed_by`;

function toRow(r: RawAttachment): StoredAttachment {
  return {
    id: r.id,
    projectId: r.projectId,
    eventId: r.eventId,
    fundMonth: r.fundMonth,
    kind: r.kind,
    fileName: r.fileName,
    type: r.type,
    contentType: r.contentType,
    sizeBytes: Number(r.sizeBytes),
    sha256: r.sha256,
    note: r.note,
    uploadedBy: r.uploadedBy,
    uploadedAt: new Date(r.uploadedAt).toISOString(),
    removedAt: r.removedAt ? new Date(r.removedAt).toISOString() : null,
    removedBy: r.removedBy,
    removedReason: r.removedReason,
    downloadPath: `/attachments/${r.id}`,
    isInline: r.type === 'pdf' || r.type === 'jpeg' || r.type === 'png',
    store: r.store,
    objectKey: r.objectKey,
  };
}

/** The attachment rows (their bytes are the store's). */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Serialises uploads to one project (the per-project limit holds under concurrent uploads). */
  async lockProjectUploads(manager: EntityManager, projectId: number): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('attachment.upload'), $1)`, [projectId]);
  }

  async usedBytes(manager: EntityManager, projectId: number): Promise<number> {
    const [row] = await manager.query(
      'SELECT coalesce(sum(size_bytes), 0)::bigint AS n FROM attachment WHERE project_id = $1 AND removed_at IS NULL',
      [projectId],
    );
    return Number(row.n);
  }

  async nextId(manager: EntityManager): Promise<number> {
    const [row] = await manager.query(
      `SELECT nextval(pg_get_serial_sequence('attachment', 'id'))::int AS id`,
    );
    return row.id as number;
  }

  async insert(
    manager: EntityManager,
    a: {
      id: number;
      projectId: number;
      eventId: number | null;
      fundMonth: string | null;
      kind: AttachmentKind;
      fileName: string;
      type: AttachmentType;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      store: 'pg' | 's3';
      objectKey: string | null;
      note: string | null;
      userId: number;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO attachment (id, project_id, event_id, fund_month, kind, file_name, file_type, content_type, size_bytes,
                               sha256, store, object_key, note, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        a.id,
        a.projectId,
        a.eventId,
        a.fundMonth,
        a.kind,
        a.fileName,
        a.type,
        a.contentType,
        a.sizeBytes,
        a.sha256,
        a.store,
        a.objectKey,
        a.note,
        a.userId,
      ],
    );
  }

  async listByProject(
    projectId: number,
    includeRemoved: boolean,
    manager?: EntityManager,
  ): Promise<StoredAttachment[]> {
    const rows: RawAttachment[] = await this.q(manager).query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.project_id = $1 AND ($2 OR a.removed_at IS NULL) ORDER BY a.id`,
      [projectId, includeRemoved],
    );
    return rows.map(toRow);
  }

  /** One attachment of a live project the caller may read (scope in the same statement, AC-2). */
  async findVisible(
    id: number,
    scope: number[] | null,
    manager?: EntityManager,
  ): Promise<StoredAttachment | null> {
    const rows: RawAttachment[] = await this.q(manager).query(
      `SELECT ${COLUMNS} FROM ${FROM} JOIN project p ON p.id = a.project_id
        WHERE a.id = $1 AND p.deleted_at IS NULL AND ${projectVisibleSql('p', '$2')}`,
      [id, scope],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The attachment locked for a removal, if its project is live and the caller edits it (responsible unit). */
  async lockEditable(
    manager: EntityManager,
    id: number,
    scope: number[] | null,
  ): Promise<StoredAttachment | null> {
    const locked = await manager.query(
      `SELECT a.id FROM attachment a JOIN project p ON p.id = a.project_id
        WHERE a.id = $1 AND p.deleted_at IS NULL AND ($2::int[] IS NULL OR p.unit_id = ANY($2::int[]))
          FOR UPDATE OF a`,
      [id, scope],
    );
    if (!locked.length) return null;
    const rows: RawAttachment[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`, [id]);
    return toRow(rows[0]!);
  }

  async markRemoved(manager: EntityManager, id: number, userId: number, reason: string): Promise<void> {
    await manager.query(
      'UPDATE attachment SET removed_at = now(), removed_by = $2, removed_reason = $3 WHERE id = $1 AND removed_at IS NULL',
      [id, userId, reason],
    );
  }
}
