import { Injectable } from '@nestjs/common';
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
}

const COLUMNS = `id, year, name, root_unit_id AS "rootUnitId", report_deadline_day AS "reportDeadlineDay",
  month_close_day AS "monthCloseDay", status`;

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
