import type { QueryRunner } from 'typeorm';

import { BENCH_GROUPS, BENCH_INDICATORS, BENCH_SCORING, BENCH_YEAR } from './bench-plan';

/** How big the synthetic province is; `scale` 1 = 6,000 units and 200,000 projects. */
export interface DatasetSize {
  units: number;
  cities: number;
  leaves: number;
  projects: number;
}

export function datasetSize(scale: number): DatasetSize {
  const units = Math.max(30, Math.round(6000 * scale));
  const cities = Math.max(3, Math.round(100 * scale));
  return { units, cities, leaves: units - 1 - cities, projects: Math.max(500, Math.round(200_000 * scale)) };
}

export interface BenchIds {
  planId: number;
  rootUnitId: number;
}

type Step = (name: string, run: () => Promise<unknown>) => Promise<void>;

// "today" of the synthetic year: ledger dates never pass it
const LAST_DAY = `${BENCH_YEAR}-11-20`;

/**
 * Generates the province with set-based SQL only (generate_series, INSERT … SELECT): one statement per table, on one
 * connection seeded with setseed() so that two runs of the same scale build the same data.
 */
export async function generateProvince(
  runner: QueryRunner,
  size: DatasetSize,
  step: Step,
): Promise<BenchIds> {
  const q = (sql: string, params: unknown[] = []) => runner.query(sql, params);
  await q('SELECT setseed(0.2026)');
  let rootUnitId = 0;
  await step('units + closure', async () => {
    rootUnitId = (
      await q(
        `INSERT INTO unit (code, name, category, sort_order) VALUES ('PROV', '示范省', 'province', 0) RETURNING id`,
      )
    )[0].id;
    // cities/counties: two characters drawn from 10 × 10 so that 100 names are distinct
    await q(
      `INSERT INTO unit (code, name, short_name, category, parent_id, sort_order)
       SELECT 'C' || lpad(n::text, 3, '0'), nm || '县', nm, 'county', $1, n
         FROM generate_series(1, $2) AS n
        CROSS JOIN LATERAL (SELECT (ARRAY['青','云','龙','凤','安','平','兴','泰','华','宁'])[1 + (n - 1) % 10]
                                || (ARRAY['山','川','河','阳','城','溪','江','林','湖','峰'])[1 + ((n - 1) / 10) % 10] AS nm) x`,
      [rootUnitId, size.cities],
    );
    // towns (3 in 5) and county departments below them, spread evenly
    await q(
      `WITH city AS (
         SELECT id, short_name, row_number() OVER (ORDER BY sort_order) AS rn FROM unit WHERE parent_id = $1
       )
       INSERT INTO unit (code, name, category, parent_id, sort_order)
       SELECT 'U' || lpad(n::text, 5, '0'),
              CASE WHEN n % 5 < 3
                   THEN c.short_name || (ARRAY['城关','东城','西城','南关','北关','青石','白云','新桥','长岭','桃源'])[1 + n % 10]
                        || (ARRAY['镇','乡','街道'])[1 + (n / 10) % 3]
                   ELSE c.short_name || '县' || (ARRAY['发展和改革局','商务局','工业和信息化局','财政局','自然资源局',
                        '住房和城乡建设局','农业农村局','文化和旅游局','科学技术局','交通运输局'])[1 + (n / 5) % 10]
              END,
              CASE WHEN n % 5 < 3 THEN 'town' ELSE 'department' END, c.id, n
         FROM generate_series(1, $3) AS n
         JOIN city c ON c.rn = 1 + (n - 1) % $2`,
      [rootUnitId, size.cities, size.leaves],
    );
    await q(`INSERT INTO unit_closure (ancestor_id, descendant_id, depth)
             SELECT id, id, 0 FROM unit
             UNION ALL SELECT parent_id, id, 1 FROM unit WHERE parent_id IS NOT NULL
             UNION ALL SELECT p.parent_id, u.id, 2 FROM unit u JOIN unit p ON p.id = u.parent_id WHERE p.parent_id IS NOT NULL`);
  });

  let planId = 0;
  await step('plan + indicators', async () => {
    planId = (
      await q(
        `INSERT INTO plan (year, root_unit_id, name, status, report_deadline_day, month_close_day, yellow_band, ranking_groups,
                           count_credit, industry_chains, scoring, published_at)
         VALUES ($1, $2, '示范省2026年度招商引资目标任务', 'published', 5, 10, 10, $3::jsonb, 'responsible', $4::text[],
                 $5::jsonb, '2026-01-10T10:00:00+08:00') RETURNING id`,
        [BENCH_YEAR, rootUnitId, JSON.stringify(BENCH_GROUPS), CHAINS, JSON.stringify(BENCH_SCORING)],
      )
    )[0].id;
    const I = BENCH_INDICATORS;
    await q(
      `INSERT INTO indicator (plan_id, code, name, measure, kind, source, ledger_rule, formula, weight, cap, is_scored,
                              is_headline, sort_order)
       SELECT $1, code, name, measure, kind, source, ledger_rule, formula, weight, cap, is_scored, is_headline, ord * 10
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::numeric[],
                     $10::boolean[], $11::boolean[])
              WITH ORDINALITY AS t(code, name, measure, kind, source, ledger_rule, formula, weight, is_scored, is_headline, ord)
        CROSS JOIN LATERAL (SELECT CASE WHEN is_scored THEN 1.2 END AS cap) c`,
      [
        planId,
        I.map((i) => i.code),
        I.map((i) => i.name),
        I.map((i) => i.measure),
        I.map((i) => i.kind),
        I.map((i) => i.source),
        I.map((i) => (i.ledgerRule ? JSON.stringify(i.ledgerRule) : null)),
        I.map((i) => (i.formula ? JSON.stringify(i.formula) : null)),
        I.map((i) => i.weight),
        I.map((i) => i.isScored),
        I.map((i) => i.isHeadline),
      ],
    );
  });

  await step('monthly reports + values', async () => {
    // every town and department reports 12 months: ~97% approved, a few still submitted or draft, ~5% late
    await q(
      `INSERT INTO monthly_report (plan_id, unit_id, month, status, is_late, progress_text, submitted_at, approved_at)
       SELECT $1, r.unit_id, to_char(make_date($2, r.no, 1), 'YYYY-MM'), r.status, r.r2 < 0.05,
              '本月走访企业' || (1 + r.unit_id % 9) || '家，洽谈项目' || (1 + r.no % 4) || '个。',
              CASE WHEN r.status <> 'draft' THEN r.due + CASE WHEN r.r2 < 0.05 THEN interval '1 day' ELSE interval '-2 days' END END,
              CASE WHEN r.status = 'approved' THEN r.due + interval '3 days' END
         FROM (SELECT d.*, CASE WHEN d.r1 < 0.97 THEN 'approved' WHEN d.r1 < 0.99 THEN 'submitted' ELSE 'draft' END AS status,
                      (make_date($2, d.no, 1) + interval '1 month 4 days')::timestamptz AS due
                 -- random() in a target list is drawn per row (in a LATERAL subquery it would be drawn once per month)
                 FROM (SELECT u.id AS unit_id, m.no, random() AS r1, random() AS r2
                         FROM unit u CROSS JOIN generate_series(1, 12) AS m(no)
                        WHERE u.category IN ('town', 'department')) d) r`,
      [planId, BENCH_YEAR],
    );
    const reported = BENCH_INDICATORS.filter((i) => i.source === 'reported');
    await q(
      `INSERT INTO report_value (report_id, indicator_id, value)
       SELECT r.id, i.id, CASE WHEN i.kind = 'count' THEN floor(random() * 2 * k.monthly)
                               ELSE round((random() * 2 * k.monthly)::numeric, 2) END
         FROM monthly_report r
         JOIN indicator i ON i.plan_id = r.plan_id AND i.source = 'reported'
         JOIN unnest($2::text[], $3::numeric[]) AS k(code, monthly) ON k.code = i.code
        WHERE r.plan_id = $1`,
      [planId, reported.map((i) => i.code), reported.map((i) => i.monthly)],
    );
  });

  await step('projects + shares + events + funds', async () => {
    await insertProjects(q, size);
    // 10% of projects are shared: 60% to the responsible unit, 40% to another reporting unit
    await q(
      `WITH leaf AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM unit WHERE category IN ('town', 'department')),
       pick AS (SELECT p.id, p.unit_id, 1 + floor(random() * $1)::int AS rn FROM project p WHERE p.id % 10 = 3 AND p.deleted_at IS NULL)
       INSERT INTO project_share (project_id, unit_id, share_pct)
       SELECT k.id, k.unit_id, 60 FROM pick k JOIN leaf l ON l.rn = k.rn WHERE l.id <> k.unit_id
       UNION ALL
       SELECT k.id, l.id, 40 FROM pick k JOIN leaf l ON l.rn = k.rn WHERE l.id <> k.unit_id`,
      [size.leaves],
    );
    await q(
      `INSERT INTO project_event (project_id, stage, event_date, created_at)
       SELECT p.id, e.stage, e.d, e.d::timestamptz + interval '10 hours'
         FROM project p
        CROSS JOIN LATERAL (VALUES ('lead', p.lead_date), ('negotiating', p.negotiating_date), ('signed', p.signed_date),
                                   ('started', p.started_date), ('producing', p.producing_date),
                                   ('registered', p.registered_date), ('dropped', p.dropped_date)) AS e(stage, d)
        WHERE e.d IS NOT NULL`,
    );
    // funds in place: about every other month from the start month, a few percent of the agreed investment
    await q(
      `INSERT INTO project_fund (project_id, month, amount_wan)
       SELECT p.id, to_char(m, 'YYYY-MM'), round(p.agreed_investment_wan * (0.01 + random() * 0.07)::numeric, 2)
         FROM project p
        CROSS JOIN LATERAL generate_series(greatest(date_trunc('month', p.started_date), make_date($1, 1, 1)),
                                           make_date($1, 10, 1), interval '1 month') AS m
        WHERE p.started_date IS NOT NULL AND p.deleted_at IS NULL AND random() < 0.5`,
      [BENCH_YEAR],
    );
    await q(
      `INSERT INTO scoring_manual_entry (plan_id, unit_id, item_code, month, counter, count, reason)
       SELECT $1, u.id, 'D_INTEGRITY', $2, 'falsified', 1, '项目进度材料弄虚作假（督查通报）'
         FROM unit u WHERE u.category = 'town' AND u.id % 250 = 7`,
      [planId, `${BENCH_YEAR}-04`],
    );
  });
  await step('analyze', () => q('ANALYZE'));
  return { planId, rootUnitId };
}

const CHAINS = ['生物医药', '新能源', '新材料', '食品加工', '智能制造', '现代物流', '文化旅游', '电子信息'];

/**
 * Projects: 90% on towns and departments, 10% on the counties themselves; agreed investment skewed to small
 * (500万 … 100亿, about 1 in 6 of 10亿 or more); stages with their dates, signed mostly in the plan year.
 */
async function insertProjects(q: (sql: string, params?: unknown[]) => Promise<unknown>, size: DatasetSize) {
  await q(
    `WITH leaf AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM unit WHERE category IN ('town', 'department')),
     city AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM unit WHERE category = 'county'),
     draw AS (
       SELECT n, random() AS r_unit, random() AS r_stage, random() AS r_amount, random() AS r_sign, random() AS r_gap,
              random() AS r_prod, random() AS r_flag, random() AS r_origin, random() AS r_reg,
              1 + floor(random() * $1)::int AS leaf_rn, 1 + floor(random() * $2)::int AS city_rn
         FROM generate_series(1, $3) AS n
     ),
     base AS (
       SELECT d.*, CASE WHEN d.r_unit < 0.9 THEN l.id ELSE c.id END AS unit_id,
              CASE WHEN d.r_stage < 0.12 THEN 'lead' WHEN d.r_stage < 0.22 THEN 'negotiating'
                   WHEN d.r_stage < 0.52 THEN 'signed' WHEN d.r_stage < 0.82 THEN 'started'
                   WHEN d.r_stage < 0.94 THEN 'producing' ELSE 'dropped' END AS stage,
              round((500 * exp(d.r_amount * d.r_amount * ln(2000)))::numeric, 2) AS agreed,
              -- 80% signed in the plan year (up to "today"), 20% the year before
              CASE WHEN d.r_sign < 0.8 THEN make_date($4, 1, 1) + floor(d.r_sign / 0.8 * ($5::date - make_date($4, 1, 1)))::int
                   ELSE make_date($4 - 1, 1, 1) + floor((d.r_sign - 0.8) / 0.2 * 364)::int END AS signed
         FROM draw d JOIN leaf l ON l.rn = d.leaf_rn JOIN city c ON c.rn = d.city_rn
     ),
     dated AS (
       SELECT b.*,
              CASE WHEN b.stage IN ('signed', 'started', 'producing', 'dropped') THEN b.signed END AS signed_date,
              CASE WHEN b.stage IN ('started', 'producing') THEN least(b.signed + 15 + floor(b.r_gap * 220)::int, $5::date) END AS started_date
         FROM base b
     )
     INSERT INTO project (code, name, investor_name, origin, industry_chain, agreed_investment_wan, fortune500_kind,
                          is_chain_leader, is_specialized, unit_id, stage, lead_date, negotiating_date, signed_date,
                          started_date, producing_date, registered_date, dropped_date, deleted_at, deleted_reason)
     SELECT 'BP' || lpad(n::text, 7, '0'),
            (ARRAY['生物医药','新能源','新材料','食品加工','智能制造','现代物流','文化旅游','电子信息'])[1 + n % 8]
              || (ARRAY['产业园','生产基地','研发中心','总部','智能工厂'])[1 + (n / 8) % 5] || '项目（' || n || '）',
            (ARRAY['华','瑞','恒','鑫','远','盛','博','金'])[1 + n % 8] || (ARRAY['信','泰','达','丰','科','创','源','通'])[1 + (n / 8) % 8]
              || '投资有限公司' || n,
            CASE WHEN r_origin < 0.3 THEN 'local' WHEN r_origin < 0.6 THEN 'in_province'
                 WHEN r_origin < 0.93 THEN 'out_of_province' ELSE 'overseas' END,
            (ARRAY['生物医药','新能源','新材料','食品加工','智能制造','现代物流','文化旅游','电子信息'])[1 + n % 8],
            agreed,
            CASE WHEN r_flag < 0.007 THEN 'world' WHEN r_flag < 0.014 THEN 'china' WHEN r_flag < 0.02 THEN 'china_private' END,
            r_flag > 0.97, r_flag BETWEEN 0.5 AND 0.58, unit_id, stage,
            signed - 30 - floor(r_gap * 150)::int,
            CASE WHEN stage <> 'lead' THEN signed - 5 - floor(r_gap * 60)::int END,
            signed_date, started_date,
            CASE WHEN stage = 'producing' THEN least(started_date + 30 + floor(r_prod * 200)::int, $5::date) END,
            CASE WHEN started_date IS NOT NULL AND r_reg < 0.7 THEN least(started_date + floor(r_reg * 60)::int, $5::date) END,
            CASE WHEN stage = 'dropped' THEN least(signed + 20 + floor(r_gap * 120)::int, $5::date) END,
            CASE WHEN r_prod > 0.995 THEN now() END,
            CASE WHEN r_prod > 0.995 THEN '重复录入' END
       FROM dated`,
    [size.leaves, size.cities, size.projects, BENCH_YEAR, LAST_DAY],
  );
}

/**
 * Targets of every unit × indicator, set from the generated year so that completions spread around 100%: a
 * reporting unit's target is its year-end actual × 0.8–1.3 (at least 1), a county's the sum of its units' plus its
 * own, the province's the sum of the counties'; the 开工率 target is 50–80%.
 */
export async function insertTargets(runner: QueryRunner, ids: BenchIds): Promise<void> {
  await runner.query(
    `INSERT INTO target (plan_id, unit_id, indicator_id, value)
     SELECT $1, y.unit_id, y.indicator_id,
            CASE WHEN i.source = 'formula' THEN round((0.5 + random() * 0.3)::numeric, 2)
                 ELSE greatest(1, round(y.value * (0.8 + random() * 0.5)::numeric, CASE WHEN i.kind = 'count' THEN 0 ELSE 2 END)) END
       FROM ytd_summary y JOIN indicator i ON i.id = y.indicator_id JOIN unit u ON u.id = y.unit_id
      WHERE y.plan_id = $1 AND y.month_no = 12 AND u.category IN ('town', 'department')`,
    [ids.planId],
  );
  // a county's own target: its own projects' share, as 10% on top of its units'; then the province
  for (const category of ['county', 'province']) {
    await runner.query(
      `INSERT INTO target (plan_id, unit_id, indicator_id, value)
       SELECT $1, u.id, i.id,
              CASE WHEN i.source = 'formula' THEN 0.6 ELSE round(sum(t.value) * CASE WHEN $2::text = 'county' THEN 1.1 ELSE 1 END, 2) END
         FROM unit u JOIN unit c ON c.parent_id = u.id
         JOIN target t ON t.plan_id = $1 AND t.unit_id = c.id
         JOIN indicator i ON i.id = t.indicator_id
        WHERE u.category = $2
        GROUP BY u.id, i.id, i.source`,
      [ids.planId, category],
    );
  }
  await runner.query('ANALYZE target');
}

/** Row counts of the generated tables, for the report. */
export async function countRows(runner: QueryRunner): Promise<Record<string, number>> {
  const tables = [
    'unit',
    'unit_closure',
    'target',
    'monthly_report',
    'report_value',
    'project',
    'project_share',
    'project_event',
    'project_fund',
    'ytd_summary',
  ];
  const rows: Array<{ t: string; n: string }> = await runner.query(
    tables.map((t) => `SELECT '${t}' AS t, count(*)::text AS n FROM ${t}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
