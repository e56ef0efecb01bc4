import type { EntityManager } from 'typeorm';

/**
 * The 客商库 row of a company (issue 17), found or added in the caller's transaction: by 统一社会信用代码 when given,
 * else by its name ignoring case and spaces (a name alone also finds a company whose code is known) (the unique indexes of migration 1765700000000 say the same, so two
 * writers at once end on one row). Answers the id and whether it was added (the caller audits an addition).
 * A name found under a different credit code is a different company; a credit code found under another name keeps
 * the stored name (the office renames a company on its page, audited).
 */
export async function findOrAddInvestor(
  manager: EntityManager,
  company: { name: string; creditCode?: string | null },
  userId: number | null,
): Promise<{ id: number; added: boolean }> {
  const name = company.name.trim();
  const creditCode = company.creditCode?.trim() || null;
  const find = async (): Promise<number | undefined> => {
    if (!creditCode) return findInvestorByName(manager, name);
    const rows: { id: number }[] = await manager.query(`SELECT id FROM investor WHERE credit_code = $1`, [creditCode]);
    return rows[0]?.id;
  };
  const existing = await find();
  if (existing !== undefined) return { id: existing, added: false };
  const inserted: { id: number }[] = creditCode
    ? await manager.query(
        `INSERT INTO investor (name, credit_code, created_by, updated_by) VALUES ($1, $2, $3, $3)
         ON CONFLICT (credit_code) WHERE credit_code IS NOT NULL DO NOTHING RETURNING id`,
        [name, creditCode, userId],
      )
    : await manager.query(
        `INSERT INTO investor (name, credit_code, created_by, updated_by) VALUES ($1, NULL, $2, $2)
         ON CONFLICT (lower(regexp_replace(name, '\\s', '', 'g'))) WHERE credit_code IS NULL DO NOTHING RETURNING id`,
        [name, userId],
      );
  if (inserted.length > 0) return { id: inserted[0]!.id, added: true };
  // another writer added it between the look and the insert
  const raced = await find();
  if (raced === undefined) throw new Error(`investor ${name} neither added nor found`);
  return { id: raced, added: false };
}

/**
 * The 客商库 company of this name, ignoring case and spaces (the unique index's comparison), preferring the one whose
 * credit code is known; undefined when there is none.
 */
export async function findInvestorByName(manager: EntityManager, name: string): Promise<number | undefined> {
  const rows: { id: number }[] = await manager.query(
    `SELECT id FROM investor
      WHERE lower(regexp_replace(name, '\\s', '', 'g')) = lower(regexp_replace($1, '\\s', '', 'g'))
      ORDER BY credit_code IS NULL, id LIMIT 1`,
    [name.trim()],
  );
  return rows[0]?.id;
}
