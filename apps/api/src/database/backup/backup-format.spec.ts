import {
  BACKUP_FORMAT_VERSION,
  type BackupEvent,
  type BackupHeader,
  BackupError,
  BackupParser,
  END_OF_TABLE_LINE,
  formatHeader,
  parseHeader,
  tableLine,
  TRAILER_LINE,
} from './backup-format';

const HEADER: BackupHeader = {
  formatVersion: BACKUP_FORMAT_VERSION,
  schemaVersion: 'AuditRetention1765300000000',
  createdAt: '2026-06-15T04:00:00.000Z',
  serverVersion: '18.1',
  tables: [
    { name: 'unit', columns: ['id', 'code', 'name', 'parent_id'], rows: 2 },
    { name: 'audit_event', columns: ['id', 'action', 'detail'], rows: 0 },
    { name: 'project', columns: ['id', 'name'], rows: 1 },
  ],
};

// COPY text format: tab-separated, \N for NULL, backslashes escaped; Chinese bytes pass through as UTF-8
const UNIT_ROWS = '1\tXIAN\t示范县\t\\N\n2\tT01\t城关镇\t1\n';
const PROJECT_ROWS = '7\t智能装备产业园\\\\一期\\.\n';

function file(body?: string): Buffer {
  return Buffer.from(
    body ??
      formatHeader(HEADER) +
        tableLine('unit') +
        UNIT_ROWS +
        END_OF_TABLE_LINE +
        tableLine('audit_event') +
        END_OF_TABLE_LINE +
        tableLine('project') +
        PROJECT_ROWS +
        END_OF_TABLE_LINE +
        TRAILER_LINE,
  );
}

/** Feeds the bytes in pieces of `size` (1 splits every UTF-8 character); answers the data per table and the events. */
function parse(bytes: Buffer, size = bytes.length) {
  const sut = new BackupParser();
  const events: BackupEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...sut.push(bytes.subarray(i, i + size)));
  sut.finish();
  const data: Record<string, Buffer[]> = {};
  let current = '';
  for (const e of events) {
    if (e.type === 'table') current = e.table.name;
    if (e.type === 'data') (data[current] ??= []).push(Buffer.from(e.chunk));
  }
  return {
    types: events.map((e) => e.type),
    text: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.concat(v).toString('utf8')])),
    header: events.find((e) => e.type === 'header')?.header,
  };
}

function failure(bytes: Buffer): string {
  try {
    parse(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    return (error as Error).message;
  }
  throw new Error('expected the parser to refuse the file');
}

describe(BackupParser.name, () => {
  it('should give back the header and every table’s rows byte for byte when read in one piece', () => {
    const { types, text, header } = parse(file());
    expect(header).toEqual(HEADER);
    expect(types).toEqual([
      'header',
      'table',
      'data',
      'tableEnd',
      'table',
      'tableEnd',
      'table',
      'data',
      'tableEnd',
      'end',
    ]);
    expect(text).toEqual({ unit: UNIT_ROWS, project: PROJECT_ROWS });
  });

  it.each([1, 2, 3, 7, 64])(
    'should give back the same rows when the bytes arrive in pieces of %i',
    (size) => {
      const { text, header } = parse(file(), size);
      expect(header).toEqual(HEADER);
      expect(text).toEqual({ unit: UNIT_ROWS, project: PROJECT_ROWS });
    },
  );

  it('should only ever pass on whole lines, so a row split across chunks reaches COPY whole', () => {
    const sut = new BackupParser();
    const bytes = file();
    const chunks: string[] = [];
    for (let i = 0; i < bytes.length; i += 5) {
      for (const e of sut.push(bytes.subarray(i, i + 5)))
        if (e.type === 'data') chunks.push(e.chunk.toString('utf8'));
    }
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
  });

  it('should not end a table at an escaped backslash-dot inside a row', () => {
    // a one-column row whose value is "\." is written by COPY as "\\." — not the end marker
    const header = { ...HEADER, tables: [{ name: 'unit', columns: ['name'], rows: 2 }] };
    const rows = '\\\\.\n示范县\n';
    const { text } = parse(
      Buffer.from(formatHeader(header) + tableLine('unit') + rows + END_OF_TABLE_LINE + TRAILER_LINE),
      1,
    );
    expect(text.unit).toBe(rows);
  });

  it('should refuse a file that is not a Pacer backup', () => {
    expect(failure(Buffer.from('name,code\n示范县,XIAN\n'))).toMatch(/not a Pacer backup/);
    expect(failure(Buffer.from('x'.repeat(10_000)))).toMatch(/not a Pacer backup/);
    expect(failure(Buffer.alloc(0))).toMatch(/empty/);
  });

  it('should refuse a file cut short, wherever it was cut', () => {
    const bytes = file();
    for (const cut of [5, 20, bytes.indexOf('TABLE unit') + 3, bytes.indexOf('城关镇'), bytes.length - 2]) {
      expect(failure(bytes.subarray(0, cut))).toMatch(/truncated|not a Pacer backup/);
    }
    expect(failure(bytes.subarray(0, bytes.indexOf('城关镇')))).toMatch(
      /in table unit: the file is truncated/,
    );
  });

  it('should refuse tables out of the header’s order, a missing table and data after the end', () => {
    const swapped = file().toString('utf8').replace('TABLE audit_event', 'TABLE project');
    expect(failure(Buffer.from(swapped))).toMatch(/where table audit_event should begin/);
    const missing = formatHeader(HEADER) + tableLine('unit') + UNIT_ROWS + END_OF_TABLE_LINE + TRAILER_LINE;
    expect(failure(Buffer.from(missing))).toMatch(/ends after 1 of its 3 tables/);
    expect(failure(Buffer.concat([file(), Buffer.from('TABLE unit\n')]))).toMatch(
      /data after its end marker/,
    );
  });
});

describe(parseHeader.name, () => {
  const line = (patch: Record<string, unknown>) => JSON.stringify({ ...HEADER, ...patch });

  it('should read a valid header', () => {
    expect(parseHeader(JSON.stringify(HEADER))).toEqual(HEADER);
  });

  it('should refuse a header made by a newer Pacer in one sentence that says what to do', () => {
    expect(() => parseHeader(line({ formatVersion: BACKUP_FORMAT_VERSION + 1 }))).toThrow(
      `the backup is in format ${BACKUP_FORMAT_VERSION + 1}, made by a newer Pacer; this one reads format ${BACKUP_FORMAT_VERSION}: upgrade Pacer first`,
    );
  });

  it.each([
    ['not JSON', '{"formatVersion":1,', /not JSON/],
    ['an array', '[]', /not an object/],
    ['no format version', line({ formatVersion: undefined }), /formatVersion/],
    ['a bad schema version', line({ schemaVersion: 'DROP TABLE unit;' }), /schema version/],
    ['no tables', line({ tables: [] }), /no tables/],
    [
      'a table name that is not an identifier',
      line({ tables: [{ name: 'unit; DROP', columns: ['id'], rows: 0 }] }),
      /table #1/,
    ],
    ['a twice-listed table', line({ tables: [HEADER.tables[0], HEADER.tables[0]] }), /table #2/],
    [
      'a bad column',
      line({ tables: [{ name: 'unit', columns: ['id', 'na"me'], rows: 0 }] }),
      /columns of table unit/,
    ],
    [
      'a negative row count',
      line({ tables: [{ name: 'unit', columns: ['id'], rows: -1 }] }),
      /row count of table unit/,
    ],
  ])('should refuse a header with %s', (_what, text, message) => {
    expect(() => parseHeader(text)).toThrow(message);
  });
});
