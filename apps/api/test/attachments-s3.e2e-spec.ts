import { createHash } from 'node:crypto';

import { samplePdf, samplePng } from '../src/database/seeds/demo-county/evidence-files';
import { ATTACHMENT_STORE } from '../src/modules/attachments/attachment-store';
import { ATTACHMENT_LIMITS } from '../src/modules/attachments/attachments.config';
import { S3AttachmentStore } from '../src/modules/attachments/s3-attachment.store';
import { createTestApp, type TestApp } from './create-test-app';
import { insertProject } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { type FakeS3, startFakeS3 } from './support/fake-s3';
import { binary, buildZip } from './support/xlsx-fixtures';

/**
 * PACER_ATTACHMENT_STORE=s3 against an in-memory S3 (test/support/fake-s3.ts, which checks every SigV4 signature):
 * a large file goes up as a multipart upload and comes back whole, a small one as one PUT, the Office check reads the
 * object by range, and a refused or failed upload leaves no object behind (deleted, or the multipart aborted).
 */

const CREDS = {
  accessKeyId: 'PACERTESTKEY',
  secretAccessKey: 'pacer-test-secret-0123456789',
  region: 'cn-north-1',
};
const LIMITS = {
  maxFileBytes: 16 * 1024 * 1024,
  maxProjectBytes: 64 * 1024 * 1024,
  maxUnzippedBytes: 2 * 1024 * 1024,
  maxEntries: 5000,
};

describe('attachments in an S3-compatible store (e2e)', () => {
  let s3: FakeS3;
  let t: TestApp;
  let projectId: number;
  let auth: string;

  beforeAll(async () => {
    s3 = await startFakeS3('pacer-evidence', CREDS);
    const store = new S3AttachmentStore({ ...CREDS, endpoint: s3.url, bucket: 'pacer-evidence' });
    t = await createTestApp({
      overrides: [
        { provide: ATTACHMENT_STORE, useValue: store },
        { provide: ATTACHMENT_LIMITS, useValue: LIMITS },
      ],
    });
    const units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    projectId = await insertProject(t.dataSource, {
      code: 'XM2026-000401',
      name: '青山镇新能源电池材料项目',
      investorName: '宁德时代新能源科技股份有限公司',
      unitId: units.T02!,
      agreedWan: '150000',
      signedDate: '2026-06-10',
    });
    auth = await bearer(t.http, 'rep_t02');
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const upload = (file: Buffer, name: string, kind = 'contract') =>
    t.http
      .post(`/api/v1/projects/${projectId}/attachments`)
      .set('Authorization', auth)
      .field('kind', kind)
      .attach('file', file, name);
  const download = (id: number) =>
    t.http.get(`/api/v1/attachments/${id}`).set('Authorization', auth).buffer(true).parse(binary);

  it('should send a 12 MiB scan as a multipart upload and serve the same bytes back', async () => {
    const scan = Buffer.concat([samplePdf('投资合作协议', ['扫描件']), Buffer.alloc(12 * 1024 * 1024, 0x20)]);
    const before = s3.requests.length;
    const res = await upload(scan, '投资合作协议扫描件.pdf');
    expect(res.status).toBe(201);
    expect(s3.requests.slice(before)).toEqual([
      'POST uploads',
      'PUT partNumber&uploadId',
      'PUT partNumber&uploadId',
      'PUT partNumber&uploadId',
      'POST uploadId',
    ]);
    const [row] = await t.dataSource.query('SELECT store, object_key FROM attachment WHERE id = $1', [
      res.body.id,
    ]);
    expect(row.store).toBe('s3');
    expect(row.object_key).toMatch(/^attachments\/[0-9a-f-]{36}$/);
    expect(Buffer.compare(s3.objects.get(row.object_key)!, scan)).toBe(0);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM attachment_chunk');
    expect(n).toBe(0);
    const back = await download(res.body.id);
    expect(back.status).toBe(200);
    expect(
      createHash('sha256')
        .update(back.body as Buffer)
        .digest('hex'),
    ).toBe(res.body.sha256);
  });

  it('should send a small photo as one PUT, and check an Office file by ranged reads of the object', async () => {
    const photo = await upload(samplePng(3), '开工照片.png', 'startPhoto');
    expect(photo.status).toBe(201);
    const docx = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document>营业执照</w:document>') },
    ]);
    const before = s3.requests.length;
    const res = await upload(docx, '营业执照.docx', 'license');
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('docx');
    expect(s3.requests.slice(before).filter((r) => r === 'GET -').length).toBeGreaterThan(1);
  });

  it('should leave no object when the upload is refused after it was stored (zip bomb) or mid-way (a script at the end)', async () => {
    const objects = s3.objects.size;
    const bomb = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20) },
    ]);
    expect((await upload(bomb, '台账.xlsx')).body.code).toBe('ATTACHMENT_ZIP_BOMB');
    const active = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      Buffer.alloc(11 * 1024 * 1024, 0x20),
      Buffer.from('/OpenAction << /S /JavaScript >>'),
    ]);
    expect((await upload(active, '合同.pdf')).body.code).toBe('ATTACHMENT_HOSTILE');
    expect(s3.objects.size).toBe(objects);
    expect(s3.uploads.size).toBe(0);
    expect(s3.requests).toContain('DELETE -');
    expect(s3.requests).toContain('DELETE uploadId');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM attachment WHERE store = 's3'`);
    expect(n).toBe(3);
  });
});
