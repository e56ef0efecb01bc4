import { Injectable } from '@nestjs/common';
import type { OwnFigures } from '@pacer/shared';
import { DataSource } from 'typeorm';

/** A plan as the scheduled jobs see it. */
export interface ScheduledPlan {
  id: number;
  year: number;
  name: string;
  rootUnitId: number;
  reportDeadlineDay: number;
  monthCloseDay: number;
  status: 'draft' | 'published' | 'closed';
  /** Whether the root reports its own figures too (县本级, issue 14 point 11). */
  ownFigures: OwnFigures;
}

const COLUMNS = `id, year, name, root_unit_id AS "rootUnitId", report_deadline_day AS "reportDeadlineDay",
  month_close_day AS "monthCloseDay", status, own_figures AS "ownFigures"`;

@Injectable()
export class ScheduledPlansRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Published plans of a year (draft plans collect nothing yet; closed ones nothing more). */
  async listPublished(year: number): Promise<ScheduledPlan[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM plan WHERE status = 'published' AND year = $1 ORDER BY id`,
      [year],
    );
  }
}
