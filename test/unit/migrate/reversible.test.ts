import { describe, expect, it } from 'vitest';
import {
  alembicDowngradeIsEmpty,
  alembicRevisionOf,
  FILE_MARK,
  findIrreversible,
  irreversibleMessage,
  nodePgMigrateNoDown,
  parseListing,
} from '../../../actions/migrate/reversible.js';

const rev = (id: string, downgrade: string) =>
  `"""${id}"""\nfrom alembic import op\n\nrevision = '${id}'\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("CREATE TABLE t (id int)")\n\n\n${downgrade}\n`;

describe('alembic', () => {
  it('reads the revision id, with or without a type annotation', () => {
    expect(alembicRevisionOf(rev('0002_a', 'def downgrade():\n    pass'))).toBe('0002_a');
    expect(alembicRevisionOf('revision: str = "abc123"\n')).toBe('abc123');
  });
  it('a downgrade that only passes (docstring, comments, typed signature) is empty; a real one is not', () => {
    expect(alembicDowngradeIsEmpty(rev('x', 'def downgrade():\n    pass'))).toBe(true);
    expect(
      alembicDowngradeIsEmpty(
        rev('x', 'def downgrade() -> None:\n    """Irreversible."""\n    # nothing to do\n    pass'),
      ),
    ).toBe(true);
    expect(alembicDowngradeIsEmpty(rev('x', 'def downgrade(): pass'))).toBe(true);
    expect(alembicDowngradeIsEmpty(rev('x', 'def downgrade():\n    op.drop_table("t")'))).toBe(false);
    expect(alembicDowngradeIsEmpty('revision = "x"\n')).toBeUndefined();
  });
});

describe('node-pg-migrate', () => {
  it('down = false or no down is irreversible; a down function or a Down section is not', () => {
    expect(nodePgMigrateNoDown('1_a.js', 'exports.up = (pgm) => {};\nexports.down = false;\n')).toMatch(
      /down = false/,
    );
    expect(nodePgMigrateNoDown('1_a.js', 'exports.up = (pgm) => {};\n')).toMatch(/no down/);
    expect(
      nodePgMigrateNoDown('1_a.js', 'exports.up = () => {};\nexports.down = (pgm) => pgm.dropTable("t");\n'),
    ).toBeUndefined();
    expect(
      nodePgMigrateNoDown('1_a.mjs', 'export const up = () => {};\nexport async function down(pgm) {}\n'),
    ).toBeUndefined();
    expect(nodePgMigrateNoDown('1_a.sql', '-- Up Migration\nCREATE TABLE t (id int);\n')).toMatch(
      /no "-- Down/,
    );
    expect(nodePgMigrateNoDown('1_a.sql', '-- Up Migration\nCREATE TABLE t();\n-- Down Migration\n')).toMatch(
      /empty/,
    );
    expect(
      nodePgMigrateNoDown(
        '1_a.sql',
        '-- Up Migration\nCREATE TABLE t();\n-- Down Migration\nDROP TABLE t;\n',
      ),
    ).toBeUndefined();
  });
});

describe('findIrreversible', () => {
  it('names each applied migration without a down step, and those whose file is not found', () => {
    const listing = [
      `${FILE_MARK}migrations/versions/0002_a.py`,
      rev('0002_a', 'def downgrade():\n    op.drop_table("t")'),
      `${FILE_MARK}migrations/versions/0003_b.py`,
      rev('0003_b', 'def downgrade():\n    pass'),
    ].join('\n');
    const files = parseListing(listing);
    expect([...files.keys()]).toEqual(['migrations/versions/0002_a.py', 'migrations/versions/0003_b.py']);
    const found = findIrreversible('alembic', ['0002_a', '0003_b', '0004_c'], files);
    expect(found).toEqual([
      { id: '0003_b', file: 'migrations/versions/0003_b.py', reason: 'its downgrade() only passes' },
      { id: '0004_c', file: undefined, reason: 'no file in the versions folder declares this revision' },
    ]);
    const msg = irreversibleMessage(found, {
      allowInput: 'migrate-allow-irreversible',
      backupPath: '/b/x.dump',
    });
    expect(msg).toMatch(/0003_b \(migrations\/versions\/0003_b.py\): its downgrade\(\) only passes/);
    expect(msg).toMatch(/Nothing was changed/);
    expect(msg).toMatch(/migrate-allow-irreversible: true/);
    expect(
      findIrreversible('node-pg-migrate', ['1_a'], new Map([['migrations/1_a.js', 'exports.down = false']])),
    ).toHaveLength(1);
  });
});
