import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import { Client } from 'pg';

import { BackupError, type BackupHeader } from '../src/database/backup/backup-format';
import { backupToFile } from '../src/database/backup/backup';
import { findNonEmptyTable, quoteIdent, readCatalog } from '../src/database/backup/catalog';
import { knownMigrations, restoreFromFile } from '../src/database/backup/restore';
import { DemoSeedService } from '../src/database/seeds/demo-seed.service';
import { AuditService } from '../src/modules/audit/audit.service';
import { samplePdf } from '../src/database/seeds/demo-county/evidence-files';
import { DEMO_PASSWORD } from '../src/modules/auth/demo-accounts.service';
import { createTestApp, createTestDatabase, type TestApp } from './create-test-app';

type Fingerprint = Record<string, { rows: number; md5: string | null }>;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every data table's row count and an md5 of its rows in a fixed order. */
function fingerprint(url: string): Promise<Fingerprint> {
  return withClient(url, async (c) => {
    const out: Fingerprint = {};
    for (const t of await readCatalog(c)) {
      const q = quoteIdent(t.name);
      const { rows } = await c.query(
        `SELECT count(*)::int AS rows, md5(string_agg(x::text, E'\\n' ORDER BY x::text)) AS md5 FROM ${q} x`,
      );
      out[t.name] = rows[0];
    }
    return out;
  });
}

describe('backup and restore of the whole database (REL-8, e2e)', () => {
  let source: TestApp;
  let dir: string;
  let file: string;
  let header: BackupHeader;
  /** A scan attached through the API before the backup (three 256 KiB chunks). */
  let scan: { id: number; bytes: Buffer };
  const fresh: Array<{ url: string; drop(): Promise<void> }> = [];
  const freshDatabase = async () => {
    const db = await createTestDatabase();
    fresh.push(db);
    return db;
  };
  const refusal = async (promise: Promise<unknown>): Promise<string> => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    return (error as Error).message;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-backup-'));
    file = path.join(dir, '示范县-备份.pacer.gz');
    source = await createTestApp();
    await source.app.get(DemoSeedService).seed('test');
    // a unit moved under a unit created after it: its parent now has the larger id, which restore must still load
    await source.dataSource.query(
      `WITH dev AS (
         INSERT INTO unit (code, name, short_name, category, parent_id, sort_order)
         SELECT 'KFQ', '示范县经济开发区', '开发区', 'town', id, 99 FROM unit WHERE code = 'XIAN' RETURNING id)
       UPDATE unit SET parent_id = (SELECT id FROM dev) WHERE code = 'T10'`,
    );
    // 佐证材料 are rows too (attachment + attachment_chunk): a scan of several chunks, attached through the API
    const login = await source.http.post('/api/v1/auth/login').send({ username: 'admin', password: DEMO_PASSWORD });
    const [signed] = await source.dataSource.query(
      `SELECT id FROM project WHERE signed_date IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1`,
    );
    const bytes = Buffer.concat([samplePdf('建筑工程施工许可证', ['编号：330522202604180101']), Buffer.alloc(600 * 1024, 0x20)]);
    const uploaded = await source.http
      .post(`/api/v1/projects/${signed.id}/attachments`)
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .field('kind', 'permit')
      .attach('file', bytes, '施工许可证扫描件.pdf')
      .expect(201);
    scan = { id: uploaded.body.id, bytes };
    ({ header } = await withClient(source.ownerUrl, (c) => backupToFile(c, file)));
  }, 90000);

  afterAll(async () => {
    for (const db of fresh) await db.drop();
    await source?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should back up the demo county and restore every row of every table into a fresh database, with an intact audit chain', async () => {
    const before = await fingerprint(source.ownerUrl);
    expect(header.schemaVersion).toBe(knownMigrations().at(-1));
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600'); // personal data and password hashes
    expect(header.tables.map((t) => t.name)).not.toContain('migrations');
    const counted = Object.fromEntries(header.tables.map((t) => [t.name, t.rows]));
    expect(counted).toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.rows])));
    expect(counted.project).toBeGreaterThan(50);
    expect(counted.audit_event).toBeGreaterThan(0);
    // parents first: the unit tree is saved in an order that loads
    expect(header.tables.findIndex((t) => t.name === 'unit')).toBeLessThan(
      header.tables.findIndex((t) => t.name === 'project'),
    );

    const target = await freshDatabase();
    const result = await restoreFromFile(target.url, file);
    expect(result.migrated).toEqual(knownMigrations());
    expect(result.tables).toEqual(header.tables.map((t) => ({ name: t.name, rows: t.rows })));

    const after = await fingerprint(target.url);
    const { scoring_data_version: versionBefore, ...restBefore } = before;
    const { scoring_data_version: versionAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    // the load is a write like any other: the scoring data version moves on once, so no cache mistakes the data
    const version = (url: string) =>
      withClient(url, async (c) =>
        Number((await c.query('SELECT version FROM scoring_data_version')).rows[0].version),
      );
    expect(versionAfter!.rows).toBe(1);
    expect(versionBefore!.rows).toBe(1);
    expect(await version(target.url)).toBe((await version(source.ownerUrl)) + 1);

    // the restored database serves: the chain verifies, and new rows (sequences reset past the loaded ids) extend it
    const restored = await createTestApp({ databaseUrl: target.url });
    try {
      const audit = restored.app.get(AuditService);
      expect(await audit.verifyChain()).toMatchObject({ checked: counted.audit_event, firstBrokenId: null, broken: [] });
      const login = await restored.http
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: DEMO_PASSWORD });
      expect(login.status).toBe(200);
      // the restored database serves the same attachment bytes
      const served = await restored.http
        .get(`/api/v1/attachments/${scan.id}`)
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(served.status).toBe(200);
      expect(Buffer.compare(served.body as Buffer, scan.bytes)).toBe(0);
      expect(counted.attachment_chunk).toBeGreaterThan(0);
      expect(await audit.verifyChain()).toMatchObject({
        checked: counted.audit_event! + 1,
        firstBrokenId: null,
      });
      const created = await restored.dataSource.query(
        `INSERT INTO unit (code, name, category, parent_id, sort_order)
         SELECT 'T99', '新设乡', 'town', id, 100 FROM unit WHERE code = 'XIAN' RETURNING id`,
      );
      const [{ max }] = await source.dataSource.query('SELECT max(id)::int AS max FROM unit');
      expect(created[0].id).toBe(max + 1);
    } finally {
      await restored.app.close();
    }
  }, 90000);

  it('should refuse to restore into a database that holds rows, and write nothing', async () => {
    const before = await fingerprint(source.ownerUrl);
    expect(await refusal(restoreFromFile(source.ownerUrl, file))).toMatch(
      /^the database is not empty \(table \w+ has rows\): restore only into a new, empty database$/,
    );
    expect(await fingerprint(source.ownerUrl)).toEqual(before);

    // a database Pacer has started on once holds its key already: not empty either
    const started = await freshDatabase();
    const app = await createTestApp({ databaseUrl: started.url });
    await app.app.close();
    const startedBefore = await fingerprint(started.url);
    expect(await refusal(restoreFromFile(started.url, file))).toBe(
      'the database is not empty (table app_setting has rows): restore only into a new, empty database',
    );
    expect(await fingerprint(started.url)).toEqual(startedBefore);
  }, 60000);

  it('should refuse a backup of a newer schema than this Pacer knows, before migrating anything', async () => {
    const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
    const newer = path.join(dir, 'newer.pacer.gz');
    fs.writeFileSync(
      newer,
      gzipSync(text.replace(/"schemaVersion":"\w+"/, '"schemaVersion":"TotpEnrolment1799999999999"')),
    );
    const target = await freshDatabase();
    expect(await refusal(restoreFromFile(target.url, newer))).toBe(
      `the backup is of schema version TotpEnrolment1799999999999, newer than this Pacer knows (${knownMigrations().at(-1)}): restore it with the Pacer that made it, or a newer one`,
    );
    expect(await fingerprint(target.url)).toEqual({});
  });

  it('should refuse a missing file, a file that is not a backup, a truncated backup and a damaged row in one line, loading no row', async () => {
    const bytes = fs.readFileSync(file);
    const text = gunzipSync(bytes).toString('utf8');
    const write = (name: string, data: Buffer | string) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const target = await freshDatabase();
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'missing.pacer.gz'), /^no such file: .*missing\.pacer\.gz$/],
      [
        write('ledger.csv', '责任单位,项目名称\n城关镇,智能装备产业园\n'),
        /^this is not a Pacer backup \(it is not gzip-compressed\)$/,
      ],
      [
        write('other.gz', gzipSync('项目台账\n')),
        /^this is not a Pacer backup \(it does not begin with PACER-BACKUP\)$/,
      ],
      [write('cut.pacer.gz', bytes.subarray(0, Math.floor(bytes.length * 0.7))), /truncated/],
      // the first project row's id made a word: the database refuses it, and the whole load rolls back
      [
        write('damaged.pacer.gz', gzipSync(text.replace(/(TABLE project\n)\d+\t/, '$1八\t'))),
        /^table project: the database refused the backup's rows: invalid input syntax for type integer: "八"/,
      ],
    ];
    for (const [name, message] of cases) {
      expect(await refusal(restoreFromFile(target.url, name))).toMatch(message);
      await withClient(target.url, async (c) => expect(await findNonEmptyTable(c)).toBeNull());
    }
  }, 60000);
});
