import type { EntityManager } from 'typeorm';

import type { DemoCalendar } from './calendar';
import { type DemoProject, eventsOf } from './projects.seed';
import { pad2, shanghai } from './random';

export interface DemoProjectIds {
  /** Project ids in the order of the built list. */
  ids: number[];
}

/** The ledger with one statement per table: project, project_share, project_event, project_fund. */
export async function insertDemoProjects(
  manager: EntityManager,
  unitIds: Record<string, number>,
  reporterIdByUnit: Record<string, number>,
  projects: DemoProject[],
  cal: DemoCalendar,
): Promise<DemoProjectIds> {
  // ids first, so every row of the other tables can name its project; the code follows the ledger's XM<year>-<id>
  const idRows: Array<{ id: number }> = await manager.query(
    `SELECT nextval('project_id_seq')::int AS id FROM generate_series(1, $1::int) ORDER BY 1`,
    [projects.length],
  );
  const ids = idRows.map((r) => r.id);
  const userOf = (p: DemoProject) => reporterIdByUnit[p.unitCode] ?? null;
  const events = projects.map(eventsOf);
  await manager.query(
    `INSERT INTO project (id, code, name, investor_name, investor_credit_code, origin, industry_chain, agreed_investment_wan,
                          fortune500_kind, is_chain_leader, is_specialized, unit_id, stage, lead_date, negotiating_date,
                          signed_date, started_date, producing_date, registered_date, dropped_date, is_excluded,
                          excluded_reason, description, contact, created_by, updated_by, created_at, updated_at)
     SELECT t.id, 'XM' || t.code_year || '-' || lpad(t.id::text, 6, '0'), t.name, t.investor_name, t.credit_code, t.origin,
            t.chain, t.agreed, t.f500, t.leader, t.specialized, t.unit_id, t.stage, t.lead, t.negotiating, t.signed,
            t.started, t.producing, t.registered, t.dropped, t.excluded_reason IS NOT NULL, t.excluded_reason,
            t.description, t.contact, t.user_id, t.user_id, t.created_at, t.updated_at
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                   $9::text[], $10::boolean[], $11::boolean[], $12::int[], $13::text[], $14::date[], $15::date[],
                   $16::date[], $17::date[], $18::date[], $19::date[], $20::date[], $21::text[], $22::text[], $23::text[],
                   $24::int[], $25::timestamptz[], $26::timestamptz[])
         AS t(id, code_year, name, investor_name, credit_code, origin, chain, agreed, f500, leader, specialized, unit_id,
              stage, lead, negotiating, signed, started, producing, registered, dropped, excluded_reason, description,
              contact, user_id, created_at, updated_at)`,
    [
      ids,
      projects.map((p) => p.codeYear),
      projects.map((p) => p.name),
      projects.map((p) => p.investorName),
      projects.map((p) => p.investorCreditCode),
      projects.map((p) => p.origin),
      projects.map((p) => p.industryChain),
      projects.map((p) => String(p.agreedWan)),
      projects.map((p) => p.fortune500Kind),
      projects.map((p) => p.isChainLeader),
      projects.map((p) => p.isSpecialized),
      projects.map((p) => unitIds[p.unitCode]!),
      projects.map((p) => p.stage),
      ...(['lead', 'negotiating', 'signed', 'started', 'producing', 'registered', 'dropped'] as const).map(
        (stage) => projects.map((p) => p.dates[stage] ?? null),
      ),
      projects.map((p) => p.excludedReason),
      projects.map((p) => p.description),
      projects.map((p) => p.contact),
      projects.map(userOf),
      events.map((e) => shanghai(e[0]!.date, 10)),
      events.map((e) => shanghai(e[e.length - 1]!.date, 16)),
    ],
  );

  const shares = projects.flatMap((p, i) =>
    p.shares.map((s) => [ids[i]!, unitIds[s.unitCode]!, String(s.pct)] as const),
  );
  await manager.query(
    `INSERT INTO project_share (project_id, unit_id, share_pct) SELECT * FROM unnest($1::int[], $2::int[], $3::numeric[])`,
    [shares.map((s) => s[0]), shares.map((s) => s[1]), shares.map((s) => s[2])],
  );

  const eventRows = projects.flatMap((p, i) =>
    events[i]!.map((e) => ({ id: ids[i]!, user: userOf(p), ...e })),
  );
  await manager.query(
    `INSERT INTO project_event (project_id, stage, event_date, created_by, created_at)
     SELECT t.project_id, t.stage, t.event_date, t.user_id, (t.event_date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
       FROM unnest($1::int[], $2::text[], $3::date[], $4::int[]) AS t(project_id, stage, event_date, user_id)`,
    [
      eventRows.map((e) => e.id),
      eventRows.map((e) => e.stage),
      eventRows.map((e) => e.date),
      eventRows.map((e) => e.user),
    ],
  );

  // a month's funds are entered on the 3rd of the next month (the month in progress', as they arrive)
  const funds = projects.flatMap((p, i) => p.funds.map((f) => ({ id: ids[i]!, user: userOf(p), ...f })));
  const enteredAt = (month: string) => {
    if (month === cal.today.slice(0, 7)) return shanghai(cal.lastEventDay, 17);
    const [y, m] = month.split('-').map(Number) as [number, number];
    return shanghai(m === 12 ? `${y + 1}-01-03` : `${y}-${pad2(m + 1)}-03`, 11);
  };
  await manager.query(
    `INSERT INTO project_fund (project_id, month, amount_wan, updated_by, created_at, updated_at)
     SELECT t.project_id, t.month, t.amount, t.user_id, t.at, t.at
       FROM unnest($1::int[], $2::text[], $3::numeric[], $4::int[], $5::timestamptz[]) AS t(project_id, month, amount, user_id, at)`,
    [
      funds.map((f) => f.id),
      funds.map((f) => f.month),
      funds.map((f) => String(f.amountWan)),
      funds.map((f) => f.user),
      funds.map((f) => enteredAt(f.month)),
    ],
  );
  return { ids };
}
