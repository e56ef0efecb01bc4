import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { Workbook } from 'exceljs';

import { ATTACHMENT_LIMITS } from '../src/modules/attachments/attachments.config';
import { samplePdf, samplePng } from '../src/database/seeds/demo-county/evidence-files';
import { createTestApp, type TestApp } from './create-test-app';
import { insertFund, insertPlan, insertProject } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser } from './factories/user.factory';
import { binary, buildZip, toXlsx } from './support/xlsx-fixtures';

/**
 * 佐证材料 (issue 15 part 1) on a real PostgreSQL: every accepted type stored and served back byte for byte, every
 * hostile file refused with its code and NOTHING stored (no row, no chunk, no audit event), the limits, the scoping
 * (another unit's ids), soft removal audited, the evidence checklist against the plan's required documents.
 */

const LIMITS = {
  maxFileBytes: 600 * 1024,
  maxProjectBytes: 1024 * 1024,
  maxUnzippedBytes: 2 * 1024 * 1024,
  maxEntries: 5000,
};

const CONTRACT = samplePdf('投资合作协议（摘要）', [
  '甲方：示范县青山镇人民政府',
  '乙方：浙江绿源食品集团有限公司',
  '协议投资额：12亿元',
]);
const PHOTO = samplePng(11);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
  Buffer.alloc(2000, 0x5a),
  Buffer.from([0xff, 0xd9]),
]);
const HEIC = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
  Buffer.alloc(3000, 7),
]);

function docx(extra: Array<{ name: string; data: Buffer; declaredSize?: number }> = []): Buffer {
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from(
        '<w:document><w:body><w:p><w:r><w:t>营业执照（副本）</w:t></w:r></w:p></w:body></w:document>',
      ),
    },
    ...extra,
  ]);
}
function pptx(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'ppt/presentation.xml', data: Buffer.from('<p:presentation/>') },
  ]);
}

describe('attachments: upload, hostile files, limits, scoping, removal (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let planId: number;
  let projectId: number;
  let signedEventId: number;
  const auth: Record<string, string> = {};

  const counts = async () => ({
    rows: (await t.dataSource.query('SELECT count(*)::int AS n FROM attachment'))[0].n as number,
    chunks: (await t.dataSource.query('SELECT count(*)::int AS n FROM attachment_chunk'))[0].n as number,
    audits: (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE object_type = 'attachment' AND action <> 'auth.denied'`,
      )
    )[0].n as number,
    denials: (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied'`)
    )[0].n as number,
  });

  const upload = (
    who: string,
    file: Buffer,
    name: string,
    fields: Record<string, string | number> = { kind: 'other' },
    project = projectId,
  ) => {
    let req = t.http.post(`/api/v1/projects/${project}/attachments`).set('Authorization', auth[who]!);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, String(v));
    return req.attach('file', file, name);
  };
  const fetchFile = (who: string, id: number) =>
    t.http.get(`/api/v1/attachments/${id}`).set('Authorization', auth[who]!).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: ATTACHMENT_LIMITS, useValue: LIMITS }] });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    await insertUser(t.dataSource, {
      username: 'rep_p01',
      roles: ['reporter'],
      unitIds: [units.P01!],
      displayName: '开发区填报员',
    });
    planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    projectId = await insertProject(t.dataSource, {
      code: 'XM2026-000211',
      name: '青山镇绿色食品精深加工项目',
      investorName: '浙江绿源食品集团有限公司',
      unitId: units.T02!,
      agreedWan: '120000',
      signedDate: '2026-03-20',
      // 开发区 is credited 30%: it reads the project, it does not edit it
      shares: [
        { unitId: units.T02!, pct: '70' },
        { unitId: units.P01!, pct: '30' },
      ],
    });
    const [event] = await t.dataSource.query(
      `INSERT INTO project_event (project_id, stage, event_date) VALUES ($1, 'signed', '2026-03-20') RETURNING id`,
      [projectId],
    );
    signedEventId = event.id;
    await insertFund(t.dataSource, projectId, '2026-04', '3500');
    for (const who of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01', 'rep_t02', 'rep_p01'])
      auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  describe('accepted types, stored and served back', () => {
    const FILES: Record<string, Buffer> = {
      pdf: CONTRACT,
      png: PHOTO,
      jpeg: JPEG,
      heic: HEIC,
      docx: docx(),
      pptx: pptx(),
    };
    it.each([
      ['合同.pdf', 'pdf', 'application/pdf', 'inline'],
      ['开工照片.png', 'png', 'image/png', 'inline'],
      ['现场照片.JPG', 'jpeg', 'image/jpeg', 'inline'],
      ['IMG_0412.HEIC', 'heic', 'image/heic', 'attachment'],
      [
        '营业执照.docx',
        'docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'attachment',
      ],
      [
        '汇报.pptx',
        'pptx',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        'attachment',
      ],
    ])('should store %s as %s and serve the same bytes', async (name, type, mime, disposition) => {
      const bytes = FILES[type]!;
      const res = await upload('rep_t02', bytes, name, { kind: 'other', note: '测试上传' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        projectId,
        type,
        contentType: mime,
        fileName: name,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploadedBy: '青山镇填报员',
        removedAt: null,
      });
      const got = await fetchFile('rep_t02', res.body.id);
      expect(got.status).toBe(200);
      expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
      expect(got.headers['content-type']).toBe(mime);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-disposition']).toBe(
        `${disposition}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    });

    it('should accept a real .xlsx (written by exceljs) as xlsx', async () => {
      const wb = new Workbook();
      wb.addWorksheet('到位资金').addRow(['月份', '金额（万元）']);
      const res = await upload('rep_t02', await toXlsx(wb), '到位资金明细.xlsx', {
        kind: 'fundVoucher',
        fundMonth: '2026-04',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        type: 'xlsx',
        kind: 'fundVoucher',
        fundMonth: '2026-04',
        eventId: null,
      });
    });

    it('should store a file larger than one chunk across chunks and give back every byte', async () => {
      const big = Buffer.concat([
        samplePdf('大文件', ['分块存储']).subarray(0, -6),
        Buffer.alloc(560 * 1024, 0x20),
        Buffer.from('%%EOF\n'),
      ]);
      const res = await upload('rep_t02', big, '扫描件.pdf', { kind: 'contract' });
      expect(res.status).toBe(201);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM attachment_chunk WHERE attachment_id = $1',
        [res.body.id],
      );
      expect(n).toBe(3);
      const got = await fetchFile('admin', res.body.id);
      expect(
        createHash('sha256')
          .update(got.body as Buffer)
          .digest('hex'),
      ).toBe(res.body.sha256);
      // leave room under the project limit for the rest of the file
      await t.http
        .delete(`/api/v1/attachments/${res.body.id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ reason: '测试大文件，已核对后删除' })
        .expect(200);
    });

    it('should give a name without extension the type’s, and strip folders and control characters', async () => {
      const res = await upload('rep_t02', PHOTO, '..\\..\\evil/\u202e现场\u200b照片');
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe('现场照片.png');
    });

    it('should audit the upload in the same transaction (attachment.create, no bytes in the event)', async () => {
      const res = await upload('rep_t02', CONTRACT, '投资协议.pdf', {
        kind: 'contract',
        eventId: signedEventId,
      });
      expect(res.status).toBe(201);
      const [event] = await t.dataSource.query(
        `SELECT action, username, after FROM audit_event WHERE object_type = 'attachment' AND object_id = $1`,
        [String(res.body.id)],
      );
      expect(event).toMatchObject({ action: 'attachment.create', username: 'rep_t02' });
      expect(event.after).toMatchObject({
        fileName: '投资协议.pdf',
        eventId: signedEventId,
        sha256: res.body.sha256,
      });
    });
  });

  describe('hostile and refused files: a clear code, nothing stored', () => {
    let before: Awaited<ReturnType<typeof counts>>;
    beforeEach(async () => {
      before = await counts();
    });
    afterEach(async () => {
      expect(await counts()).toEqual(before);
    });

    const refused = async (
      file: Buffer,
      name: string,
      status: number,
      code: string,
      fields?: Record<string, string | number>,
    ) => {
      const res = await upload('rep_t02', file, name, fields);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.requestId).toBeTruthy();
      return res.body;
    };

    it('should refuse a Windows executable renamed .pdf', async () => {
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4000, 1)]);
      const body = await refused(exe, '合同.pdf', 415, 'ATTACHMENT_TYPE_REFUSED');
      expect(body.details[0]).toMatchObject({ field: 'file', code: 'executable' });
    });

    it('should refuse an ELF binary and a shell script', async () => {
      await refused(
        Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100)]),
        '照片.jpg',
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
      await refused(Buffer.from('#!/bin/sh\nrm -rf /\n'), '说明.pdf', 415, 'ATTACHMENT_TYPE_REFUSED');
    });

    it('should refuse an HTML page renamed .pdf, and a PDF with a script in its first KiB', async () => {
      await refused(
        Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
        '合同.pdf',
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
      const sneaky = Buffer.concat([
        Buffer.from('%PDF-1.4\n% <script>alert(document.cookie)</script>\n'),
        CONTRACT.subarray(9),
      ]);
      const body = await refused(sneaky, '合同.pdf', 415, 'ATTACHMENT_HOSTILE');
      expect(body.details[0].code).toBe('html');
    });

    it('should refuse a polyglot: a PDF that is also a zip (a zip appended)', async () => {
      const body = await refused(Buffer.concat([CONTRACT, docx()]), '合同.pdf', 415, 'ATTACHMENT_HOSTILE');
      expect(body.details[0].code).toBe('zipInside');
    });

    it('should refuse a PNG with a zip appended', async () => {
      await refused(Buffer.concat([PHOTO, docx()]), '照片.png', 415, 'ATTACHMENT_HOSTILE');
    });

    it('should refuse a PDF with JavaScript or a launch action', async () => {
      const js = Buffer.from(
        CONTRACT.toString('latin1').replace(
          '/Type /Catalog',
          '/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>',
        ),
        'latin1',
      );
      const body = await refused(js, '合同.pdf', 415, 'ATTACHMENT_HOSTILE');
      expect(body.details[0].code).toBe('pdfActive');
      const launch = Buffer.from(
        CONTRACT.toString('latin1').replace(
          '/Type /Catalog',
          '/Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >>',
        ),
        'latin1',
      );
      await refused(launch, '合同.pdf', 415, 'ATTACHMENT_HOSTILE');
    });

    it('should refuse a PNG named .pdf (the extension disagrees with the content)', async () => {
      await refused(PHOTO, '合同.pdf', 415, 'ATTACHMENT_TYPE_MISMATCH');
    });

    it('should refuse a zip bomb inside an .xlsx, by its declared size and by a lying directory', async () => {
      const declared = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20) },
      ]);
      expect(declared.length).toBeLessThan(LIMITS.maxFileBytes);
      await refused(declared, '台账.xlsx', 413, 'ATTACHMENT_ZIP_BOMB');
      const lying = buildZip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20), declaredSize: 1000 },
      ]);
      await refused(lying, '台账.xlsx', 413, 'ATTACHMENT_ZIP_BOMB');
    });

    it('should refuse Office files with macros, a plain zip and a legacy .doc', async () => {
      const body = await refused(
        docx([{ name: 'word/vbaProject.bin', data: Buffer.alloc(100, 1) }]),
        '执照.docx',
        415,
        'ATTACHMENT_HOSTILE',
      );
      expect(body.details[0].code).toBe('macros');
      await refused(
        buildZip([{ name: 'a.txt', data: Buffer.from('x') }]),
        '材料.docx',
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
      await refused(
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000)]),
        '旧合同.doc',
        415,
        'ATTACHMENT_TYPE_REFUSED',
      );
    });

    it('should refuse a file over the per-file limit with 413 and its code', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMITS.maxFileBytes + 10, 0x20)]);
      await refused(big, '超大扫描件.pdf', 413, 'ATTACHMENT_TOO_LARGE');
    });

    it('should refuse an empty file, a missing file part and bad fields', async () => {
      await refused(Buffer.alloc(0), '空.pdf', 415, 'ATTACHMENT_TYPE_REFUSED');
      const none = await t.http
        .post(`/api/v1/projects/${projectId}/attachments`)
        .set('Authorization', auth.rep_t02!)
        .field('kind', 'contract');
      expect({ status: none.status, code: none.body.code }).toEqual({
        status: 400,
        code: 'ATTACHMENT_NO_FILE',
      });
      const json = await t.http
        .post(`/api/v1/projects/${projectId}/attachments`)
        .set('Authorization', auth.rep_t02!)
        .send({ kind: 'contract' });
      expect(json.body.code).toBe('ATTACHMENT_NO_FILE');
      const badKind = await refused(CONTRACT, '合同.pdf', 400, 'VALIDATION_FAILED', { kind: 'virus' });
      expect(badKind.details[0].field).toBe('kind');
      await refused(CONTRACT, '合同.pdf', 400, 'VALIDATION_FAILED', { kind: 'contract', unitId: units.T01! });
      const otherEvent = await refused(CONTRACT, '合同.pdf', 422, 'BUSINESS_RULE_VIOLATION', {
        kind: 'contract',
        eventId: 999999,
      });
      expect(otherEvent.details[0].field).toBe('eventId');
      await refused(CONTRACT, '合同.pdf', 422, 'BUSINESS_RULE_VIOLATION', {
        kind: 'fundVoucher',
        fundMonth: '2026-05',
      });
      await refused(CONTRACT, '合同.pdf', 422, 'BUSINESS_RULE_VIOLATION', {
        kind: 'contract',
        eventId: signedEventId,
        fundMonth: '2026-04',
      });
    });

    it('should refuse two files in one upload', async () => {
      const res = await t.http
        .post(`/api/v1/projects/${projectId}/attachments`)
        .set('Authorization', auth.rep_t02!)
        .field('kind', 'contract')
        .attach('file', CONTRACT, 'a.pdf')
        .attach('file', CONTRACT, 'b.pdf');
      expect(res.body.code).toBe('ATTACHMENT_NO_FILE');
    });

    it('should store nothing when the client aborts in the middle of the file', async () => {
      const server = t.app.getHttpServer() as http.Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, () => resolve()));
      const port = (server.address() as AddressInfo).port;
      const boundary = '----pacer-abort';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontract\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="合同.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      await new Promise<void>((resolve) => {
        const req = http.request({
          port,
          method: 'POST',
          path: `/api/v1/projects/${projectId}/attachments`,
          headers: {
            Authorization: auth.rep_t02!,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': String(head.length + 500_000),
          },
        });
        req.on('error', () => resolve());
        req.on('response', () => resolve());
        req.write(head);
        req.write(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 0x20)]));
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300);
      });
      // the server notices the cut, rolls back and gives its connection back (no transaction left open)
      await new Promise((r) => setTimeout(r, 500));
      const [open] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(open.n).toBe(0);
    });
  });

  describe('limits per project', () => {
    it('should refuse the file that would take the project over its limit, and take it after a removal', async () => {
      const other = await insertProject(t.dataSource, {
        code: 'XM2026-000212',
        name: '青山镇冷链物流园项目',
        investorName: '江苏顺达冷链物流有限公司',
        unitId: units.T02!,
        agreedWan: '30000',
        signedDate: '2026-04-02',
      });
      const scan = (n: number) =>
        Buffer.concat([Buffer.from(`%PDF-1.4\n%${n}\n`), Buffer.alloc(400 * 1024, 0x20)]);
      const first = await upload('rep_t02', scan(1), '扫描件1.pdf', { kind: 'contract' }, other);
      await upload('rep_t02', scan(2), '扫描件2.pdf', { kind: 'contract' }, other).expect(201);
      const before = await counts();
      const full = await upload('rep_t02', scan(3), '扫描件3.pdf', { kind: 'contract' }, other);
      expect({ status: full.status, code: full.body.code }).toEqual({
        status: 413,
        code: 'ATTACHMENT_PROJECT_FULL',
      });
      expect(await counts()).toEqual(before);
      await t.http
        .delete(`/api/v1/attachments/${first.body.id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ reason: '重复上传，删除一份' })
        .expect(200);
      await upload('rep_t02', scan(3), '扫描件3.pdf', { kind: 'contract' }, other).expect(201);
      const list = await t.http
        .get(`/api/v1/projects/${other}/attachments`)
        .set('Authorization', auth.rep_t02!)
        .expect(200);
      expect(list.body.usedBytes).toBe(2 * scan(1).length);
      expect(list.body.maxProjectBytes).toBe(LIMITS.maxProjectBytes);
    });
  });

  describe('scoping: who may list, download, upload and remove', () => {
    let fileId: number;
    beforeAll(async () => {
      fileId = (await upload('rep_t02', PHOTO, '开工现场.png', { kind: 'startPhoto' })).body.id;
    });

    it('should let the leader, the admin and the credited unit read; another unit and the administrators not', async () => {
      for (const who of ['rep_t02', 'admin', 'leader', 'rep_p01']) {
        await t.http
          .get(`/api/v1/projects/${projectId}/attachments`)
          .set('Authorization', auth[who]!)
          .expect(200);
        expect((await fetchFile(who, fileId)).status).toBe(200);
      }
      for (const who of ['rep_t01']) {
        expect(
          (await t.http.get(`/api/v1/projects/${projectId}/attachments`).set('Authorization', auth[who]!))
            .status,
        ).toBe(404);
        const res = await fetchFile(who, fileId);
        expect(res.status).toBe(404);
        expect((res.body as Buffer).toString()).not.toContain('开工现场');
      }
      for (const who of ['sysadmin', 'auditor']) {
        expect((await fetchFile(who, fileId)).status).toBe(403);
      }
    });

    it('should refuse uploads and removals by another unit, the credited unit and the leader, and change nothing', async () => {
      const before = await counts();
      expect((await upload('rep_t01', PHOTO, '照片.png')).status).toBe(404);
      expect((await upload('rep_p01', PHOTO, '照片.png')).status).toBe(403);
      expect((await upload('leader', PHOTO, '照片.png')).status).toBe(403);
      for (const who of ['rep_t01', 'rep_p01', 'leader', 'auditor']) {
        const res = await t.http
          .delete(`/api/v1/attachments/${fileId}`)
          .set('Authorization', auth[who]!)
          .send({ reason: '不是本单位的材料' });
        expect([403, 404]).toContain(res.status);
      }
      // the refusals are recorded as auth.denied (AUD-1), nothing else
      expect(await counts()).toEqual({ ...before, denials: (await counts()).denials });
      expect((await counts()).denials).toBeGreaterThan(before.denials);
      const [row] = await t.dataSource.query('SELECT removed_at FROM attachment WHERE id = $1', [fileId]);
      expect(row.removed_at).toBeNull();
    });

    it('should answer 404 for an attachment id that does not exist', async () => {
      expect((await fetchFile('admin', 987654)).status).toBe(404);
    });
  });

  describe('soft removal', () => {
    it('should keep the row and bytes, audit who and why, hide it from the lists and the reporter, show it to an admin', async () => {
      const id = (await upload('rep_t02', CONTRACT, '错传的合同.pdf', { kind: 'contract' })).body
        .id as number;
      const noReason = await t.http
        .delete(`/api/v1/attachments/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.details[0].field).toBe('reason');
      const res = await t.http
        .delete(`/api/v1/attachments/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ reason: '误传了其他项目的合同' })
        .expect(200);
      expect(res.body).toMatchObject({
        id,
        removedBy: '青山镇填报员',
        removedReason: '误传了其他项目的合同',
      });
      const again = await t.http
        .delete(`/api/v1/attachments/${id}`)
        .set('Authorization', auth.rep_t02!)
        .send({ reason: '再删一次' });
      expect({ status: again.status, code: again.body.code }).toEqual({
        status: 409,
        code: 'ATTACHMENT_REMOVED',
      });
      const [audit] = await t.dataSource.query(
        `SELECT before, after, detail, username FROM audit_event WHERE action = 'attachment.remove' AND object_id = $1`,
        [String(id)],
      );
      expect(audit.username).toBe('rep_t02');
      expect(audit.detail).toMatchObject({ reason: '误传了其他项目的合同' });
      expect(audit.before.removedAt).toBeNull();
      expect(audit.after.removedAt).toBeTruthy();
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM attachment_chunk WHERE attachment_id = $1',
        [id],
      );
      expect(n).toBe(1);

      const mine = await t.http
        .get(`/api/v1/projects/${projectId}/attachments?includeRemoved=true`)
        .set('Authorization', auth.rep_t02!)
        .expect(200);
      expect(mine.body.items.map((a: { id: number }) => a.id)).not.toContain(id);
      expect((await fetchFile('rep_t02', id)).status).toBe(404);
      const admins = await t.http
        .get(`/api/v1/projects/${projectId}/attachments?includeRemoved=true`)
        .set('Authorization', auth.admin!)
        .expect(200);
      expect(admins.body.items.find((a: { id: number }) => a.id === id)).toMatchObject({
        removedReason: '误传了其他项目的合同',
      });
      const kept = await fetchFile('admin', id);
      expect(Buffer.compare(kept.body as Buffer, CONTRACT)).toBe(0);
    });
  });

  describe('the evidence checklist against the plan’s required documents', () => {
    it('should list each reached step with whether one of its kinds is attached', async () => {
      const bare = await insertProject(t.dataSource, {
        code: 'XM2026-000213',
        name: '青山镇光伏组件项目',
        investorName: '隆基绿能科技股份有限公司',
        unitId: units.T02!,
        agreedWan: '80000',
        signedDate: '2026-05-08',
        startedDate: '2026-06-18',
      });
      await t.dataSource.query(
        `INSERT INTO project_event (project_id, stage, event_date) VALUES ($1, 'signed', '2026-05-08'), ($1, 'started', '2026-06-18')`,
        [bare],
      );
      await insertFund(t.dataSource, bare, '2026-07', '5000');
      const check = async () =>
        (
          await t.http
            .get(`/api/v1/projects/${bare}/attachments?planId=${planId}`)
            .set('Authorization', auth.rep_t02!)
            .expect(200)
        ).body;
      let body = await check();
      expect(body.requiredDocuments).toEqual({
        signed: ['contract'],
        started: ['permit', 'startPhoto'],
        fund: ['fundVoucher'],
      });
      expect(
        body.checklist.map((c: { step: string; isMet: boolean; fundMonth: string | null }) => [
          c.step,
          c.fundMonth,
          c.isMet,
        ]),
      ).toEqual([
        ['signed', null, false],
        ['started', null, false],
        ['fund', '2026-07', false],
      ]);
      await upload('rep_t02', CONTRACT, '合同.pdf', { kind: 'contract' }, bare).expect(201);
      await upload('rep_t02', PHOTO, '开工.png', { kind: 'startPhoto' }, bare).expect(201);
      body = await check();
      expect(body.checklist.map((c: { isMet: boolean }) => c.isMet)).toEqual([true, true, false]);
      // a voucher for the project as a whole is not a voucher of the month
      await upload('rep_t02', PHOTO, '回单.png', { kind: 'fundVoucher' }, bare).expect(201);
      expect((await check()).checklist[2].isMet).toBe(false);
      await upload(
        'rep_t02',
        PHOTO,
        '七月回单.png',
        { kind: 'fundVoucher', fundMonth: '2026-07' },
        bare,
      ).expect(201);
      expect((await check()).checklist[2].isMet).toBe(true);

      // the plan says 开工 needs the permit itself: the photo no longer satisfies it
      const plan = (await t.http.get(`/api/v1/plans/${planId}`).set('Authorization', auth.admin!).expect(200))
        .body;
      const bad = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version: plan.version, requiredDocuments: { started: ['permit', 'permit'] } });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('requiredDocuments');
      const badStep = await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({ version: plan.version, requiredDocuments: { dropped: ['other'] } });
      expect(badStep.status).toBe(400);
      await t.http
        .patch(`/api/v1/plans/${planId}`)
        .set('Authorization', auth.admin!)
        .send({
          version: plan.version,
          requiredDocuments: { signed: ['contract', 'license'], started: ['permit'] },
        })
        .expect(200);
      body = await check();
      expect(body.checklist.map((c: { step: string; isMet: boolean }) => [c.step, c.isMet])).toEqual([
        ['signed', true],
        ['started', false],
      ]);
    });
  });
});
