import { BackupError } from './backup-format';
import { orderByForeignKeys } from './table-order';

describe(orderByForeignKeys.name, () => {
  it('should put every table after the tables its foreign keys point at', () => {
    const order = orderByForeignKeys([
      { name: 'report_value', references: ['monthly_report', 'indicator'] },
      { name: 'monthly_report', references: ['plan', 'unit', 'app_user'] },
      { name: 'indicator', references: ['plan'] },
      { name: 'plan', references: ['unit'] },
      { name: 'unit', references: ['unit'] }, // parent_id: a self-reference does not block
      { name: 'app_user', references: [] },
    ]);
    expect(order).toEqual(['app_user', 'unit', 'plan', 'indicator', 'monthly_report', 'report_value']);
  });

  it('should ignore references to tables that are not saved', () => {
    expect(orderByForeignKeys([{ name: 'project', references: ['migrations'] }])).toEqual(['project']);
  });

  it('should refuse a cycle between two tables', () => {
    expect(() =>
      orderByForeignKeys([
        { name: 'a', references: ['b'] },
        { name: 'b', references: ['a'] },
        { name: 'c', references: [] },
      ]),
    ).toThrow(new BackupError('the foreign keys of tables a, b form a cycle'));
  });
});
