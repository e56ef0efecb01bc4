import { Injectable } from '@nestjs/common';
import type { DemoInfoResponse } from '@pacer/shared';
import { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'Pacer@2026';

/** In demo mode the login page lists the demo accounts (never outside it, AUTH-1). */
@Injectable()
export class DemoAccountsService {
  constructor(private readonly dataSource: DataSource) {}

  async info(): Promise<DemoInfoResponse> {
    const flag = await this.dataSource.query(`SELECT value FROM app_setting WHERE key = 'demo.enabled'`);
    if (flag[0]?.value !== true) return { isDemo: false, accounts: [] };
    const rows = await this.dataSource.query(
      `SELECT u.username, u.display_name AS "displayName", u.roles,
              (SELECT string_agg(un.name, '、' ORDER BY un.sort_order) FROM user_unit uu JOIN unit un ON un.id = uu.unit_id
                WHERE uu.user_id = u.id) AS "unitName"
         FROM app_user u WHERE u.is_active ORDER BY CASE WHEN 'reporter' = ANY(u.roles) THEN 1 ELSE 0 END, u.id`,
    );
    return {
      isDemo: true,
      password: DEMO_PASSWORD,
      accounts: rows.map((r: { username: string; displayName: string; roles: string[]; unitName: string | null }) => ({
        username: r.username,
        displayName: r.displayName,
        roles: r.roles,
        ...(r.unitName ? { unitName: r.unitName } : {}),
      })),
    };
  }
}
